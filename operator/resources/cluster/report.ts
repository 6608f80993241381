/**
 * Builds CceCluster status from what a pass found: the cloud's phase and facts, plus kstatus conditions
 * (Ready, Reconciling, Stalled, Synced) stamped with observedGeneration. Pure.
 */
import type { Cluster } from '../../cloud/index.js';
import { setConditions, type ConditionInput } from '../../runtime/conditions.js';
import { unobservedFields } from '../field-rules.js';
import { clusterFields } from './fields.js';
import type { CceCluster, CceClusterStatus } from './types.js';

export type Outcome =
  | { state: 'ready'; reason: string; message: string }
  | { state: 'progressing'; reason: string; message: string }
  | { state: 'stalled'; reason: string; message: string }
  | { state: 'error'; reason: string; message: string };

export interface Report {
  observed?: Cluster | undefined;
  outcome: Outcome;
  /** Overrides merged into status (clusterID, jobID, upgrade...). `undefined` values remove the field. */
  set?: Partial<CceClusterStatus>;
}

const UNOBSERVED = unobservedFields(clusterFields);

export function nextStatus(cr: CceCluster, current: CceClusterStatus | undefined, r: Report, now: Date): CceClusterStatus {
  const gen = cr.metadata?.generation;
  const o = r.outcome;
  const conditions: ConditionInput[] = [
    { type: 'Ready', status: o.state === 'ready' ? 'True' : 'False', reason: o.reason, message: o.message, observedGeneration: gen },
    {
      type: 'Reconciling',
      status: o.state === 'progressing' ? 'True' : 'False',
      reason: o.state === 'progressing' ? o.reason : 'Idle',
      message: o.state === 'progressing' ? o.message : '',
      observedGeneration: gen,
    },
    {
      type: 'Stalled',
      status: o.state === 'stalled' ? 'True' : 'False',
      reason: o.state === 'stalled' ? o.reason : 'NotStalled',
      message: o.state === 'stalled' ? o.message : '',
      observedGeneration: gen,
    },
    {
      type: 'Synced',
      status: o.state === 'error' || o.state === 'stalled' ? 'False' : 'True',
      reason: o.state === 'error' || o.state === 'stalled' ? o.reason : 'ReconcileSuccess',
      message: o.state === 'error' || o.state === 'stalled' ? o.message : '',
      observedGeneration: gen,
    },
  ];
  const status: CceClusterStatus = { ...(current ?? {}) };
  const obs = r.observed;
  if (obs) {
    status.phase = obs.status?.phase ?? '';
    if (obs.metadata?.uid) status.clusterID = obs.metadata.uid;
    if (obs.spec?.version) status.currentVersion = obs.spec.version;
    if (obs.spec?.platformVersion) status.platformVersion = obs.spec.platformVersion;
    status.endpoints = (obs.status?.endpoints ?? []).map((e) => ({ url: e.url, type: e.type }));
    status.lastSyncTime = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  for (const [k, v] of Object.entries(r.set ?? {})) {
    if (v === undefined) delete (status as Record<string, unknown>)[k];
    else (status as Record<string, unknown>)[k] = v;
  }
  status.unobservedFields = UNOBSERVED;
  status.conditions = setConditions(current?.conditions as never, conditions, now);
  // observedGeneration says "this status describes generation N": only when the pass reached a verdict on it.
  if (o.state !== 'error' && gen !== undefined) status.observedGeneration = gen;
  return status;
}
