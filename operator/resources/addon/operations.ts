/**
 * The writes of a CceAddon pass: install (identity first), upgrade, values update, Autopilot rollback. Each is one
 * cloud call, one Event, one status write, and a requeue to follow the instance's status.
 */
import { OutcomeUnknownError, addonInstallRequest, addonUpgradeRequest, type AddonInstance } from '../../cloud/index.js';
import { requeueAfter, Terminal, type ReconcileResult } from '../../runtime/result.js';
import type { AddonOperation } from './diff.js';
import type { Pass } from './pass.js';
import { Reason } from './reasons.js';
import { specValues, valuesHash } from './values.js';
import { checkVersion } from './versions.js';

/** Validates (or picks) the version against the cloud's templates; unknown → Terminal (Stalled, no hot loop). */
export async function resolveVersion(p: Pass, version: string | undefined): Promise<string> {
  const name = p.obj.spec.addonTemplateName;
  let list = (await p.cloud.addons.listTemplates({ addon_template_name: name }, p.coords.clusterID)).items ?? [];
  if (!list.length) list = (await p.cloud.addons.listTemplates({}, p.coords.clusterID)).items ?? [];
  const check = checkVersion(list, name, version, p.coords.clusterVersion);
  if (!check.ok) throw new Terminal(check.message, check.reason);
  return check.version;
}

/** The applied-values hash to record after a write that sent the spec's values. */
function appliedHash(p: Pass): string | undefined {
  const v = specValues(p.obj.spec);
  return v ? valuesHash(v) : p.obj.status?.appliedValuesHash;
}

export async function install(p: Pass): Promise<ReconcileResult> {
  const { obj, cloud, coords, ctx } = p;
  const version = await resolveVersion(p, obj.spec.version);
  const body = addonInstallRequest({ clusterId: coords.clusterID, addonTemplateName: obj.spec.addonTemplateName, version, values: specValues(obj.spec) ?? {} });
  let m;
  try {
    m = await cloud.addons.install(body);
  } catch (err) {
    // Sent but unanswered, or "already installed": never install blindly again — the next pass adopts by template.
    if (err instanceof OutcomeUnknownError || (err as { conflict?: boolean }).conflict) return requeueAfter(1000);
    throw err;
  }
  const addonID = m.body?.metadata?.uid;
  // Identity first: the instance id goes to status before anything else.
  await p.write({
    observed: m.body,
    outcome: { state: 'progressing', reason: Reason.InstallRequested, message: `install of ${obj.spec.addonTemplateName} ${version} requested` },
    set: { addonID, clusterID: coords.clusterID, appliedValuesHash: appliedHash(p) },
  });
  ctx.events.normal(Reason.InstallRequested, `installing add-on ${obj.spec.addonTemplateName} ${version} (${addonID ?? 'n/a'}), request ${m.requestId ?? 'n/a'}`);
  return requeueAfter(p.poll, { jobInFlight: true });
}

export async function applyOperation(p: Pass, observed: AddonInstance, op: AddonOperation): Promise<ReconcileResult> {
  const { obj, cloud, coords, ctx } = p;
  const id = observed.metadata.uid as string;
  const template = observed.spec?.addonTemplateName ?? obj.spec.addonTemplateName;
  switch (op.kind) {
    case 'rollback': {
      if (observed.status?.isRollbackable !== true) {
        throw new Terminal(
          `spec.version ${op.to}: cannot roll back ${template} from ${op.from}: the cloud reports the instance not rollbackable ` +
            `(status ${observed.status?.status ?? 'unknown'}); set spec.version back to ${op.from}`,
          Reason.RollbackNotAllowed,
        );
      }
      const m = await cloud.addons.rollback(id, coords.clusterID);
      ctx.events.normal(Reason.RollingBack, `rolling back ${template} from ${op.from} to ${op.to} (request ${m.requestId ?? 'n/a'})`);
      await p.write({ observed: m.body ?? observed, outcome: { state: 'progressing', reason: Reason.RollingBack, message: `rolling back ${op.from} → ${op.to}` } });
      return requeueAfter(p.poll, { jobInFlight: true });
    }
    case 'upgrade': {
      await resolveVersion(p, op.to);
      const body = addonUpgradeRequest({ clusterId: coords.clusterID, addonTemplateName: template, version: op.to, values: op.values });
      const m = await cloud.addons.update(id, body);
      ctx.events.normal(Reason.Upgrading, `upgrading ${template} from ${op.from} to ${op.to} (request ${m.requestId ?? 'n/a'})`);
      await p.write({
        observed: m.body ?? observed,
        outcome: { state: 'progressing', reason: Reason.Upgrading, message: `upgrading ${op.from} → ${op.to}` },
        set: { appliedValuesHash: appliedHash(p) },
      });
      return requeueAfter(p.poll, { jobInFlight: true });
    }
    case 'values': {
      const body = addonUpgradeRequest({ clusterId: coords.clusterID, addonTemplateName: template, version: op.version, values: op.values });
      const m = await cloud.addons.update(id, body);
      ctx.events.normal(Reason.ValuesUpdated, `applied spec.values to ${template} (request ${m.requestId ?? 'n/a'})`);
      await p.write({
        observed: m.body ?? observed,
        outcome: { state: 'progressing', reason: Reason.ValuesUpdated, message: 'spec.values applied' },
        set: { appliedValuesHash: appliedHash(p) },
      });
      return requeueAfter(p.poll, { jobInFlight: true });
    }
  }
}
