/** Retry timing: exponential backoff with jitter, and `Retry-After` (seconds or HTTP date). Pure functions. */

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseDelayMs: number;
  /** Cap of the exponential part. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller, who requeues. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

/**
 * "Equal jitter": half the exponential delay plus a random half, so retries never bunch up at zero.
 * `attempt` is 0 for the first retry. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
  const half = exp / 2;
  return Math.round(half + random() * half);
}

/** Parses `Retry-After` into milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const trimmed = v.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before the next attempt: at least what the server asked for, never less than the backoff.
 * Returns undefined when the server asked for more than `maxRetryAfterMs` (do not retry in-process).
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number | undefined {
  const backoff = backoffDelay(attempt, policy, random);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
  return Math.max(retryAfterMs, backoff);
}
