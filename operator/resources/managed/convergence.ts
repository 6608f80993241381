/**
 * The convergence guard: an update the cloud accepted, whose job finished, and whose diff is still there is not
 * sent again at once. It is retried after a delay that doubles per attempt (1 min, 2 min, ... at most 1 h), and
 * meanwhile the object reports Synced=False (NotConverged) naming the fields. No hot loops, for any kind. Pure.
 */
import type { LastUpdate } from './kind.js';

export interface ConvergencePolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultConvergence: ConvergencePolicy = { baseMs: 60_000, maxMs: 3_600_000 };

export type Verdict =
  /** Send the update; `attempts` is what to record (1 for a new diff). */
  | { send: true; attempts: number }
  /** The same update was sent `attempts` times and did not converge: wait `retryInMs`. */
  | { send: false; attempts: number; retryInMs: number };

export function convergence(
  last: LastUpdate | undefined,
  fingerprint: string,
  now: Date,
  policy: ConvergencePolicy = defaultConvergence,
): Verdict {
  if (!last || last.fingerprint !== fingerprint || !last.attempts) return { send: true, attempts: 1 };
  const wait = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, last.attempts - 1));
  const since = now.getTime() - Date.parse(last.at ?? '');
  if (Number.isFinite(since) && since < wait) return { send: false, attempts: last.attempts, retryInMs: wait - since };
  return { send: true, attempts: last.attempts + 1 };
}
