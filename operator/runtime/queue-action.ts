// The one mapper from a reconcile outcome (result or thrown error) to what the work queue does next.
import { RequeueAfter, NotFound, Terminal, type ReconcileResult } from './result.js';
import { isStable, resyncDelay, type ResyncPolicy } from './resync.js';

/** The label value recorded in the reconciles-total metric. */
export type ReconcileOutcome = 'success' | 'requeue' | 'error' | 'terminal' | 'not_found';

export type QueueAction =
  /** Reset the key's backoff and re-observe after `delayMs` (resync or explicit requeue). */
  | {
      kind: 'schedule';
      outcome: 'success' | 'requeue';
      delayMs: number;
      jobInFlight: boolean;
      /** The next pass is a stable resync (no job, no explicit requeue): it may wait while the cloud budget is busy. */
      background: boolean;
    }
  /** Transient failure: re-add with the key's exponential backoff. */
  | { kind: 'backoff'; outcome: 'error' }
  /** Stop: reset backoff, schedule nothing (terminal error or object gone). */
  | { kind: 'drop'; outcome: 'terminal' | 'not_found' };

export type Outcome = { result: ReconcileResult | void } | { error: unknown };

export function toQueueAction(outcome: Outcome, policy: ResyncPolicy, random: () => number = Math.random): QueueAction {
  if ('error' in outcome) {
    const err = outcome.error;
    if (err instanceof Terminal) return { kind: 'drop', outcome: 'terminal' };
    if (err instanceof NotFound) return { kind: 'drop', outcome: 'not_found' };
    if (err instanceof RequeueAfter) {
      return { kind: 'schedule', outcome: 'requeue', delayMs: Math.max(0, err.delayMs), jobInFlight: false, background: false };
    }
    return { kind: 'backoff', outcome: 'error' };
  }
  const result = outcome.result ?? {};
  const explicit = result.requeueAfterMs !== undefined;
  return {
    kind: 'schedule',
    outcome: explicit ? 'requeue' : 'success',
    delayMs: resyncDelay(result, policy, random),
    jobInFlight: result.jobInFlight === true,
    background: !explicit && isStable(result),
  };
}
