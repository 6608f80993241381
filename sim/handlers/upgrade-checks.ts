/** Pre-check, post-check, snapshot (backup), upgrade info and upgrade paths. */
import { CceError } from '../errors.js';
import { baselineOf, canUpgrade, findVersion, versions } from '../versions.js';
import { clone, get, isObject, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import { clusterPhase, requireAvailable } from '../lifecycle/cluster.js';
import { latestTask, taskPhase, taskProgress, completionTime } from '../lifecycle/task.js';
import { renderPostCheck, renderPreCheck, renderSnapshotTask } from '../render/task.js';
import { goTime } from '../time.js';
import { validatePostCheck, validatePreCheck } from '../validate/upgrade.js';
import { bodyObject, findCluster, ok } from './common.js';
import { newTask, patchOf } from './upgrade.js';

function tasksOf(ctx: Ctx, kind: 'PreCheckTask' | 'SnapshotTask') {
  const c = findCluster(ctx);
  return Object.values(ctx.world.state.tasks)
    .filter((t) => t.clusterId === c.uid && t.kind === kind)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function createPreCheck(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validatePreCheck(raw);
  requireAvailable(c, 'pre-check');
  const target = str(body, 'spec', 'targetVersion');
  if (target && !canUpgrade(c.autopilot, String(c.spec.version), target))
    throw new CceError('version', `spec.targetVersion: ${target} is not an upgrade target of ${String(c.spec.version)}`);
  const spec: JsonObject = isObject(body.spec) ? clone(body.spec) : {};
  spec.clusterID = c.uid;
  spec.clusterVersion ??= patchOf(c.autopilot, String(c.spec.version));
  const t = newTask(ctx, c.uid, 'PreCheckTask', spec);
  failOnKnob(ctx, t.spec, t);
  return ok(renderPreCheck(t, t.startedAt - 1)); // as it starts: Init
}

/** The admin knob's failing items, less those the request skips by name: the pre-check fails on the rest. */
function failOnKnob(ctx: Ctx, spec: JsonObject, t: { fail?: string; failedItems?: JsonObject[] }): void {
  const skipped = new Set(
    (Array.isArray(spec.skippedCheckItemList) ? spec.skippedCheckItemList : []).filter(isObject).map((i) => str(i, 'name')),
  );
  const items = (ctx.world.state.preCheckFailures ?? []).filter((f) => !skipped.has(f.name));
  if (!items.length || t.fail !== undefined) return;
  t.failedItems = items.map((f) => ({ name: f.name, kind: f.kind ?? 'Exception', message: f.message ?? `${f.name} check failed` }));
  t.fail = `${items.length} check item(s) failed`;
}

export function showPreCheck(ctx: Ctx): Reply {
  const t = tasksOf(ctx, 'PreCheckTask').find((x) => x.uid === ctx.params.task_id);
  if (!t) throw new CceError('notFound', `pre-check task ${ctx.params.task_id ?? ''} not found`);
  return ok(renderPreCheck(t, ctx.now));
}

export function listPreChecks(ctx: Ctx): Reply {
  return ok({ kind: 'List', apiVersion: 'v3', metadata: {}, items: tasksOf(ctx, 'PreCheckTask').map((t) => renderPreCheck(t, ctx.now)) });
}

/**
 * Synchronous: Success when the cluster is Available at the target version (if one is given), else Failed.
 * `spec.clusterVersion` is the upgrade's source version [004 T4-299 "集群升级源版本"]: when given it must be the
 * version the cluster's latest upgrade started from (that task's spec.version, or its baseline), else 400.
 */
export function createPostCheck(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validatePostCheck(raw);
  const source = str(body, 'spec', 'clusterVersion');
  if (source !== undefined) {
    const from = latestTask(ctx.world.state.tasks, c.uid, 'UpgradeTask')?.spec.version;
    if (typeof from !== 'string')
      throw new CceError(
        'invalid',
        `spec.clusterVersion: cluster ${c.uid} has not been upgraded, so ${source} is no upgrade's source version`,
      );
    if (source !== from && source !== baselineOf(from))
      throw new CceError('invalid', `spec.clusterVersion: ${source} is not the source version of the cluster's latest upgrade (${from})`);
  }
  const target = str(body, 'spec', 'targetVersion');
  const spec: JsonObject = clone(body.spec as JsonObject);
  spec.clusterID = c.uid;
  const t = newTask(ctx, c.uid, 'PostCheckTask', spec);
  t.durationMs = 0;
  if (t.fail === undefined && clusterPhase(c) !== 'Available') t.fail = `cluster is ${clusterPhase(c)}`;
  if (t.fail === undefined && target && baselineOf(target) !== baselineOf(String(c.spec.version)))
    t.fail = `cluster version ${String(c.spec.version)} is not ${target}`;
  return ok(renderPostCheck(t, ctx.now));
}

export function createSnapshot(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  requireAvailable(c, 'backup');
  const t = newTask(ctx, c.uid, 'SnapshotTask', {});
  return ok({ uid: t.uid, metadata: { kind: 'Snapshot', apiVersion: 'v3.1' } });
}

export function listSnapshots(ctx: Ctx): Reply {
  const tasks = tasksOf(ctx, 'SnapshotTask');
  const done = tasks
    .map((t) => (taskPhase(t, ctx.now) === 'Success' ? completionTime(t, ctx.now) : undefined))
    .filter((x): x is number => x !== undefined);
  const latest = done.length ? goTime(Math.max(...done)) : '';
  return ok({
    kind: 'List',
    apiVersion: 'v3.1',
    metadata: {},
    items: tasks.map((t) => renderSnapshotTask(t, ctx.now)),
    status: { latestBackupTime: latest },
  });
}

export function showUpgradeInfo(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const info = findVersion(c.autopilot, String(c.spec.version));
  const patch = info?.patch ?? String(c.spec.version);
  const last = latestTask(ctx.world.state.tasks, c.uid, 'UpgradeTask');
  const lastInfo: JsonObject = last
    ? {
        phase: taskPhase(last, ctx.now),
        progress: taskProgress(last, ctx.now),
        completionTime: goTime(completionTime(last, ctx.now) ?? last.startedAt),
      }
    : {};
  return ok({
    kind: 'UpgradeInfo',
    apiVersion: 'v3',
    metadata: {},
    spec: {
      lastUpgradeInfo: lastInfo,
      versionInfo: {
        release: patch.replace(/-r\d+$/, ''),
        patch: /-(r\d+)$/.exec(patch)?.[1] ?? 'r0',
        suggestPatch: /-(r\d+)$/.exec(patch)?.[1] ?? 'r0',
        targetVersions: (info?.targets ?? []).map((v) => patchOf(c.autopilot, v)),
      },
      upgradeFeatureGates: { supportUpgradePageV4: true },
    },
    status: get(lastInfo, 'phase') ? lastInfo : { phase: 'Init' },
  });
}

export function listUpgradePaths(ctx: Ctx): Reply {
  return ok({
    apiVersion: 'v3',
    kind: 'ClusterUpgradePaths',
    metadata: {},
    upgradePaths: versions(ctx.autopilot).map((v) => ({
      version: v.baseline,
      platformVersion: v.platformVersion,
      targetVersions: v.targets.map((t) => patchOf(ctx.autopilot, t)),
    })),
  });
}
