/** Nodes (standard CCE): list, get, delete (job DeleteNode; a pool node also lowers the pool's initialNodeCount). */
import { CceError } from '../errors.js';
import { num } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { NodeRec } from '../state.js';
import { createJob } from '../jobs.js';
import { nodePhase } from '../lifecycle/node.js';
import { renderNode } from '../render/nodepool.js';
import { findCluster, ok } from './common.js';

function findNode(ctx: Ctx): NodeRec {
  const c = findCluster(ctx);
  const id = ctx.params.node_id ?? '';
  const n = ctx.world.state.nodes[id];
  if (!n || n.clusterId !== c.uid) throw new CceError('notFound', `node ${id} not found`);
  return n;
}

export function listNodes(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const items = Object.values(ctx.world.state.nodes)
    .filter((n) => n.clusterId === c.uid)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((n) => renderNode(n, ctx.now));
  return ok({ kind: 'List', apiVersion: 'v3', items });
}

export function showNode(ctx: Ctx): Reply {
  return ok(renderNode(findNode(ctx), ctx.now));
}

export function deleteNode(ctx: Ctx): Reply {
  const n = findNode(ctx);
  const { world, now } = ctx;
  const before = nodePhase(n, now);
  if (n.op?.jobId) return ok(renderNode(n, now, { jobID: n.op.jobId }));
  const job = createJob(world, now, {
    type: 'DeleteNode',
    clusterUID: n.clusterId,
    resourceID: n.uid,
    resourceName: n.name,
    ...(ctx.jobFailure !== undefined ? { fail: ctx.jobFailure } : {}),
  });
  world.begin('nodes', n, 'delete', now, ctx.jobFailure, undefined, job.uid);
  const pool = n.poolId ? world.state.nodePools[n.poolId] : undefined;
  if (pool) pool.spec.initialNodeCount = Math.max(0, (num(pool.spec, 'initialNodeCount') ?? 1) - 1);
  world.touch();
  return ok(renderNode(n, now, { jobID: job.uid, phase: before }));
}
