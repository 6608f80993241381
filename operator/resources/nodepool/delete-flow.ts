/**
 * Finalization of a deleted CceNodePool: Orphan (or ObserveOnly, or a pool never created) lets go of the cloud
 * pool; Delete calls the delete API once, follows the pool until it is gone (404), then removes the finalizer.
 */
import type { CceClient } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { requeueAfter, type ReconcileResult } from '../../runtime/result.js';
import { cloudName } from './desired.js';
import { FINALIZER, Reason } from './reasons.js';
import type { Report } from './report.js';
import type { CceNodePool } from './types.js';

export async function finalizePool(
  obj: CceNodePool,
  ctx: ReconcileContext<CceNodePool>,
  cloud: CceClient | undefined,
  clusterID: string | undefined,
  poll: number,
  write: (r: Report) => Promise<CceNodePool>,
): Promise<ReconcileResult> {
  if (!ctx.finalizers.has(obj, FINALIZER)) return {};
  const id = obj.status?.nodePoolID ?? obj.spec.nodePoolID;
  const keep = obj.spec.deletionPolicy === 'Orphan' || obj.spec.managementPolicy === 'ObserveOnly';
  if (keep || !id || !clusterID || !cloud) {
    if (id && keep) ctx.events.normal(Reason.Orphaned, `left node pool ${cloudName(obj)} (${id}) in the cloud (deletionPolicy ${obj.spec.deletionPolicy})`);
    else if (id) ctx.events.warning(Reason.Orphaned, `cannot reach the cluster of node pool ${id} (its CceCluster is gone): not deleting it`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  const observed = await cloud.nodePools.get(clusterID, id).catch((e: { notFound?: boolean }) => (e.notFound ? undefined : Promise.reject(e)));
  if (!observed) {
    ctx.events.normal(Reason.Deleted, `node pool ${id} deleted`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  if (observed.status?.phase !== 'Deleting') {
    const m = await cloud.nodePools.delete(clusterID, id);
    ctx.events.normal(Reason.Deleting, `delete requested for node pool ${id} (job ${m.jobId ?? 'n/a'}, request ${m.requestId ?? 'n/a'})`);
    await write({ observed: m.body ?? observed, outcome: { state: 'progressing', reason: Reason.Deleting, message: `deleting (job ${m.jobId ?? 'n/a'})` }, set: { jobID: m.jobId } });
    return requeueAfter(poll, { jobInFlight: true });
  }
  await write({ observed, outcome: { state: 'progressing', reason: Reason.Deleting, message: 'node pool is being deleted' } });
  return requeueAfter(poll, { jobInFlight: true });
}
