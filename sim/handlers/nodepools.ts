/** Node pools (standard CCE): POST 201 (no job), GET, list, PUT (scale/autoscaling/labels/taints), DELETE (jobId). */
import { CceError } from '../errors.js';
import { clone, get, isObject, num, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { NodePoolRec } from '../state.js';
import { createJob } from '../jobs.js';
import { requireAvailable } from '../lifecycle/cluster.js';
import { converge } from '../lifecycle/nodepool.js';
import { poolNodes } from '../lifecycle/node.js';
import { renderNodePool } from '../render/nodepool.js';
import { FLAVOR_NODES } from '../validate/cluster.js';
import { validateCreateNodePool, validateUpdateNodePool } from '../validate/nodepool.js';
import { bodyObject, findCluster, ok } from './common.js';

const POOL_LABEL = 'cce.cloud.com/cce-nodepool';

function findPool(ctx: Ctx): NodePoolRec {
  const c = findCluster(ctx);
  const id = ctx.params.nodepool_id ?? '';
  const p = ctx.world.state.nodePools[id];
  if (!p || p.clusterId !== c.uid) throw new CceError('notFound', `node pool ${id} not found`);
  return p;
}

function limitOf(ctx: Ctx): number {
  return FLAVOR_NODES[String(findCluster(ctx).spec.flavor)] ?? 50;
}

export function createNodePool(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validateCreateNodePool(raw, limitOf(ctx));
  requireAvailable(c, 'node pool creation');
  const { world, now } = ctx;
  const name = str(body, 'metadata', 'name') as string;
  if (Object.values(world.state.nodePools).some((p) => p.clusterId === c.uid && p.name === name))
    throw new CceError('exists', `node pool name ${name} already exists in cluster ${c.uid}`);
  const spec = clone(body.spec as JsonObject);
  spec.type ??= 'vm';
  const t = spec.nodeTemplate as JsonObject;
  t.os ??= 'EulerOS 2.9';
  t.billingMode ??= 0;
  // Shown by every pool response example [003 §4.1.19-§4.1.21], set or not: no EIP, the primary NIC in the cluster's subnet.
  t.publicIP ??= { eip: { bandwidth: {} } };
  t.nodeNicSpec ??= { primaryNic: { subnetId: str(c.spec, 'hostNetwork', 'subnet') ?? '' } };
  t.k8sTags = { ...(isObject(t.k8sTags) ? t.k8sTags : {}), [POOL_LABEL]: name };
  t.extendParam = {
    'alpha.cce/NodeImageID': '',
    'alpha.cce/postInstall': '',
    'alpha.cce/preInstall': '',
    maxPods: 110,
    ...(isObject(t.extendParam) ? t.extendParam : {}),
  };
  spec.autoscaling = {
    enable: false,
    minNodeCount: 0,
    maxNodeCount: 0,
    scaleDownCooldownTime: 0,
    priority: 0,
    ...(isObject(spec.autoscaling) ? spec.autoscaling : {}),
  };
  spec.nodeManagement ??= {};
  const p: NodePoolRec = { uid: world.newId(), clusterId: c.uid, name, spec, phase: '', createdAt: now, updatedAt: now };
  world.state.nodePools[p.uid] = p;
  world.touch();
  if ((num(spec, 'initialNodeCount') ?? 0) > 0) {
    const created = converge(world, p, now);
    world.begin('nodePools', p, 'create', now, ctx.jobFailure, { created });
  }
  return ok(renderNodePool(world, p, now), 201);
}

export function showNodePool(ctx: Ctx): Reply {
  return ok(renderNodePool(ctx.world, findPool(ctx), ctx.now));
}

export function listNodePools(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const items = Object.values(ctx.world.state.nodePools)
    .filter((p) => p.clusterId === c.uid)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((p) => renderNodePool(ctx.world, p, ctx.now));
  return ok({ kind: 'List', apiVersion: 'v3', items });
}

export function updateNodePool(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const p = findPool(ctx);
  const body = validateUpdateNodePool(raw, limitOf(ctx), renderNodePool(ctx.world, p, ctx.now));
  requireAvailable(findCluster(ctx), 'node pool update');
  if (p.op?.kind === 'delete') throw new CceError('locked', `node pool ${p.uid} is Deleting`);
  const { world, now } = ctx;
  const before = num(p.spec, 'initialNodeCount') ?? 0;
  const count = num(body, 'spec', 'initialNodeCount');
  if (count !== undefined) p.spec.initialNodeCount = count;
  const autoscaling = get(body, 'spec', 'autoscaling');
  if (isObject(autoscaling)) p.spec.autoscaling = { ...(isObject(p.spec.autoscaling) ? p.spec.autoscaling : {}), ...autoscaling };
  const t = p.spec.nodeTemplate as JsonObject;
  const tags = get(body, 'spec', 'nodeTemplate', 'k8sTags');
  if (isObject(tags)) t.k8sTags = { ...tags, [POOL_LABEL]: p.name };
  const taints = get(body, 'spec', 'nodeTemplate', 'taints');
  if (Array.isArray(taints)) t.taints = taints;
  p.updatedAt = now;
  world.touch();
  if (count !== undefined && count !== before) {
    const created = converge(world, p, now, ctx.jobFailure);
    world.begin('nodePools', p, 'scale', now, ctx.jobFailure, { created });
  } else {
    world.begin('nodePools', p, 'update', now, ctx.jobFailure);
  }
  return ok(renderNodePool(world, p, now));
}

export function deleteNodePool(ctx: Ctx): Reply {
  const p = findPool(ctx);
  const { world, now } = ctx;
  if (p.op?.kind === 'delete' && p.op.jobId) return ok(renderNodePool(world, p, now, p.op.jobId));
  const nodes = poolNodes(world, p.uid);
  const job = createJob(world, now, {
    type: 'DeleteNodePool',
    clusterUID: p.clusterId,
    resourceID: p.uid,
    resourceName: p.name,
    subTypes: nodes.map(() => 'DeleteNode'),
    ...(ctx.jobFailure !== undefined ? { fail: ctx.jobFailure } : {}),
  });
  world.begin('nodePools', p, 'delete', now, ctx.jobFailure, undefined, job.uid);
  for (const n of nodes) world.begin('nodes', n, 'delete', now, ctx.jobFailure, undefined, job.uid);
  p.updatedAt = now;
  world.touch();
  return ok(renderNodePool(world, p, now, job.uid));
}
