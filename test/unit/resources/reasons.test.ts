// Reasons are exported constants the code emits and the tests import: none may be declared and never emitted.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reason as AddonReason } from '../../../operator/resources/addon/reasons.js';
import { Reason as ClusterReason } from '../../../operator/resources/cluster/reasons.js';
import { ManagedReason } from '../../../operator/resources/managed/reasons.js';
import { Reason as NodePoolReason } from '../../../operator/resources/nodepool/reasons.js';

const operator = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'operator');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('reasons.ts') ? [p] : [];
  });
}

describe('resources: every declared reason is emitted by the code', () => {
  const code = sources(operator)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const cases = { managed: ManagedReason, cluster: ClusterReason, nodepool: NodePoolReason, addon: AddonReason };
  for (const [reason, table] of Object.entries(cases)) {
    it(`${reason} reasons`, () => {
      const unused = Object.keys(table).filter((k) => !new RegExp(`Reason\\.${k}\\b`).test(code));
      expect(unused).to.deep.equal([]);
    });
  }
});
