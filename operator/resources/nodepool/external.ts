/**
 * The CceNodePool external client: the verbs against the CCE node-pool API within one cluster (the gate's scope).
 * Every change (count, autoscaling, labels, taints) is ONE PUT carrying the full update body. No verb waits.
 */
import { unlessNotFound, type CceClient, type NodePool } from '../../cloud/index.js';
import type { SecretReader } from '../credentials.js';
import { describeFields } from '../field-diff.js';
import type { External } from '../managed/kind.js';
import { cloudName, createRequest, updateRequest } from './desired.js';
import { loginOf } from './login.js';
import { nodeSummary, poolNodes } from './node-summary.js';
import { Reason } from './reasons.js';
import type { CceNodePool, ObservedPool, PoolScope } from './types.js';

export function nodePoolExternal(cloud: CceClient, scope: PoolScope, secrets: SecretReader): External<CceNodePool, ObservedPool> {
  const clusterID = scope.clusterID;
  const seen = (p: NodePool | undefined): ObservedPool | undefined =>
    p?.metadata ? { ...p, inCluster: { id: clusterID, version: scope.currentVersion } } : undefined;
  return {
    // The pools of one cluster polled together share one list of pools (cloud/shared-lookups.ts; a pool the list may
    // not serve, or that is not in it, is read by itself) and one list of nodes, which gives each pool's nodes by
    // phase (node-summary.ts).
    observe: async (id, fresh) => {
      const listed = fresh ? undefined : await cloud.nodePools.observeShared(clusterID, id);
      const pool = seen(listed ?? (await unlessNotFound(cloud.nodePools.get(clusterID, id))));
      if (!pool) return undefined;
      // A shared list may be up to a few seconds old: it is used only when it agrees with the pool (as many nodes as
      // the pool counts, all Active). A pool that just scaled, or has a node on its way or failing, lists afresh, so
      // a pool reported settled never carries a stale node summary.
      const shared = fresh ? [] : poolNodes(await cloud.nodes.listShared(clusterID), id);
      const settled = !fresh && shared.length === pool.status?.currentNode && shared.every((n) => n.status?.phase === 'Active');
      const nodes = settled ? shared : poolNodes((await cloud.nodes.list(clusterID)).items ?? [], id);
      return { ...pool, nodeSummary: nodeSummary(nodes) };
    },
    // A cluster gone from the cloud holds no pool of that name either.
    find: async (obj) => seen(await unlessNotFound(cloud.nodePools.findByName(clusterID, cloudName(obj)))),
    async create(obj) {
      const m = await cloud.nodePools.create(clusterID, createRequest(obj, await loginOf(obj, secrets)));
      const id = m.body?.metadata?.uid;
      return {
        id,
        jobID: m.jobId,
        observed: seen(m.body),
        requestId: m.requestId,
        set: { clusterID },
        message: `created node pool ${cloudName(obj)} (${id ?? 'id n/a'}) in cluster ${clusterID}`,
      };
    },
    async update(obj, observed, _family, diffs) {
      const body = updateRequest(obj, observed);
      const m = await cloud.nodePools.update(clusterID, observed.metadata.uid as string, body);
      const count = body.spec.initialNodeCount;
      const scaling = count !== undefined && count !== (observed.spec?.initialNodeCount ?? observed.status?.currentNode);
      const message = `${scaling ? `scaling to ${count} nodes; ` : ''}updated ${describeFields(diffs)}`;
      return {
        reason: scaling ? Reason.Scaling : Reason.Updating,
        message,
        jobID: m.jobId,
        observed: seen(m.body),
        requestId: m.requestId,
      };
    },
    async delete(_obj, observed) {
      const m = await cloud.nodePools.delete(clusterID, observed.metadata.uid as string);
      return { jobID: m.jobId, observed: seen(m.body), requestId: m.requestId };
    },
  };
}
