/** CceCluster status from what a pass found: the cloud's phase and facts, plus the shared kstatus verdict. Pure. */
import type { Cluster } from '../../cloud/index.js';
import { unobservedFields } from '../field-rules.js';
import { applyOutcome, rfc3339, type Outcome } from '../status-report.js';
import { clusterFields } from './fields.js';
import type { CceCluster, CceClusterStatus } from './types.js';

export type { Outcome };

export interface Report {
  observed?: Cluster | undefined;
  outcome: Outcome;
  /** Overrides merged into status (clusterID, jobID, upgrade...). `undefined` values remove the field. */
  set?: Partial<CceClusterStatus>;
}

const UNOBSERVED = unobservedFields(clusterFields);

export function nextStatus(cr: CceCluster, current: CceClusterStatus | undefined, r: Report, now: Date): CceClusterStatus {
  const obs = r.observed;
  const facts: Partial<CceClusterStatus> = obs
    ? {
        phase: obs.status?.phase ?? '',
        ...(obs.metadata?.uid ? { clusterID: obs.metadata.uid } : {}),
        ...(obs.spec?.version ? { currentVersion: obs.spec.version } : {}),
        ...(obs.spec?.platformVersion ? { platformVersion: obs.spec.platformVersion } : {}),
        endpoints: (obs.status?.endpoints ?? []).map((e) => ({ url: e.url, type: e.type })),
        lastSyncTime: rfc3339(now),
      }
    : {};
  return applyOutcome(current, { ...facts, ...(r.set ?? {}) }, r.outcome, cr.metadata?.generation, UNOBSERVED, now);
}
