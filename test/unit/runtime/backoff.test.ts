import { expect } from 'chai';
import { backoffDelay, jitter } from '../../../operator/runtime/backoff.js';

describe('runtime/backoff', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };
  const cases = {
    'first failure waits base': { failures: 0, want: 1_000 },
    'doubles per failure': { failures: 3, want: 8_000 },
    'caps at max': { failures: 6, want: 60_000 },
    'huge counts stay capped, never Infinity or NaN': { failures: 5_000, want: 60_000 },
    'negative counts treated as zero': { failures: -2, want: 1_000 },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(backoffDelay(c.failures, policy)).to.equal(c.want));
  }

  it('honours a custom factor', () => expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000, factor: 3 })).to.equal(900));

  const jitterCases = {
    'random 0 gives the low end': { random: 0, want: 900 },
    'random 0.5 gives the period': { random: 0.5, want: 1_000 },
    'random ~1 gives the high end': { random: 0.999999, want: 1_100 },
  };
  for (const [reason, c] of Object.entries(jitterCases)) {
    it(`jitter: ${reason}`, () => expect(jitter(1_000, 0.1, () => c.random)).to.equal(c.want));
  }
  it('jitter of 0 is the identity', () => expect(jitter(1_234, 0, () => 0)).to.equal(1_234));
});
