/** Lookups and guards shared by the CCE handlers. */
import { CceError } from '../errors.js';
import { isObject, type Json, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { ClusterRec } from '../state.js';

export function ok(body?: Json, status = 200, headers?: Record<string, string>): Reply {
  const r: Reply = { status };
  if (body !== undefined) r.body = body;
  if (headers) r.headers = headers;
  return r;
}

export function bodyObject(ctx: Ctx): JsonObject {
  if (!isObject(ctx.body)) throw new CceError('invalid', 'body: must be a JSON object');
  return ctx.body;
}

/** The cluster named by `{cluster_id}` (or `id`), of the path's flavour (standard vs Autopilot), or 404. */
export function findCluster(ctx: Ctx, id = ctx.params.cluster_id ?? ''): ClusterRec {
  const c = ctx.world.state.clusters[id];
  if (!c || c.autopilot !== ctx.autopilot || c.projectId !== ctx.world.config.projectId)
    throw new CceError('notFound', `cluster ${id} not found`);
  return c;
}

/** Clusters of the path's flavour in the project, oldest first. */
export function clustersOf(ctx: Ctx): ClusterRec[] {
  return Object.values(ctx.world.state.clusters)
    .filter((c) => c.autopilot === ctx.autopilot && c.projectId === ctx.world.config.projectId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function queryFlag(ctx: Ctx, name: string): boolean {
  return (ctx.query.get(name) ?? '') !== '' && ctx.query.get(name) !== 'false';
}
