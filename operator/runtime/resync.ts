// Adaptive resync: every object is re-observed against the cloud on a schedule chosen from the last
// reconcile result — short while a job runs or the object is not Ready, long and jittered when stable —
// and at once when the user sets the refresh annotation.
import { jitter } from './backoff.js';
import type { ReconcileResult } from './result.js';

export const REFRESH_ANNOTATION = 'cce.operator.dev/refresh-requested-at';

export interface ResyncPolicy {
  /** Period for stable objects (default 10 min). */
  stableMs: number;
  /** Period while a job runs or the object is not Ready (default 30 s). */
  activeMs: number;
  /** +/- fraction applied to both periods so many objects do not resync in lockstep (default 0.1). */
  jitterFraction: number;
}

export const defaultResyncPolicy: ResyncPolicy = { stableMs: 600_000, activeMs: 30_000, jitterFraction: 0.1 };

/** The pass left the object settled: Ready, nothing in flight (the long resync period applies). */
export function isStable(result: ReconcileResult): boolean {
  return result.stable === true && result.jobInFlight !== true;
}

/** Delay until the next reconcile of an object whose last pass returned `result`. */
export function resyncDelay(result: ReconcileResult, policy: ResyncPolicy, random: () => number = Math.random): number {
  const period = jitter(isStable(result) ? policy.stableMs : policy.activeMs, policy.jitterFraction, random);
  if (result.requeueAfterMs === undefined) return period;
  return Math.max(0, Math.min(result.requeueAfterMs, period));
}

interface Annotated {
  metadata?: { annotations?: Record<string, string> | undefined };
}

/** The refresh annotation's value, if set. */
export function refreshToken(obj: Annotated): string | undefined {
  return obj.metadata?.annotations?.[REFRESH_ANNOTATION];
}

/**
 * Tracks the refresh annotation value last handled per key, so a reconcile can tell a new request
 * (`refreshRequested`) from one it already served.
 */
export class RefreshTracker {
  private readonly seen = new Map<string, string>();

  /** True when the annotation is set to a value not yet handled for `key`; marks it handled. */
  take(key: string, obj: Annotated): boolean {
    const token = refreshToken(obj);
    if (token === undefined) return false;
    if (this.seen.get(key) === token) return false;
    this.seen.set(key, token);
    return true;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }
}
