/**
 * Desired (spec) vs observed (cloud) for a CceNodePool. Every updatable field goes through one API call (PUT
 * nodepool: count, autoscaling, k8sTags, taints), so the diff yields at most one update body. Fields the API does
 * not read back are compared through the hash of what was last applied. Pure.
 */
import type { NodePool, UpdateNodePoolRequest } from '../../cloud/index.js';
import { jsonEqual } from '../../runtime/merge-patch.js';
import { appliedHash, autoscalingEnabled, SYSTEM_POOL_LABEL } from './desired.js';
import type { CceNodePoolSpec } from './types.js';

export interface FieldDiff {
  path: string;
  desired: unknown;
  observed: unknown;
}

export interface PoolUpdate {
  diffs: FieldDiff[];
  /** The count changes: nodes are added or removed. */
  scaling: boolean;
  body: UpdateNodePoolRequest;
}

/** Node counts as the pool reports them, and the count the spec (or the autoscaler) wants. */
export interface PoolCounts {
  current: number;
  desired: number;
  /** The pool's phase is the empty (normal) one, or Synchronized (nodes in sync after an update). */
  settled: boolean;
}

export function poolCounts(spec: CceNodePoolSpec, observed: NodePool): PoolCounts {
  const current = observed.status?.currentNode ?? 0;
  const cloudCount = observed.spec?.initialNodeCount;
  const desired = autoscalingEnabled(spec) ? (cloudCount ?? current) : spec.initialNodeCount;
  const phase = observed.status?.phase ?? '';
  return { current, desired, settled: phase === '' || phase === 'Synchronized' };
}

export function userLabels(tags: Record<string, string> | undefined): Record<string, string> {
  const out = { ...(tags ?? {}) };
  delete out[SYSTEM_POOL_LABEL];
  return out;
}

/**
 * The one update to send, or undefined when the pool matches the spec. `appliedSpecHash` undefined means the
 * unobservable fields were never applied by this object (adoption): they are applied once. `observeOnly`
 * compares only what the cloud shows.
 */
export function poolUpdate(spec: CceNodePoolSpec, observed: NodePool, appliedSpecHash: string | undefined, observeOnly = false): PoolUpdate | undefined {
  const diffs: FieldDiff[] = [];
  const cur = observed.spec ?? ({} as NodePool['spec']);
  const auto = autoscalingEnabled(spec);
  const cloudTags = userLabels(cur.nodeTemplate?.k8sTags);
  const wantTags = spec.nodeTemplate.k8sTags ? userLabels(spec.nodeTemplate.k8sTags) : undefined;
  if (wantTags && !jsonEqual(wantTags, cloudTags)) diffs.push({ path: 'spec.nodeTemplate.k8sTags', desired: wantTags, observed: cloudTags });

  // The count: owned by the spec unless the autoscaler owns it (then its drift is left alone).
  const counts = poolCounts(spec, observed);
  if (!auto) {
    const cloudCount = cur.initialNodeCount;
    if (cloudCount !== undefined ? cloudCount !== spec.initialNodeCount : counts.settled && counts.current !== spec.initialNodeCount) {
      diffs.push({ path: 'spec.initialNodeCount', desired: spec.initialNodeCount, observed: cloudCount ?? counts.current });
    }
  }
  const cloudEnable = cur.autoscaling?.enable;
  if (cloudEnable !== undefined && cloudEnable !== auto) diffs.push({ path: 'spec.autoscaling.enable', desired: auto, observed: cloudEnable });

  if (!observeOnly && appliedSpecHash !== appliedHash(spec) && !diffs.length) {
    diffs.push({ path: 'spec.autoscaling, spec.nodeTemplate.taints, spec.initialNodeCount (not read back: changed since last applied)', desired: appliedHash(spec), observed: appliedSpecHash });
  }
  if (!diffs.length) return undefined;

  const count = auto ? (cur.initialNodeCount ?? observed.status?.currentNode) : spec.initialNodeCount;
  const body: UpdateNodePoolRequest = {
    spec: {
      ...(count !== undefined ? { initialNodeCount: count } : {}),
      autoscaling: spec.autoscaling ?? { enable: false },
      nodeTemplate: { k8sTags: wantTags ?? cloudTags, taints: spec.nodeTemplate.taints ?? [] },
    },
  };
  const before = cur.initialNodeCount ?? counts.current;
  return { diffs, scaling: count !== undefined && count !== before, body };
}
