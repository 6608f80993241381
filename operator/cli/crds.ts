/** `cce-operator crds`: the CustomResourceDefinitions the operator serves, as one multi-document YAML stream. */
import { stringify } from 'yaml';
import { allCrds } from '../resources/crds.js';

export function crdsYaml(): string {
  return allCrds()
    .map((crd) => `---\n${stringify(crd, { lineWidth: 0 })}`)
    .join('');
}
