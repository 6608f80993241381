/**
 * CceNodePool status from the cloud pool: its facts (phase, counts, cluster), what its phase means for a pass, and
 * when a settled pool is not Ready yet (nodes still joining, spec.version ahead of the cluster). Pure.
 */
import type { NodePool } from '../../cloud/index.js';
import type { Activity, Step } from '../managed/kind.js';
import { ManagedReason } from '../managed/reasons.js';
import { autoscalingEnabled } from './desired.js';
import { Reason } from './reasons.js';
import type { CceNodePool, CceNodePoolSpec, ObservedPool, PoolScope } from './types.js';

/** While a version waits for the cluster's upgrade: re-check this often (the CceCluster watch is faster). */
export const VERSION_WAIT_MS = 60_000;

/** Node counts as the pool reports them, and the count the spec (or the autoscaler) wants. */
export interface PoolCounts {
  current: number;
  desired: number;
}

export function poolCounts(spec: CceNodePoolSpec, observed: NodePool): PoolCounts {
  const current = observed.status?.currentNode ?? 0;
  const desired = autoscalingEnabled(spec) ? (observed.spec?.initialNodeCount ?? current) : spec.initialNodeCount;
  return { current, desired };
}

/** `""` (normal) and `Synchronized` (seen after an update): the pool's nodes are in sync with its count. */
export function settledPhase(phase: string | undefined): boolean {
  return !phase || phase === 'Synchronized';
}

/** The display form of the cloud's phase: the empty phase is the pool's normal state. */
export function displayState(phase: string | undefined): string {
  return phase ? phase : 'Normal';
}

export function poolFacts(r: ObservedPool, obj: CceNodePool): Record<string, unknown> {
  const { current, desired } = poolCounts(obj.spec, r);
  const phase = r.status?.phase ?? '';
  return {
    phase,
    state: displayState(phase),
    ...(r.metadata?.uid ? { nodePoolID: r.metadata.uid } : {}),
    clusterID: r.inCluster.id,
    ...(r.inCluster.version ? { currentVersion: r.inCluster.version } : {}),
    currentNode: current,
    desiredNode: desired,
    nodes: `${current}/${desired}`,
    ...(r.nodeSummary ? { nodeStatus: r.nodeSummary } : {}),
  };
}

export function poolActivity(r: NodePool): Activity {
  const phase = r.status?.phase ?? '';
  if (settledPhase(phase)) return { state: 'ready', message: `node pool phase ${displayState(phase)}` };
  if (phase === 'Deleting') return { state: 'deleting', message: 'node pool is being deleted' };
  // A spec change (another flavor, a lower count) may fix either: the pool accepts updates in these phases.
  if (phase === 'Error') return { state: 'failed', message: 'node pool phase Error: adding nodes failed', operable: true };
  if (phase === 'SoldOut') return { state: 'failed', message: 'node pool phase SoldOut: the flavor is sold out', operable: true };
  return { state: 'busy', message: `node pool phase ${phase}` };
}

/** A settled pool matching its spec is not Ready while its nodes do not match the count, or its version is ahead. */
export function poolReadiness(obj: CceNodePool, r: ObservedPool, scope: PoolScope): Step | undefined {
  const { current, desired } = poolCounts(obj.spec, r);
  if (!autoscalingEnabled(obj.spec) && current !== desired) {
    return { outcome: { state: 'progressing', reason: Reason.Synchronizing, message: `${current}/${desired} nodes active` } };
  }
  if (scope.versionAhead) {
    return {
      outcome: { state: 'progressing', reason: Reason.WaitingForClusterUpgrade, message: scope.versionAhead.message },
      requeueMs: VERSION_WAIT_MS,
      jobInFlight: false,
    };
  }
  return undefined;
}

export function poolReadyMessage(r: NodePool): { reason: string; message: string } {
  return { reason: ManagedReason.Available, message: `node pool is normal with ${r.status?.currentNode ?? 0} nodes` };
}
