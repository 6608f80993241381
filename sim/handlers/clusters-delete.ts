/**
 * DELETE .../clusters/{id} → 200 with the cluster as it was plus `status.jobID` (job DeleteCluster); the cluster
 * shows Deleting until the job ends, then GET answers 404. Autopilot adds `deleteOption`/`deleteStatus`.
 */
import { CceError } from '../errors.js';
import type { JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import { createJob } from '../jobs.js';
import { renderCluster } from '../render/cluster.js';
import { clusterPhase } from '../lifecycle/cluster.js';
import { findCluster, ok } from './common.js';

const OPTION_VALUES = ['true', 'block', 'try', 'false', 'skip'];
export const DELETE_OPTIONS = ['delete_efs', 'delete_eni', 'delete_evs', 'delete_net', 'delete_obs', 'delete_sfs', 'delete_sfs30'];
const DEFAULT_ON = new Set(['delete_eni', 'delete_net']);
const LTS = ['Delete_Log_Group', 'Delete_Master_Log_Stream', 'Retain'];

function deleteOptions(ctx: Ctx): JsonObject {
  const echo: JsonObject = {};
  for (const name of DELETE_OPTIONS) {
    const v = ctx.query.get(name);
    if (v !== null && !OPTION_VALUES.includes(v)) throw new CceError('invalid', `${name}: must be one of ${OPTION_VALUES.join(', ')}`);
    const effective = v ?? (DEFAULT_ON.has(name) ? 'block' : 'skip');
    echo[name] = effective === 'true' || effective === 'block' ? 'delete-block' : effective === 'try' ? 'delete-try' : 'skip';
  }
  const lts = ctx.query.get('lts_reclaim_policy');
  if (lts !== null && !LTS.includes(lts)) throw new CceError('invalid', `lts_reclaim_policy: must be one of ${LTS.join(', ')}`);
  echo.lts_reclaim_policy = lts ?? 'Delete_Master_Log_Stream';
  return echo;
}

export function deleteCluster(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const options = deleteOptions(ctx);
  const { world, now } = ctx;
  const phase = clusterPhase(c);
  if (c.op && c.op.kind !== 'create' && c.op.kind !== 'delete')
    throw new CceError('locked', `cluster ${c.uid} is ${phase}; delete must wait`);
  let jobId = c.op?.kind === 'delete' ? c.op.jobId : undefined;
  if (!jobId) {
    const job = createJob(world, now, {
      type: 'DeleteCluster',
      clusterUID: c.uid,
      resourceID: c.uid,
      resourceName: c.name,
      subTypes: ['DeleteMaster'],
      ...(ctx.jobFailure !== undefined ? { fail: ctx.jobFailure } : {}),
    });
    jobId = job.uid;
    world.begin('clusters', c, 'delete', now, ctx.jobFailure, undefined, jobId);
    c.lastJobId = jobId;
    c.updatedAt = now;
    world.touch();
  }
  const nodes = Object.values(world.state.nodes).filter((n) => n.clusterId === c.uid).length;
  const deleteStatus: JsonObject | undefined = c.autopilot
    ? { deleteOption: options, deleteStatus: { previous_total: nodes, current_total: nodes, updated: 0, added: 0, deleted: 0 } }
    : undefined;
  return ok(
    renderCluster(world, c, now, {
      jobID: jobId,
      phase,
      errorStatus: true,
      ...(deleteStatus ? { deleteStatus } : {}),
    }),
  );
}
