/** docs/crd-reference.md and docs/flags.md are what hack/gen-docs.ts generates from the schemas and operator/config.ts. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdReference, flagsReference } from '../../../hack/docs-render.js';
import { SETTINGS } from '../../../operator/config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('generated docs', () => {
  it('docs/crd-reference.md is current (npx tsx hack/gen-docs.ts)', () => {
    expect(read('docs/crd-reference.md') === crdReference(), 'docs/crd-reference.md is stale').to.equal(true);
    expect(crdReference()).to.include('| `spec.hostNetwork` |');
  });

  it('docs/flags.md is current and names every flag', () => {
    expect(read('docs/flags.md') === flagsReference(), 'docs/flags.md is stale').to.equal(true);
    for (const s of SETTINGS) expect(flagsReference()).to.include(`\`--${s.flag}\``);
  });
});
