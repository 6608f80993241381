/** The admin/introspection API under /_sim/ (no auth). Routes are documented in sim/README.md. */
import type { Json, JsonObject } from './json.js';
import { isObject } from './json.js';
import type { World } from './world.js';
import { checkFaultSpec, type Faults, type FaultSpec } from './faults.js';
import type { RequestLog } from './request-log.js';
import { renderCluster } from './render/cluster.js';
import { renderNode, renderNodePool } from './render/nodepool.js';
import { renderAddon } from './render/addon.js';
import { renderJob } from './jobs.js';
import { renderPostCheck, renderPreCheck, renderSnapshotTask, renderUpgradeTask } from './render/task.js';
import { rfc3339 } from './time.js';
import { DEFAULT_QUOTAS } from './state.js';
import { settle } from './settle.js';

export interface AdminDeps {
  world: World;
  faults: Faults;
  log: RequestLog;
}

export interface AdminReply {
  status: number;
  body?: Json;
}

function objects(world: World, now: number): JsonObject {
  const s = world.state;
  const tasks = Object.values(s.tasks);
  return {
    clusters: Object.values(s.clusters).map((c) => renderCluster(world, c, now, { errorStatus: true })),
    nodePools: Object.values(s.nodePools).map((p) => ({ ...renderNodePool(world, p, now), clusterID: p.clusterId })),
    nodes: Object.values(s.nodes).map((n) => ({ ...renderNode(n, now), clusterID: n.clusterId })),
    addons: Object.values(s.addons).map(renderAddon),
    jobs: Object.values(s.jobs).map((j) => renderJob(j, now)),
    upgradeTasks: tasks.filter((t) => t.kind === 'UpgradeTask').map((t) => ({ ...renderUpgradeTask(t, now), clusterID: t.clusterId })),
    preCheckTasks: tasks.filter((t) => t.kind === 'PreCheckTask').map((t) => ({ ...renderPreCheck(t, now), clusterID: t.clusterId })),
    postCheckTasks: tasks.filter((t) => t.kind === 'PostCheckTask').map((t) => ({ ...renderPostCheck(t, now), clusterID: t.clusterId })),
    snapshotTasks: tasks.filter((t) => t.kind === 'SnapshotTask').map((t) => ({ ...renderSnapshotTask(t, now), clusterID: t.clusterId })),
  };
}

function clock(world: World): JsonObject {
  return { now: rfc3339(world.now()), offsetSeconds: world.clock.offsetMs / 1000 };
}

export function handleAdmin(deps: AdminDeps, method: string, path: string, body: unknown): AdminReply {
  const { world, faults, log } = deps;
  const now = world.now();
  settle(world, now);
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  if (route === 'GET /_sim/health') return { status: 200, body: { ok: true } };
  if (route === 'POST /_sim/faults') {
    const problem = checkFaultSpec(body);
    if (problem) return { status: 400, body: { error: problem } };
    return { status: 201, body: faults.add(body as FaultSpec) as unknown as JsonObject };
  }
  if (route === 'GET /_sim/faults') return { status: 200, body: { items: faults.all() as unknown as JsonObject[] } };
  if (route === 'DELETE /_sim/faults') {
    faults.clear();
    return { status: 204 };
  }
  const m = /^DELETE \/_sim\/faults\/([^/]+)$/.exec(route);
  if (m) return faults.remove(m[1] as string) ? { status: 204 } : { status: 404, body: { error: 'no such fault' } };
  if (route === 'GET /_sim/requests') return { status: 200, body: { items: log.items() as unknown as JsonObject[] } };
  if (route === 'DELETE /_sim/requests') {
    log.clear();
    return { status: 204 };
  }
  if (route === 'GET /_sim/counts') return { status: 200, body: log.counts() };
  if (route === 'GET /_sim/objects') return { status: 200, body: objects(world, now) };
  if (route === 'POST /_sim/reset') {
    world.reset();
    faults.clear();
    log.clear();
    return { status: 204 };
  }
  if (route === 'GET /_sim/clock') return { status: 200, body: clock(world) };
  if (route === 'POST /_sim/clock/advance') {
    const seconds = isObject(body) ? body.seconds : undefined;
    if (typeof seconds !== 'number' || seconds < 0) return { status: 400, body: { error: 'seconds: must be a number >= 0' } };
    world.clock.advance(seconds);
    world.state.clockOffsetMs = world.clock.offsetMs;
    world.touch();
    return { status: 200, body: clock(world) };
  }
  if (route === 'PUT /_sim/quotas') {
    if (!isObject(body)) return { status: 400, body: { error: 'body: must be a JSON object' } };
    for (const key of Object.keys(DEFAULT_QUOTAS) as (keyof typeof DEFAULT_QUOTAS)[]) {
      const v = body[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        return { status: 400, body: { error: `${key}: must be an integer >= 0` } };
      world.state.quotas[key] = v;
    }
    world.touch();
    return { status: 200, body: { ...world.state.quotas } };
  }
  if (route === 'PUT /_sim/precheck-failures') {
    const items = isObject(body) ? body.items : undefined;
    const valid = Array.isArray(items) && items.every((i) => isObject(i) && typeof i.name === 'string' && i.name !== '');
    if (!valid) return { status: 400, body: { error: 'items: must be an array of {name, kind?, message?}' } };
    world.state.preCheckFailures = (items as JsonObject[]).map((i) => ({
      name: String(i.name),
      ...(typeof i.kind === 'string' ? { kind: i.kind } : {}),
      ...(typeof i.message === 'string' ? { message: i.message } : {}),
    }));
    world.touch();
    return { status: 200, body: { items: world.state.preCheckFailures as unknown as JsonObject[] } };
  }
  return { status: 404, body: { error: `no admin route ${route}` } };
}
