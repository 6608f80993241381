/**
 * Where a CceNodePool is and whether it may act: the cloud target (its own fields, else its CceCluster's), and the
 * gate. The pool-only rules: Autopilot clusters have no node pools; a spec.version ahead of the cluster waits for
 * the cluster's upgrade (CCE has no node-pool version API: nodes are upgraded with their cluster), never Stalled.
 * A cluster that is not Ready holds back the pool's changes, not its readiness.
 */
import { isCceApiError, type CceClient, type Cluster } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { isDeleting, type CustomObject } from '../../runtime/kube-object.js';
import { Terminal } from '../../runtime/result.js';
import type { ObjectTarget } from '../cloud-clients.js';
import { clusterState, dependentTarget, referencedCluster } from '../cluster-ref.js';
import type { CceCluster } from '../cluster/types.js';
import { compareMinor } from '../cluster/version.js';
import type { Gate, Unreachable } from '../managed/kind.js';
import { ManagedReason } from '../managed/reasons.js';
import { cloudName } from './desired.js';
import { Reason } from './reasons.js';
import type { CceNodePool, PoolScope } from './types.js';

type Ctx = Pick<ReconcileContext<CustomObject>, 'lookup'>;

/** An unmanaged cluster has no watch to wake its pools: re-check it this often. */
export const UNMANAGED_RECHECK_MS = 10_000;

export function poolTarget(pool: CceNodePool, ctx: Ctx): { target: ObjectTarget } | Unreachable {
  const cluster = referencedCluster(pool, ctx);
  const target = dependentTarget(pool, cluster, false);
  if (target) return { target };
  if (isDeleting(pool)) {
    const recorded = !!(pool.status?.nodePoolID ?? pool.spec.nodePoolID);
    return { state: 'release', message: 'its CceCluster is gone: cannot reach the cluster, not deleting it', warning: recorded };
  }
  const name = pool.spec.clusterRef?.name ?? '';
  const message = cluster
    ? `CceCluster ${name} names no projectID`
    : `CceCluster ${name} does not exist (yet) in namespace ${pool.metadata?.namespace ?? 'default'}`;
  return { state: 'wait', reason: Reason.WaitingForCluster, message };
}

export async function poolGate(pool: CceNodePool, ctx: Ctx, cloud: CceClient): Promise<Gate<PoolScope>> {
  if (isDeleting(pool)) return deletingGate(pool, referencedCluster(pool, ctx));
  const id = pool.spec.clusterID;
  if (!id) return managedGate(pool, referencedCluster(pool, ctx));
  const cluster = await cloud.clusters.get(id).catch((e: unknown) => {
    if (!(isCceApiError(e) && e.notFound)) throw e;
    throw new Terminal(
      `spec.clusterID ${id} does not exist in project ${pool.spec.projectID ?? ''} (a standard CCE cluster is required)`,
      ManagedReason.NotFoundInCloud,
    );
  });
  return unmanagedGate(pool, cluster);
}

/** A deleting pool can reach what it may have created only through a known cluster id. */
export function deletingGate(pool: CceNodePool, cluster: CceCluster | undefined): Gate<PoolScope> {
  const clusterID = pool.status?.clusterID ?? pool.spec.clusterID ?? cluster?.status?.clusterID;
  if (clusterID) return { state: 'go', scope: { clusterID, currentVersion: undefined, versionAhead: undefined } };
  const recorded = !!(pool.status?.nodePoolID ?? pool.spec.nodePoolID);
  return {
    state: 'release',
    message: `the cluster of node pool ${cloudName(pool)} was never known: nothing can have been created`,
    warning: recorded,
  };
}

const autopilotMessage = (what: string) =>
  `${what} is a CCE Autopilot cluster: Autopilot has no node pools (capacity is serverless); delete this CceNodePool`;

function versionAhead(pool: CceNodePool, current: string | undefined, message: string): PoolScope['versionAhead'] {
  const v = pool.spec.version;
  return v && current && compareMinor(v, current) > 0 ? { version: v, message } : undefined;
}

