/**
 * The writes of a CceCluster pass: create (identity written first, never repeated on an unknown outcome) and the one
 * operation family a pass starts (upgrade, hibernate/awake, tags, update). Each records an Event and requeues.
 */
import { OutcomeUnknownError, type CceClient, type Cluster } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { requeueAfter, Terminal, type ReconcileResult } from '../../runtime/result.js';
import { cloudName, createRequest, isAutopilot } from './desired.js';
import type { clusterDiffs } from './diff.js';
import { Reason } from './reasons.js';
import type { Report } from './report.js';
import type { CceCluster } from './types.js';
import { advanceUpgrade } from './upgrade-flow.js';

type Write = (ctx: ReconcileContext<CceCluster>, obj: CceCluster, r: Report) => Promise<CceCluster>;

export async function create(obj: CceCluster, ctx: ReconcileContext<CceCluster>, cloud: CceClient, poll: number, write: Write): Promise<ReconcileResult> {
  let m;
  try {
    m = await cloud.clusters.create(createRequest(obj));
  } catch (err) {
    // Sent but unanswered, or "already exists": never create blindly again — the next pass adopts by name.
    if (err instanceof OutcomeUnknownError || (err as { conflict?: boolean }).conflict) return requeueAfter(1000);
    throw err;
  }
  const clusterID = m.body?.metadata?.uid;
  // Identity first: clusterID and jobID go to status before anything else.
  await write(ctx, obj, {
    outcome: { state: 'progressing', reason: Reason.CreateRequested, message: `create requested (job ${m.jobId ?? 'n/a'})` },
    set: { clusterID, jobID: m.jobId, phase: m.body?.status?.phase ?? 'Creating', appliedClusterTags: obj.spec.clusterTags ?? [] },
  });
  ctx.events.normal(Reason.CreateRequested, `created cluster ${cloudName(obj)} (${clusterID}), job ${m.jobId ?? 'n/a'}, request ${m.requestId ?? 'n/a'}`);
  return requeueAfter(poll, { jobInFlight: true });
}

export async function applyOperation(
  obj: CceCluster,
  ctx: ReconcileContext<CceCluster>,
  cloud: CceClient,
  observed: Cluster,
  op: ReturnType<typeof clusterDiffs>[number],
  poll: number,
  write: Write,
): Promise<ReconcileResult> {
  const id = observed.metadata.uid as string;
  const fields = op.diffs.map((d) => d.path).join(', ');
  switch (op.kind) {
    case 'upgrade':
      ctx.events.normal(Reason.Upgrading, `upgrading ${observed.spec?.version} towards ${obj.spec.version}`);
      await write(ctx, obj, await advanceUpgrade(obj, observed, cloud));
      return requeueAfter(poll, { jobInFlight: true });
    case 'hibernate':
    case 'awake': {
      if (isAutopilot(obj.spec)) {
        throw new Terminal('spec.hibernate: CCE Autopilot clusters cannot hibernate (set spec.hibernate to false)', Reason.UnsupportedOnAutopilot);
      }
      const m = op.kind === 'hibernate' ? await cloud.clusters.hibernate(id) : await cloud.clusters.awake(id);
      const reason = op.kind === 'hibernate' ? Reason.Hibernating : Reason.Awaking;
      ctx.events.normal(reason, `${op.kind} requested (request ${m.requestId ?? 'n/a'})`);
      await write(ctx, obj, { observed, outcome: { state: 'progressing', reason, message: `${op.kind} requested` } });
      return requeueAfter(poll, { jobInFlight: true });
    }
    case 'tags': {
      if (op.remove.length) await cloud.tags.remove(id, op.remove);
      if (op.add.length) await cloud.tags.add(id, op.add);
      ctx.events.normal(Reason.TagsUpdated, `cluster tags updated (+${op.add.length} -${op.remove.length})`);
      await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.TagsUpdated, message: 'cluster tags updated' }, set: { appliedClusterTags: obj.spec.clusterTags ?? [] } });
      return requeueAfter(0);
    }
    case 'update': {
      const m = await cloud.clusters.update(id, op.body);
      ctx.events.normal(Reason.Updating, `updated ${fields} (request ${m.requestId ?? 'n/a'})`);
      await write(ctx, obj, { observed: m.body ?? observed, outcome: { state: 'progressing', reason: Reason.Updating, message: `updated ${fields}` } });
      return requeueAfter(0);
    }
  }
}
