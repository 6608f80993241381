/**
 * A managed object's next status: the kind's facts about the cloud resource, the fields the pass sets, and the
 * kstatus verdict (status-report.ts). `lastSyncTime` moves only together with a real change, so a pass that finds
 * nothing new writes nothing. Pure.
 */
import { jsonEqual } from '../../runtime/merge-patch.js';
import { applyOutcome, rfc3339, type Outcome } from '../status-report.js';
import type { ManagedStatus } from './kind.js';

export interface Report<R> {
  observed?: R | undefined;
  outcome: Outcome;
  /** Fields merged into status; `undefined` removes a field. */
  set?: Record<string, unknown> | undefined;
}

export function nextStatus<R>(
  current: ManagedStatus | undefined,
  r: Report<R>,
  facts: (observed: R) => Record<string, unknown>,
  generation: number | undefined,
  unobserved: string[],
  now: Date,
): ManagedStatus {
  const observedFacts = r.observed !== undefined ? facts(r.observed) : {};
  const next = applyOutcome<ManagedStatus>(current, { ...observedFacts, ...(r.set ?? {}) }, r.outcome, generation, unobserved, now);
  const { lastSyncTime: _before, ...rest } = current ?? {};
  const { lastSyncTime: _after, ...restNext } = next;
  if (r.observed !== undefined && !jsonEqual(rest, restNext)) next.lastSyncTime = rfc3339(now);
  return next;
}
