/**
 * Add-on instance state machine (`status.status`).
 *   install:  installing  → running | installFailed
 *   upgrade:  upgrading   → running | upgradeFailed   (success: isRollbackable, previousVersion)
 *   rollback: rollbacking → running | rollbackFailed
 *   delete:   deleting    → (gone)  | deleteFailed
 */
import type { AddonRec, ClusterRec } from '../state.js';
import type { World } from '../world.js';
import { isDue } from '../world.js';
import { isObject, type JsonObject } from '../json.js';
import { findTemplate, newestFor } from '../templates.js';

export const OP_STATUS: Record<string, string> = {
  install: 'installing',
  upgrade: 'upgrading',
  rollback: 'rollbacking',
  delete: 'deleting',
};

const FAILED: Record<string, string> = {
  install: 'installFailed',
  upgrade: 'upgradeFailed',
  rollback: 'rollbackFailed',
  delete: 'deleteFailed',
};

const REASON: Record<string, string> = {
  install: 'addon installing',
  upgrade: 'addon upgrading',
  rollback: 'addon rollbacking',
  delete: 'addon deleting',
};

export function addonStatus(a: AddonRec): string {
  return a.op ? (OP_STATUS[a.op.kind] ?? a.status) : a.status;
}

export function addonReason(a: AddonRec): string {
  return a.op ? (REASON[a.op.kind] ?? '') : a.reason;
}

export function newAddon(
  world: World,
  cluster: ClusterRec,
  templateName: string,
  version: string,
  values: JsonObject,
  now: number,
  fail?: string,
): AddonRec {
  const a: AddonRec = {
    uid: world.newId(),
    clusterId: cluster.uid,
    autopilot: cluster.autopilot,
    templateName,
    version,
    values,
    status: 'installing',
    reason: '',
    message: '',
    isRollbackable: false,
    createdAt: now,
    updatedAt: now,
  };
  world.begin('addons', a, 'install', now, fail);
  world.state.addons[a.uid] = a;
  world.touch();
  return a;
}

/**
 * After a cluster becomes Available: install the add-ons named in `cluster.install.addons/install`, or, when that
 * annotation is absent on a standard cluster, CoreDNS and everest (the seed's "coredns and storage-driver"
 * default; storage-driver does not support v1.27+, everest is its CSI successor).
 */
export function installDefaultAddons(world: World, c: ClusterRec, now: number): void {
  let wanted: { name: string; version?: string; values?: JsonObject }[] = [];
  if (c.installAddons !== undefined) {
    try {
      const parsed: unknown = JSON.parse(c.installAddons);
      if (Array.isArray(parsed))
        wanted = parsed.filter(isObject).map((x) => ({
          name: String(x.addonTemplateName ?? ''),
          ...(typeof x.version === 'string' && x.version ? { version: x.version } : {}),
          ...(isObject(x.values) ? { values: x.values } : {}),
        }));
    } catch {
      wanted = [];
    }
  } else if (!c.autopilot) {
    wanted = [{ name: 'coredns' }, { name: 'everest' }];
  }
  const version = String(c.spec.version);
  for (const w of wanted) {
    const t = findTemplate(c.autopilot, w.name);
    const v = t && (w.version ? t.versions.find((x) => x.version === w.version) : newestFor(t, version));
    if (!t || !v) continue;
    newAddon(world, c, t.name, v.version, w.values ?? {}, now);
  }
}

export function settleAddon(world: World, a: AddonRec, now: number): void {
  const op = a.op;
  if (!op || !isDue(op, now)) return;
  delete a.op;
  a.updatedAt = op.startedAt + op.durationMs;
  world.touch();
  if (op.fail !== undefined) {
    a.status = FAILED[op.kind] ?? 'abnormal';
    a.reason = op.fail;
    a.message = op.fail;
    return;
  }
  if (op.kind === 'delete') {
    delete world.state.addons[a.uid];
    return;
  }
  a.status = 'running';
  a.message = '';
  a.reason = op.kind === 'install' ? 'Install complete' : op.kind === 'upgrade' ? 'Upgrade complete' : `Rollback to ${a.version}`;
}
