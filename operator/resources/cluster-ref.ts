/**
 * What a node pool or an add-on knows about its cluster, decided the same way for both kinds: the referenced
 * CceCluster (informer cache) gives the cloud target (region, project, endpoint, credentials, unless the object sets
 * its own) and says whether the cluster is Ready *for its current generation*. A cluster that is not Ready holds
 * back changes, not readiness: when its cloud id is known, the dependent is still observed and reported. Pure.
 */
import { getCondition, type Condition } from '../runtime/conditions.js';
import type { ReconcileContext } from '../runtime/controller-spec.js';
import type { CacheReader } from '../runtime/informer.js';
import { isDeleting, type CustomObject } from '../runtime/kube-object.js';
import type { ObjectTarget } from './cloud-clients.js';
import type { CceCluster } from './cluster/types.js';

export const CLUSTER_RESOURCE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters', kind: 'CceCluster' } as const;

/** The spec fields a dependent (pool, add-on) uses to name its cluster and, optionally, its own cloud target. */
export interface DependentSpec {
  clusterRef?: { name: string } | undefined;
  clusterID?: string | undefined;
  region?: string | undefined;
  projectID?: string | undefined;
  endpoint?: string | undefined;
  credentialsSecretRef?: { name: string } | undefined;
}

export interface Dependent {
  metadata?: { namespace?: string; name?: string } | undefined;
  spec: DependentSpec;
}

export const WaitingForCluster = 'WaitingForCluster';

export function referencedCluster(obj: Dependent, ctx: Pick<ReconcileContext<CustomObject>, 'lookup'>): CceCluster | undefined {
  const ref = obj.spec.clusterRef;
  if (!ref) return undefined;
  return ctx.lookup<CceCluster>(CLUSTER_RESOURCE, { namespace: obj.metadata?.namespace ?? 'default', name: ref.name });
}

/** The object's cloud target: its own fields, else its CceCluster's. Undefined when the project cannot be known. */
export function dependentTarget(obj: Dependent, cluster: CceCluster | undefined, autopilot: boolean): ObjectTarget | undefined {
  const s = obj.spec;
  const projectID = s.projectID ?? cluster?.spec.projectID;
  if (!projectID) return undefined;
  const inherited = !s.endpoint && !!cluster?.spec.endpoint;
  return {
    region: s.region ?? cluster?.spec.region,
    endpoint: s.endpoint ?? cluster?.spec.endpoint,
    ...(inherited ? { endpointFrom: `spec.endpoint of CceCluster ${obj.spec.clusterRef?.name ?? ''}` } : {}),
    projectID,
    autopilot,
    credentialsSecretRef: s.credentialsSecretRef ?? cluster?.spec.credentialsSecretRef,
  };
}

export type ClusterState =
  /** Ready for its current generation. */
  | { ready: true; clusterID: string; currentVersion: string | undefined }
  /** Not Ready (or not yet, or going away); `clusterID` when the cloud cluster is known (changes wait, observing does not). */
  | { ready: false; clusterID: string | undefined; currentVersion: string | undefined; reason: string; message: string; going: boolean };

/** Whether a referenced CceCluster lets its dependents change the cloud now. */
export function clusterState(cluster: CceCluster | undefined, name: string, namespace: string): ClusterState {
  if (!cluster) {
    return {
      ready: false,
      clusterID: undefined,
      currentVersion: undefined,
      reason: WaitingForCluster,
      message: `CceCluster ${name} does not exist (yet) in namespace ${namespace}`,
      going: true,
    };
  }
  const st = cluster.status;
  const base = { clusterID: st?.clusterID, currentVersion: st?.currentVersion };
  if (isDeleting(cluster))
    return { ready: false, ...base, reason: WaitingForCluster, message: `CceCluster ${name} is being deleted`, going: true };
  const ready = getCondition(st?.conditions as Condition[] | undefined, 'Ready');
  const current = ready?.status === 'True' && ready.observedGeneration === cluster.metadata?.generation;
  if (current && st?.clusterID) return { ready: true, clusterID: st.clusterID, currentVersion: st.currentVersion };
  const stale = ready?.status === 'True' && !current ? ' (its status is for an older generation)' : '';
  // A cluster on its way (being created, upgraded, changed) is "not Ready yet", whatever step it is at: its own status
  // says which, and a dependent that echoed each step would write its status once per step of its cluster (4
  // dependents × every cluster status change, across a fleet). A failing cluster is named with its reason: that is
  // what the dependent's owner needs to act on.
  const conditions = st?.conditions as Condition[] | undefined;
  const failing = getCondition(conditions, 'Stalled')?.status === 'True' || getCondition(conditions, 'Synced')?.status === 'False';
  const why = failing && ready ? ` (${ready.reason}${ready.message ? `: ${ready.message}` : ''})` : stale ? '' : ' yet';
  return { ready: false, ...base, reason: WaitingForCluster, message: `CceCluster ${name} is not Ready${why}${stale}`, going: false };
}

/** The name of a dependent kind's cache index of the clusters it references (ControllerSpec.indexes). */
export const CLUSTER_INDEX = 'cluster';

/** The index function of CLUSTER_INDEX: "ref:namespace/name" for clusterRef, "id:namespace/clusterID" for clusterID. */
export function clusterIndexKeys(o: Dependent): string[] {
  const ns = o.metadata?.namespace ?? '';
  const keys: string[] = [];
  if (o.spec?.clusterRef?.name) keys.push(`ref:${ns}/${o.spec.clusterRef.name}`);
  if (o.spec?.clusterID) keys.push(`id:${ns}/${o.spec.clusterID}`);
  return keys;
}

/**
 * The watch mapper of a dependent kind: the keys of its objects that a changed CceCluster concerns, found through
 * the cache's CLUSTER_INDEX (a cache without it is scanned): a fleet's cluster changes each touch only their own.
 */
export function dependentsInCache(cluster: CceCluster, own: CacheReader<Dependent>): string[] {
  const ns = cluster.metadata?.namespace ?? '';
  const id = cluster.status?.clusterID;
  const byRef = own.byIndex?.(CLUSTER_INDEX, `ref:${ns}/${cluster.metadata?.name ?? ''}`);
  const candidates =
    byRef === undefined
      ? own.list(cluster.metadata?.namespace)
      : [...byRef, ...((id && own.byIndex?.(CLUSTER_INDEX, `id:${ns}/${id}`)) || [])];
  return [...new Set(dependentsOf(cluster, candidates))];
}

/** Keys of the dependents (own cache) that a changed CceCluster concerns: by clusterRef, or by its cloud id. */
export function dependentsOf(cluster: CceCluster, own: readonly Dependent[]): string[] {
  const ns = cluster.metadata?.namespace;
  const id = cluster.status?.clusterID;
  return own
    .filter(
      (p) => p.metadata?.namespace === ns && (p.spec?.clusterRef?.name === cluster.metadata?.name || (!!id && p.spec?.clusterID === id)),
    )
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
}
