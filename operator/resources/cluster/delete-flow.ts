/**
 * Finalization of a deleted CceCluster: Orphan (or ObserveOnly) lets go of the cloud cluster; Delete waits for
 * dependent CceNodePools to be gone, calls the delete API once with spec.deleteOptions, follows the cluster until
 * it is gone (404), then removes the finalizer.
 */
import type { CceClient } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { requeueAfter, type ReconcileResult } from '../../runtime/result.js';
import { cloudName } from './desired.js';
import { FINALIZER, Reason } from './reasons.js';
import type { Report } from './report.js';
import type { CceCluster } from './types.js';

export async function finalizeCluster(
  obj: CceCluster,
  ctx: ReconcileContext<CceCluster>,
  cloud: CceClient,
  dependents: (cr: CceCluster) => Promise<string[]>,
  poll: number,
  write: (r: Report) => Promise<CceCluster>,
): Promise<ReconcileResult> {
  if (!ctx.finalizers.has(obj, FINALIZER)) return {};
  const id = obj.status?.clusterID ?? obj.spec.clusterID;
  if (obj.spec.deletionPolicy === 'Orphan' || obj.spec.managementPolicy === 'ObserveOnly' || !id) {
    if (id) ctx.events.normal(Reason.Orphaned, `left cluster ${cloudName(obj)} (${id}) in the cloud (deletionPolicy ${obj.spec.deletionPolicy})`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  const waitingFor = await dependents(obj);
  if (waitingFor.length) {
    await write({ outcome: { state: 'progressing', reason: Reason.WaitingForNodePools, message: `waiting for CceNodePools to be deleted first: ${waitingFor.join(', ')}` } });
    return requeueAfter(poll);
  }
  const observed = await cloud.clusters.get(id, { errorStatus: 'true' }).catch((e: { notFound?: boolean }) => (e.notFound ? undefined : Promise.reject(e)));
  if (!observed) {
    ctx.events.normal(Reason.Deleted, `cluster ${id} deleted`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  if (observed.status?.phase !== 'Deleting') {
    const m = await cloud.clusters.delete(id, obj.spec.deleteOptions ?? {});
    ctx.events.normal(Reason.Deleting, `delete requested for cluster ${id} (job ${m.jobId ?? 'n/a'})`);
    await write({ observed: m.body ?? observed, outcome: { state: 'progressing', reason: Reason.Deleting, message: `deleting (job ${m.jobId ?? 'n/a'})` }, set: { jobID: m.jobId } });
    return requeueAfter(poll, { jobInFlight: true });
  }
  await write({ observed, outcome: { state: 'progressing', reason: Reason.Deleting, message: 'cluster is being deleted' } });
  return requeueAfter(poll, { jobInFlight: true });
}
