/** CceAddon status from what a pass found: the instance's status and facts, plus the shared kstatus verdict. Pure. */
import type { AddonInstance } from '../../cloud/index.js';
import { unobservedFields } from '../field-rules.js';
import { applyOutcome, rfc3339, type Outcome } from '../status-report.js';
import { currentVersion } from './diff.js';
import { addonFields } from './fields.js';
import { phaseOf } from './phase.js';
import type { CceAddon, CceAddonStatus } from './types.js';

export type { Outcome };

export interface Report {
  observed?: AddonInstance | undefined;
  outcome: Outcome;
  /** Overrides merged into status (addonID, appliedValuesHash...). `undefined` values remove the field. */
  set?: Partial<CceAddonStatus>;
}

const UNOBSERVED = unobservedFields(addonFields);

export function observedFacts(obs: AddonInstance, now: Date): Partial<CceAddonStatus> {
  const s = obs.status ?? {};
  return {
    status: s.status ?? '',
    phase: phaseOf(s.status),
    ...(obs.metadata?.uid ? { addonID: obs.metadata.uid } : {}),
    ...(obs.spec?.clusterID ? { clusterID: obs.spec.clusterID } : {}),
    currentVersion: currentVersion(obs) || undefined,
    previousVersion: s.previousVersion || undefined,
    rollbackable: typeof s.isRollbackable === 'boolean' ? s.isRollbackable : undefined,
    cloudReason: (s.Reason ?? s.reason) || undefined,
    lastSyncTime: rfc3339(now),
  };
}

export function nextStatus(cr: CceAddon, current: CceAddonStatus | undefined, r: Report, now: Date): CceAddonStatus {
  const facts = r.observed ? observedFacts(r.observed, now) : {};
  return applyOutcome(current, { ...facts, ...(r.set ?? {}) }, r.outcome, cr.metadata?.generation, UNOBSERVED, now);
}
