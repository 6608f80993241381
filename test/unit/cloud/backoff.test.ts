import { expect } from 'chai';
import { backoffDelay, parseRetryAfter, retryDelay, type BackoffPolicy } from '../../../operator/cloud/backoff.js';

const policy: BackoffPolicy = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 };

describe('cloud/backoff', () => {
  const delayCases = {
    'first retry, no jitter drawn': { attempt: 0, random: 0, want: 50 },
    'first retry, max jitter': { attempt: 0, random: 0.999999, want: 100 },
    'doubles per attempt': { attempt: 2, random: 0, want: 200 },
    'capped at maxDelayMs': { attempt: 10, random: 0.999999, want: 1000 },
  };
  for (const [reason, c] of Object.entries(delayCases)) {
    it(`backoffDelay: ${reason}`, () => expect(backoffDelay(c.attempt, policy, () => c.random)).to.equal(c.want));
  }

  it('jitter spreads delays', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(seen.size).to.be.greaterThan(5);
  });

  const now = Date.parse('2024-01-01T00:00:00Z');
  const retryAfterCases = {
    'seconds': { value: '3', want: 3000 },
    'fractional seconds': { value: '0.5', want: 500 },
    'HTTP date': { value: 'Mon, 01 Jan 2024 00:00:10 GMT', want: 10_000 },
    'date in the past': { value: 'Sun, 31 Dec 2023 23:59:00 GMT', want: 0 },
    'absent': { value: undefined, want: undefined },
    'garbage': { value: 'soon', want: undefined },
    'array form': { value: ['2'], want: 2000 },
  };
  for (const [reason, c] of Object.entries(retryAfterCases)) {
    it(`parseRetryAfter: ${reason}`, () => expect(parseRetryAfter(c.value, now)).to.equal(c.want));
  }

  const retryCases = {
    'no Retry-After: the backoff': { attempt: 1, retryAfter: undefined, want: 100 },
    'Retry-After longer than backoff wins': { attempt: 0, retryAfter: 2000, want: 2000 },
    'backoff longer than Retry-After wins': { attempt: 5, retryAfter: 10, want: 500 },
    'Retry-After beyond the cap: do not retry in-process': { attempt: 0, retryAfter: 60_000, want: undefined },
  };
  for (const [reason, c] of Object.entries(retryCases)) {
    it(`retryDelay: ${reason}`, () => expect(retryDelay(c.attempt, c.retryAfter, policy, () => 0)).to.equal(c.want));
  }
});
