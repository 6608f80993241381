/** GET .../quotas and the idempotent cluster tag batch APIs (POST .../tags/create, .../tags/delete → 204). */
import { CceError } from '../errors.js';
import { get, isObject, str } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import { MAX_TAGS, validateCreateTags, validateDeleteTags } from '../validate/tags.js';
import { bodyObject, clustersOf, findCluster, ok } from './common.js';

export function showQuotas(ctx: Ctx): Reply {
  const quotaKey = ctx.autopilot ? 'autopilot_cluster' : 'cluster';
  const quotaLimit = ctx.world.state.quotas[quotaKey];
  return ok({ quotas: [{ quotaKey, quotaLimit, used: clustersOf(ctx).length, unit: 'count' }] });
}

export function batchCreateTags(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validateCreateTags(raw);
  const tags = (get(body, 'tags') as unknown[]).filter(isObject);
  const next = new Map(c.tags.map((t) => [t.key, t.value]));
  for (const t of tags) next.set(String(t.key), String(t.value));
  if (next.size > MAX_TAGS) throw new CceError('invalid', `tags: a cluster has at most ${MAX_TAGS} tags`);
  c.tags = [...next].map(([key, value]) => ({ key, value }));
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok(undefined, 204);
}

export function batchDeleteTags(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validateDeleteTags(raw);
  const keys = new Set((get(body, 'tags') as unknown[]).map((t) => str(t, 'key')));
  c.tags = c.tags.filter((t) => !keys.has(t.key));
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok(undefined, 204);
}