const upgradeMessage = (pool: CceNodePool, cluster: string, current: string | undefined, target: string | undefined) =>
  `spec.version ${pool.spec.version} waits for ${cluster} to finish upgrading from ${current ?? 'unknown'}${target ? ` to ${target}` : ''} (nodes are upgraded with their cluster)`;

const aheadMessage = (pool: CceNodePool, current: string | undefined) =>
  `spec.version ${pool.spec.version} is ahead of the cluster's ${current}: raise the cluster's version (node pools are upgraded with their cluster)`;

/** A pool with `clusterRef`: decided from the CceCluster object (informer cache). */
export function managedGate(pool: CceNodePool, cluster: CceCluster | undefined): Gate<PoolScope> {
  const name = pool.spec.clusterRef?.name ?? '';
  if (cluster?.spec.enableAutopilot)
    return { state: 'unsupported', reason: Reason.UnsupportedOnAutopilot, message: autopilotMessage(`CceCluster ${name}`) };
  const st = clusterState(cluster, name, pool.metadata?.namespace ?? 'default');
  const held = st.ready ? undefined : { reason: st.reason, message: st.message };
  const clusterID = st.clusterID;
  if (!clusterID)
    return {
      state: 'wait',
      reason: held?.reason ?? Reason.WaitingForCluster,
      message: held?.message ?? `CceCluster ${name} has no cluster id`,
    };
  const current = st.currentVersion;
  const cs = cluster?.status;
  const upgrading =
    !!cs?.upgrade?.step ||
    cs?.phase === 'Upgrading' ||
    (!!cluster?.spec.version && !!current && compareMinor(cluster.spec.version, current) > 0);
  if (upgrading) {
    const message = upgradeMessage(pool, `CceCluster ${name}`, current, cs?.upgrade?.targetVersion ?? cluster?.spec.version);
    const ahead = versionAhead(pool, current, message);
    if (ahead)
      return {
        state: 'hold',
        scope: { clusterID, currentVersion: current, versionAhead: ahead },
        reason: Reason.WaitingForClusterUpgrade,
        message,
      };
  }
  const scope: PoolScope = { clusterID, currentVersion: current, versionAhead: versionAhead(pool, current, aheadMessage(pool, current)) };
  return held ? { state: 'hold', scope, ...held } : { state: 'go', scope };
}

/** A pool with `clusterID`: decided from the cloud's cluster. */
export function unmanagedGate(pool: CceNodePool, cluster: Cluster): Gate<PoolScope> {
  const id = cluster.metadata?.uid ?? pool.spec.clusterID ?? '';
  if (cluster.spec?.flavor === 'cce.autopilot.cluster')
    return { state: 'unsupported', reason: Reason.UnsupportedOnAutopilot, message: autopilotMessage(`cluster ${id}`) };
  const phase = cluster.status?.phase ?? '';
  const current = cluster.spec?.version;
  const requeueMs = UNMANAGED_RECHECK_MS;
  if (phase === 'Upgrading') {
    const message = upgradeMessage(pool, `cluster ${id}`, current, undefined);
    const ahead = versionAhead(pool, current, message);
    if (ahead)
      return {
        state: 'hold',
        scope: { clusterID: id, currentVersion: current, versionAhead: ahead },
        reason: Reason.WaitingForClusterUpgrade,
        message,
        requeueMs,
      };
  }
  const scope: PoolScope = {
    clusterID: id,
    currentVersion: current,
    versionAhead: versionAhead(pool, current, aheadMessage(pool, current)),
  };
  if (phase === 'Available') return { state: 'go', scope };
  const message = `cluster ${id} is ${phase || 'in an unknown phase'}, not Available`;
  // A cluster still being created has no pools to observe yet.
  if (phase === 'Creating') return { state: 'wait', reason: Reason.WaitingForCluster, message, requeueMs };
  return { state: 'hold', scope, reason: Reason.WaitingForCluster, message, requeueMs };
}
