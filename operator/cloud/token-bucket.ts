/**
 * Client-side request budget: a token bucket per (endpoint, project), shared by every client instance in the
 * process, so a fleet of reconcilers never floods one project's API quota. Each HTTP attempt (retries too)
 * takes one token. Waiters reserve tokens in arrival order (the balance may go negative), so it is fair.
 */

export interface RateLimit {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Bucket size: requests allowed at once after idling. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { ratePerSecond: 10, burst: 20 };

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(t);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock = realClock,
  ) {
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit needs ratePerSecond > 0 and burst >= 1');
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.ratePerSecond);
    this.last = now;
  }

  /** Reserves one token and returns how long the caller must wait before using it (0 = now). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.limit.ratePerSecond) * 1000);
  }

  /** Waits for a token. */
  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait, signal);
  }

  /**
   * How long until the bucket is at least half full again (0 while it is): background work (a stable resync) runs
   * only on spare budget, so calls that change something always find tokens at hand.
   */
  headroomWaitMs(): number {
    this.refill();
    const floor = this.limit.burst / 2;
    return this.tokens >= floor ? 0 : Math.ceil(((floor - this.tokens) / this.limit.ratePerSecond) * 1000);
  }

  /** Tokens available now (may be negative while callers wait). */
  available(): number {
    this.refill();
    return this.tokens;
  }
}

const shared = new Map<string, TokenBucket>();

/** Key of the shared bucket: the endpoint origin plus the project id. */
export function bucketKey(endpoint: string, projectId: string): string {
  return `${new URL(endpoint).origin}|${projectId}`;
}

/**
 * The process-wide bucket for (endpoint, project). The first caller's limit creates it; a later caller with a
 * different limit replaces it (the newest configuration wins, as after a config reload).
 */
export function sharedBucket(endpoint: string, projectId: string, limit: RateLimit = DEFAULT_RATE_LIMIT): TokenBucket {
  const key = bucketKey(endpoint, projectId);
  const existing = shared.get(key);
  if (existing && existing.limit.ratePerSecond === limit.ratePerSecond && existing.limit.burst === limit.burst) return existing;
  const bucket = new TokenBucket(limit);
  shared.set(key, bucket);
  return bucket;
}

/**
 * How long until every shared budget of project `projectId` (one per endpoint) is at least half full again: 0 while
 * each is. A stable resync of an object in that project waits while it is above 0.
 */
export function projectBudgetBusyMs(projectId: string): number {
  let wait = 0;
  const suffix = `|${projectId}`;
  for (const [key, b] of shared) if (key.endsWith(suffix)) wait = Math.max(wait, b.headroomWaitMs());
  return wait;
}

/** Test helper: forget every shared bucket. */
export function resetSharedBuckets(): void {
  shared.clear();
}
