/** GET .../jobs/{job_id} — a job with its sub-jobs; a sub-job id (e.g. Autopilot's resourceJobId) also resolves. */
import { CceError } from '../errors.js';
import type { Ctx, Reply } from '../context.js';
import { renderJob } from '../jobs.js';
import type { JsonObject } from '../json.js';
import { ok } from './common.js';

export function showJob(ctx: Ctx): Reply {
  const id = ctx.params.job_id ?? '';
  const job = ctx.world.state.jobs[id];
  if (job && job.projectId === ctx.world.config.projectId) return ok(renderJob(job, ctx.now));
  for (const parent of Object.values(ctx.world.state.jobs)) {
    const i = parent.subJobs.findIndex((s) => s.uid === id);
    if (i < 0) continue;
    const rendered = renderJob(parent, ctx.now);
    const sub = ((rendered.spec as JsonObject).subJobs as JsonObject[])[i] as JsonObject;
    (sub.spec as JsonObject).resourceName = parent.resourceName;
    (sub.spec as JsonObject).subJobs = [];
    return ok(sub);
  }
  throw new CceError('notFound', `job ${id} not found`);
}
