/**
 * Finalization of a deleted CceAddon: Orphan (or ObserveOnly, or nothing installed) lets go of the instance; when
 * the referenced CceCluster is gone or being deleted the instance goes with the cloud cluster; otherwise Delete
 * waits out a running operation, calls the delete API once, and follows the instance until it is gone (404).
 */
import type { AddonInstance, CceClient } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { requeueAfter, type ReconcileResult } from '../../runtime/result.js';
import { activityOf } from './phase.js';
import { FINALIZER, Reason } from './reasons.js';
import type { Report } from './report.js';
import type { Resolved } from './target.js';
import type { CceAddon } from './types.js';

export async function finalizeAddon(
  obj: CceAddon,
  ctx: ReconcileContext<CceAddon>,
  resolved: Resolved,
  cloudFor: () => Promise<CceClient>,
  poll: number,
  write: (r: Report) => Promise<CceAddon>,
): Promise<ReconcileResult> {
  if (!ctx.finalizers.has(obj, FINALIZER)) return {};
  const id = obj.status?.addonID ?? obj.spec.addonID;
  const clusterID = obj.status?.clusterID ?? resolved.coords?.clusterID;
  const name = obj.spec.addonTemplateName;
  if (obj.spec.deletionPolicy === 'Orphan' || obj.spec.managementPolicy === 'ObserveOnly' || !id || !clusterID) {
    if (id) ctx.events.normal(Reason.Orphaned, `left add-on ${name} (${id}) in the cloud (deletionPolicy ${obj.spec.deletionPolicy})`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  if (resolved.clusterGoing) {
    ctx.events.normal(Reason.Deleted, `CceCluster ${obj.spec.clusterRef?.name} is gone or being deleted: add-on ${name} (${id}) goes with the cloud cluster`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  const cloud = await cloudFor();
  const observed: AddonInstance | undefined = await cloud.addons
    .get(id, clusterID)
    .catch((e: { notFound?: boolean }) => (e.notFound ? undefined : Promise.reject(e)));
  if (!observed || activityOf(observed.status?.status) === 'gone') {
    ctx.events.normal(Reason.Deleted, `add-on ${name} (${id}) deleted`);
    await ctx.finalizers.remove(obj, FINALIZER);
    return {};
  }
  const status = observed.status?.status ?? '';
  if (activityOf(status) === 'busy') {
    const message = status === 'deleting' ? 'add-on is being deleted' : `waiting for the add-on to finish ${status} before deleting it`;
    await write({ observed, outcome: { state: 'progressing', reason: Reason.Deleting, message } });
    return requeueAfter(poll, { jobInFlight: true });
  }
  const m = await cloud.addons.delete(id, clusterID);
  ctx.events.normal(Reason.Deleting, `delete requested for add-on ${name} (${id}) (request ${m.requestId ?? 'n/a'})`);
  await write({ observed, outcome: { state: 'progressing', reason: Reason.Deleting, message: 'delete requested' } });
  return requeueAfter(poll, { jobInFlight: true });
}
