// Exponential backoff, per key: the work queue uses it for failed reconciles and the informer for restarts.

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
  /** Growth per consecutive failure (default 2). */
  factor?: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000, factor: 2 };

/** Delay before retry number `failures + 1`: base * factor^failures, capped at max. */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  const factor = policy.factor ?? 2;
  const exp = Math.max(0, failures);
  // Guard against Infinity for large exponents before capping.
  const raw = exp > 64 ? Number.POSITIVE_INFINITY : policy.baseMs * factor ** exp;
  return Math.min(policy.maxMs, raw);
}

/** Spreads `ms` uniformly over [ms*(1-fraction), ms*(1+fraction)]; `random` is injectable for tests. */
export function jitter(ms: number, fraction: number, random: () => number = Math.random): number {
  if (fraction <= 0) return ms;
  return Math.round(ms * (1 - fraction + 2 * fraction * random()));
}

/** Remembers consecutive failures per key. `next` counts a failure and returns its delay. */
export class KeyedBackoff {
  private readonly counts = new Map<string, number>();

  constructor(private readonly policy: BackoffPolicy = defaultBackoff) {}

  next(key: string): number {
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    return backoffDelay(n, this.policy);
  }

  failures(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  forget(key: string): void {
    this.counts.delete(key);
  }
}
