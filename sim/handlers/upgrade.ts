/**
 * Cluster upgrade (UpgradeTask model): POST .../operation/upgrade, GET .../operation/upgrade/tasks[/{task_id}],
 * POST .../operation/upgrade/retry. While the task runs the cluster is Upgrading; on Success spec.version is
 * the target. Creation responses show the task as it starts (phase Init).
 */
import { CceError } from '../errors.js';
import { get, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { TaskRec } from '../state.js';
import { requireAvailable } from '../lifecycle/cluster.js';
import { latestTask, taskPhase } from '../lifecycle/task.js';
import { renderUpgradeTask } from '../render/task.js';
import { canUpgrade, findVersion } from '../versions.js';
import { validateUpgrade } from '../validate/upgrade.js';
import { bodyObject, findCluster, ok } from './common.js';

export function patchOf(autopilot: boolean, version: string): string {
  return /-r\d+$/.test(version) ? version : (findVersion(autopilot, version)?.patch ?? version);
}

export function newTask(ctx: Ctx, clusterId: string, kind: TaskRec['kind'], spec: JsonObject): TaskRec {
  const t: TaskRec = {
    uid: ctx.world.newId(),
    clusterId,
    kind,
    spec,
    startedAt: ctx.now,
    durationMs: ctx.world.config.jobMs,
    createdAt: ctx.now,
  };
  if (ctx.jobFailure !== undefined) t.fail = ctx.jobFailure;
  ctx.world.state.tasks[t.uid] = t;
  ctx.world.touch();
  return t;
}

export function upgradeCluster(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validateUpgrade(raw);
  requireAvailable(c, 'upgrade');
  const action = get(body, 'spec', 'clusterUpgradeAction') as JsonObject;
  const target = str(action, 'targetVersion') as string;
  const current = String(c.spec.version);
  if (!canUpgrade(c.autopilot, current, target))
    throw new CceError('version', `spec.clusterUpgradeAction.targetVersion: ${target} is not an upgrade target of ${current}`);
  const t = newTask(ctx, c.uid, 'UpgradeTask', {
    version: patchOf(c.autopilot, current),
    targetVersion: patchOf(c.autopilot, target),
    items: {},
  });
  ctx.world.begin('clusters', c, 'upgrade', ctx.now, ctx.jobFailure, { taskId: t.uid, targetVersion: target });
  c.updatedAt = ctx.now;
  return ok({
    metadata: { uid: t.uid },
    spec: {
      clusterUpgradeAction: {
        version: patchOf(c.autopilot, current),
        targetVersion: patchOf(c.autopilot, target),
        targetPlatformVersion: findVersion(c.autopilot, target)?.platformVersion ?? '',
        strategy: action.strategy ?? {},
        config: {},
      },
    },
  });
}

function findUpgradeTask(ctx: Ctx): TaskRec {
  const c = findCluster(ctx);
  const id = ctx.params.task_id ?? '';
  const t = ctx.world.state.tasks[id];
  if (!t || t.clusterId !== c.uid || t.kind !== 'UpgradeTask') throw new CceError('notFound', `upgrade task ${id} not found`);
  return t;
}

export function showUpgradeTask(ctx: Ctx): Reply {
  return ok(renderUpgradeTask(findUpgradeTask(ctx), ctx.now));
}

export function listUpgradeTasks(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const items = Object.values(ctx.world.state.tasks)
    .filter((t) => t.clusterId === c.uid && t.kind === 'UpgradeTask')
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((t) => renderUpgradeTask(t, ctx.now));
  return ok({ kind: 'List', apiVersion: 'v3', metadata: {}, items });
}

/** Re-runs the cluster's latest upgrade task; only when it Failed. No body in or out. */
export function retryUpgrade(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const t = latestTask(ctx.world.state.tasks, c.uid, 'UpgradeTask');
  if (!t || taskPhase(t, ctx.now) !== 'Failed') throw new CceError('invalid', `cluster ${c.uid} has no failed upgrade task to retry`);
  requireAvailable(c, 'upgrade retry');
  t.startedAt = ctx.now;
  delete t.fail;
  if (ctx.jobFailure !== undefined) t.fail = ctx.jobFailure;
  const target = String(findVersion(c.autopilot, String(t.spec.targetVersion))?.baseline ?? t.spec.targetVersion);
  ctx.world.begin('clusters', c, 'upgrade', ctx.now, ctx.jobFailure, { taskId: t.uid, targetVersion: target });
  ctx.world.touch();
  return ok();
}
