/** Every CRD the operator serves; `make crds` writes them to crds/. */
import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { cceaddonCrd } from './addon/crd.js';
import { cceclusterCrd } from './cluster/crd.js';
import { ccenodepoolCrd } from './nodepool/crd.js';

export function allCrds(): V1CustomResourceDefinition[] {
  return [cceclusterCrd, ccenodepoolCrd, cceaddonCrd];
}
