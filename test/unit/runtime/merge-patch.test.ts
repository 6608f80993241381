import { expect } from 'chai';
import { jsonEqual, mergePatch } from '../../../operator/runtime/merge-patch.js';

describe('runtime/merge-patch', () => {
  const cases: Record<string, { reason: string; cur: unknown; want: unknown; patch: unknown }> = {
    equal: {
      reason: 'no patch when equal, regardless of key order',
      cur: { a: 1, b: { c: 2, d: 3 } },
      want: { b: { d: 3, c: 2 }, a: 1 },
      patch: undefined,
    },
    'undefined fields': { reason: 'undefined equals absent', cur: { a: 1 }, want: { a: 1, b: undefined }, patch: undefined },
    changed: {
      reason: 'only the changed leaf',
      cur: { a: 1, b: { c: 2, d: 3 } },
      want: { a: 1, b: { c: 5, d: 3 } },
      patch: { b: { c: 5 } },
    },
    removed: { reason: 'removed fields become null', cur: { a: 1, jobID: 'j' }, want: { a: 1 }, patch: { jobID: null } },
    added: { reason: 'new fields added', cur: {}, want: { phase: 'Creating' }, patch: { phase: 'Creating' } },
    arrays: { reason: 'arrays replaced whole', cur: { l: [1, 2] }, want: { l: [1, 3] }, patch: { l: [1, 3] } },
    'from nothing': { reason: 'a missing status is replaced whole', cur: undefined, want: { a: 1 }, patch: { a: 1 } },
    'object to scalar': { reason: 'type change replaces', cur: { a: { b: 1 } }, want: { a: 2 }, patch: { a: 2 } },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(mergePatch(c.cur, c.want)).to.deep.equal(c.patch));
  }
  it('jsonEqual ignores key order and undefined', () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).to.equal(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).to.equal(false);
  });
});
