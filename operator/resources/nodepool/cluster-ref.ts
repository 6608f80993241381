/**
 * The cluster a CceNodePool belongs to: where its cloud is (region, project, endpoint, credentials default to the
 * referenced CceCluster's), and whether the pool may act now. A pool waits for its cluster to be Ready; a pool
 * version ahead of the cluster waits for the cluster's upgrade (CCE upgrades nodes with their cluster: there is no
 * node-pool version API); Autopilot clusters have no node pools. Pure.
 */
import type { Cluster } from '../../cloud/index.js';
import { getCondition, type Condition } from '../../runtime/conditions.js';
import { isDeleting } from '../../runtime/kube-object.js';
import type { CceCluster } from '../cluster/types.js';
import { compareMinor } from '../cluster/version.js';
import { Reason } from './reasons.js';
import type { CceNodePool } from './types.js';

export const CLUSTER_RESOURCE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters', kind: 'CceCluster' } as const;

export interface PoolTarget {
  region?: string | undefined;
  endpoint?: string | undefined;
  projectID: string;
  credentialsSecretRef?: { name: string } | undefined;
}

/** Where the pool's cloud is; undefined when it cannot be known (the referenced CceCluster is missing). */
export function poolTarget(pool: CceNodePool, cluster: CceCluster | undefined): PoolTarget | undefined {
  const s = pool.spec;
  const projectID = s.projectID ?? cluster?.spec.projectID;
  if (!projectID) return undefined;
  return {
    region: s.region ?? cluster?.spec.region,
    endpoint: s.endpoint ?? cluster?.spec.endpoint,
    projectID,
    credentialsSecretRef: s.credentialsSecretRef ?? cluster?.spec.credentialsSecretRef,
  };
}

export type ClusterGate =
  /** Go ahead. `versionAhead`: the pool's spec.version is newer than the cluster runs and no upgrade is under way. */
  | { state: 'ready'; clusterID: string; currentVersion: string | undefined; versionAhead: string | undefined }
  | { state: 'wait'; reason: string; message: string }
  | { state: 'unsupported'; reason: string; message: string };

const autopilotMessage = (what: string) =>
  `${what} is a CCE Autopilot cluster: Autopilot has no node pools (capacity is serverless); delete this CceNodePool`;

function versionAheadOf(pool: CceNodePool, current: string | undefined): boolean {
  return !!pool.spec.version && !!current && compareMinor(pool.spec.version, current) > 0;
}

function upgradeWait(pool: CceNodePool, cluster: string, current: string | undefined, target: string | undefined): ClusterGate {
  return {
    state: 'wait',
    reason: Reason.WaitingForClusterUpgrade,
    message: `spec.version ${pool.spec.version} waits for cluster ${cluster} to finish upgrading from ${current ?? 'unknown'}${target ? ` to ${target}` : ''} (nodes are upgraded with their cluster)`,
  };
}

/** A pool with `clusterRef`: decided from the CceCluster object (informer cache). */
export function managedClusterGate(pool: CceNodePool, cluster: CceCluster | undefined): ClusterGate {
  const name = pool.spec.clusterRef?.name ?? '';
  if (!cluster) return { state: 'wait', reason: Reason.WaitingForCluster, message: `CceCluster ${name} does not exist (yet) in namespace ${pool.metadata?.namespace ?? 'default'}` };
  if (cluster.spec.enableAutopilot) return { state: 'unsupported', reason: Reason.UnsupportedOnAutopilot, message: autopilotMessage(`CceCluster ${name}`) };
  if (isDeleting(cluster)) return { state: 'wait', reason: Reason.WaitingForCluster, message: `CceCluster ${name} is being deleted` };
  const st = cluster.status;
  const current = st?.currentVersion;
  const upgrading = !!st?.upgrade?.step || st?.phase === 'Upgrading' || (!!cluster.spec.version && !!current && compareMinor(cluster.spec.version, current) > 0);
  if (upgrading && versionAheadOf(pool, current)) return upgradeWait(pool, `CceCluster ${name}`, current, st?.upgrade?.targetVersion ?? cluster.spec.version);
  const ready = getCondition(st?.conditions as Condition[] | undefined, 'Ready');
  const readyNow = ready?.status === 'True' && ready.observedGeneration === cluster.metadata?.generation;
  if (!readyNow || !st?.clusterID) {
    const why = ready ? `${ready.reason}${ready.message ? `: ${ready.message}` : ''}` : 'no status yet';
    return { state: 'wait', reason: Reason.WaitingForCluster, message: `CceCluster ${name} is not Ready (${why})` };
  }
  return { state: 'ready', clusterID: st.clusterID, currentVersion: current, versionAhead: versionAheadOf(pool, current) ? pool.spec.version : undefined };
}

/** A pool with `clusterID`: decided from the cloud's cluster. */
export function unmanagedClusterGate(pool: CceNodePool, cluster: Cluster): ClusterGate {
  const id = cluster.metadata?.uid ?? pool.spec.clusterID ?? '';
  if (cluster.spec?.flavor === 'cce.autopilot.cluster') return { state: 'unsupported', reason: Reason.UnsupportedOnAutopilot, message: autopilotMessage(`cluster ${id}`) };
  const phase = cluster.status?.phase ?? '';
  const current = cluster.spec?.version;
  if (phase === 'Upgrading' && versionAheadOf(pool, current)) return upgradeWait(pool, `cluster ${id}`, current, undefined);
  if (phase !== 'Available') return { state: 'wait', reason: Reason.WaitingForCluster, message: `cluster ${id} is ${phase || 'in an unknown phase'}, not Available` };
  return { state: 'ready', clusterID: id, currentVersion: current, versionAhead: versionAheadOf(pool, current) ? pool.spec.version : undefined };
}

/** Keys of the pools a changed CceCluster concerns (for the runtime's watch). */
export function poolsOfCluster(cluster: CceCluster, pools: readonly CceNodePool[]): string[] {
  const ns = cluster.metadata?.namespace;
  const id = cluster.status?.clusterID;
  return pools
    .filter((p) => p.metadata?.namespace === ns && (p.spec?.clusterRef?.name === cluster.metadata?.name || (!!id && p.spec?.clusterID === id)))
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
}
