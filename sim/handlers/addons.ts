/**
 * Add-on instances. Standard: /api/v3/addons (install 200, errors {code,message}); Autopilot: /autopilot/v3/addons
 * (install 201, rollback, delete answers "success"). Progress is `status.status`; no job ids.
 */
import { CceError } from '../errors.js';
import { clone, get, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { AddonRec, ClusterRec } from '../state.js';
import { addonStatus, newAddon } from '../lifecycle/addon.js';
import { requireAvailable } from '../lifecycle/cluster.js';
import { renderAddon } from '../render/addon.js';
import { findTemplate, newestFor, supports, type TemplateVersion } from '../templates.js';
import {
  asksUpgrade,
  validateAutopilotInstall,
  validateAutopilotUpdate,
  validateInstall,
  validateRollback,
  validateUpdate,
} from '../validate/addon.js';
import { bodyObject, findCluster, ok } from './common.js';

function templateVersion(ctx: Ctx, c: ClusterRec, name: string, version: string | undefined): TemplateVersion {
  const t = findTemplate(ctx.autopilot, name);
  if (!t) throw new CceError('notFound', `Addon template ${name} not exist`);
  const clusterVersion = String(c.spec.version);
  const v = version === undefined ? newestFor(t, clusterVersion) : t.versions.find((x) => x.version === version);
  if (!v) throw new CceError('unsupportedAddon', `spec.version: ${name} has no version ${version ?? 'for this cluster'}`);
  if (!supports(v, clusterVersion))
    throw new CceError('unsupportedAddon', `spec.version: ${name} ${v.version} does not support cluster version ${clusterVersion}`);
  return v;
}

export function findAddon(ctx: Ctx, id = ctx.params.id ?? ''): AddonRec {
  const a = ctx.world.state.addons[id];
  const want = ctx.query.get('cluster_id');
  if (!a || a.autopilot !== ctx.autopilot || (want && a.clusterId !== want))
    throw new CceError('notFound', `addon instance ${id} not exist`);
  return a;
}

function upgrade(ctx: Ctx, a: AddonRec, body: JsonObject): Reply {
  const c = findCluster(ctx, a.clusterId);
  if (a.op) throw new CceError('locked', `addon instance ${a.uid} is ${addonStatus(a)}`);
  requireAvailable(c, 'add-on update');
  const version = str(body, 'spec', 'version') as string;
  templateVersion(ctx, c, a.templateName, version);
  if (version !== a.version) {
    a.previousVersion = a.version;
    a.version = version;
    a.isRollbackable = true;
  }
  a.values = clone((get(body, 'spec', 'values') ?? {}) as JsonObject);
  ctx.world.begin('addons', a, 'upgrade', ctx.now, ctx.jobFailure);
  a.updatedAt = ctx.now;
  ctx.world.touch();
  return ok(renderAddon(a));
}

export function createAddon(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const body = ctx.autopilot ? validateAutopilotInstall(raw) : validateInstall(raw);
  const c = findCluster(ctx, str(body, 'spec', 'clusterID'));
  const name = str(body, 'spec', 'addonTemplateName') as string;
  const existing = Object.values(ctx.world.state.addons).find(
    (a) => a.clusterId === c.uid && a.templateName === findTemplate(ctx.autopilot, name)?.name,
  );
  if (existing && asksUpgrade(body)) return upgrade(ctx, existing, ctx.autopilot ? validateAutopilotUpdate(body) : validateUpdate(body));
  requireAvailable(c, 'add-on installation');
  const v = templateVersion(ctx, c, name, str(body, 'spec', 'version'));
  if (existing) throw new CceError('exists', `addon ${name} is already installed in cluster ${c.uid} (instance ${existing.uid})`);
  const templateName = findTemplate(ctx.autopilot, name)?.name ?? name;
  const a = newAddon(ctx.world, c, templateName, v.version, clone(body.spec as JsonObject).values as JsonObject, ctx.now, ctx.jobFailure);
  return ok(renderAddon(a), ctx.autopilot ? 201 : 200);
}

export function showAddon(ctx: Ctx): Reply {
  return ok(renderAddon(findAddon(ctx)));
}

export function listAddons(ctx: Ctx): Reply {
  const clusterId = ctx.query.get('cluster_id');
  if (!clusterId) throw new CceError('invalid', 'cluster_id: is required');
  const c = findCluster(ctx, clusterId);
  const items = Object.values(ctx.world.state.addons)
    .filter((a) => a.clusterId === c.uid)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map(renderAddon);
  return ok({ kind: 'Addon', apiVersion: 'v3', items });
}

export function updateAddon(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const body = ctx.autopilot ? validateAutopilotUpdate(raw) : validateUpdate(raw);
  const a = findAddon(ctx);
  if (str(body, 'spec', 'clusterID') !== a.clusterId)
    throw new CceError('invalid', `spec.clusterID: addon instance ${a.uid} belongs to cluster ${a.clusterId}`);
  if (str(body, 'spec', 'addonTemplateName') !== a.templateName)
    throw new CceError('invalid', `spec.addonTemplateName: addon instance ${a.uid} is ${a.templateName}`);
  return upgrade(ctx, a, body);
}

const ROLLBACK_FROM = ['running', 'available', 'abnormal', 'upgradeFailed', 'rollbackFailed'];

export function rollbackAddon(ctx: Ctx): Reply {
  const body = validateRollback(bodyObject(ctx));
  const clusterID = str(body, 'clusterID') as string;
  const a = findAddon(ctx);
  if (clusterID !== a.clusterId) throw new CceError('invalid', `clusterID: addon instance ${a.uid} belongs to cluster ${a.clusterId}`);
  const status = addonStatus(a);
  if (a.op) throw new CceError('locked', `addon instance ${a.uid} is ${status}`);
  if (!a.isRollbackable || !a.previousVersion || !ROLLBACK_FROM.includes(status))
    throw new CceError('invalid', `addon instance ${a.uid} cannot be rolled back (status ${status}, isRollbackable ${a.isRollbackable})`);
  const target = a.previousVersion;
  a.previousVersion = a.version;
  a.version = target;
  a.isRollbackable = false;
  ctx.world.begin('addons', a, 'rollback', ctx.now, ctx.jobFailure);
  a.updatedAt = ctx.now;
  ctx.world.touch();
  return ok(renderAddon(a));
}

export function deleteAddon(ctx: Ctx): Reply {
  const a = findAddon(ctx);
  if (a.op?.kind !== 'delete') {
    if (a.op) throw new CceError('locked', `addon instance ${a.uid} is ${addonStatus(a)}`);
    ctx.world.begin('addons', a, 'delete', ctx.now, ctx.jobFailure);
    a.updatedAt = ctx.now;
    ctx.world.touch();
  }
  return ok(ctx.autopilot ? 'success' : renderAddon(a));
}
