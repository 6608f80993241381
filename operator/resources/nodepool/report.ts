/** CceNodePool status from what a pass found: the cloud's phase and counts, plus the shared kstatus verdict. Pure. */
import type { NodePool } from '../../cloud/index.js';
import { unobservedFields } from '../field-rules.js';
import { applyOutcome, rfc3339, type Outcome } from '../status-report.js';
import { poolCounts } from './diff.js';
import { nodePoolFields } from './fields.js';
import type { CceNodePool, CceNodePoolStatus } from './types.js';

export type { Outcome };

export interface Report {
  observed?: NodePool | undefined;
  outcome: Outcome;
  /** Overrides merged into status (nodePoolID, clusterID, appliedSpecHash...). `undefined` values remove the field. */
  set?: Partial<CceNodePoolStatus>;
}

export const UNOBSERVED = unobservedFields(nodePoolFields);

/** The display form of the cloud's phase: the empty phase is the pool's normal state. */
export function displayState(phase: string | undefined): string {
  return phase ? phase : 'Normal';
}

export function nextStatus(cr: CceNodePool, current: CceNodePoolStatus | undefined, r: Report, now: Date): CceNodePoolStatus {
  const obs = r.observed;
  let facts: Partial<CceNodePoolStatus> = {};
  if (obs) {
    const counts = poolCounts(cr.spec, obs);
    const phase = obs.status?.phase ?? '';
    facts = {
      phase,
      state: displayState(phase),
      ...(obs.metadata?.uid ? { nodePoolID: obs.metadata.uid } : {}),
      currentNode: counts.current,
      desiredNode: counts.desired,
      nodes: `${counts.current}/${counts.desired}`,
      lastSyncTime: rfc3339(now),
    };
  }
  return applyOutcome(current, { ...facts, ...(r.set ?? {}) }, r.outcome, cr.metadata?.generation, UNOBSERVED, now);
}
