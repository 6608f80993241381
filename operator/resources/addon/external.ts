/**
 * The CceAddon external client: the four verbs against the CCE add-on API (standard or Autopilot, by the client's
 * flavour), in one cluster. Install validates (or picks) the version against the cloud's templates first; `update`
 * starts one family: `upgrade` (the documented upgrade PUT with the full values set, or on Autopilot the rollback
 * API when spec.version goes back down to status.previousVersion) or `update` (the values PUT). The add-on API has
 * no jobs: progress is followed through the instance's `status.status`.
 */
import {
  addonInstallRequest,
  addonUpgradeRequest,
  isCceApiError,
  unlessNotFound,
  type AddonInstance,
  type AddonTemplate,
  type CceClient,
} from '../../cloud/index.js';
import { Terminal } from '../../runtime/result.js';
import { valueHash, type FieldDiff } from '../field-diff.js';
import type { Family } from '../field-rules.js';
import type { Applied, External } from '../managed/kind.js';
import type { AddonScope } from './cluster.js';
import { Reason } from './reasons.js';
import type { CceAddon } from './types.js';
import { specValues, VALUES_PATH, valuesToSend } from './values.js';
import { checkVersion, compareVersions, currentVersion } from './versions.js';

/** The add-on calls the external makes (a test fakes just these). */
export type AddonCalls = Pick<
  CceClient['addons'],
  'get' | 'observeShared' | 'findByTemplate' | 'listTemplates' | 'install' | 'update' | 'rollback' | 'delete'
>;

export function addonExternal(cloud: { addons: AddonCalls }, scope: AddonScope): External<CceAddon, AddonInstance> {
  const api = cloud.addons;
  const { clusterID } = scope;
  return {
    async observe(id, fresh) {
      // The add-ons of one cluster polled together share one list (cloud/shared-lookups.ts); one the list may not
      // serve, or that is not in it, is read by itself.
      const shared = fresh ? undefined : await api.observeShared(id, clusterID);
      const found = shared ?? (await unlessNotFound(api.get(id, clusterID)));
      const template = found?.spec?.addonTemplateName;
      if (found && template && template !== scope.template && found.metadata?.name !== scope.template) {
        throw new Terminal(
          `add-on instance ${id} is ${template}, not spec.addonTemplateName ${scope.template} (to let go of this CceAddon, set deletionPolicy: Orphan)`,
          Reason.WrongTemplate,
        );
      }
      return found;
    },
    find: (obj) => api.findByTemplate(clusterID, obj.spec.addonTemplateName),
    async create(obj) {
      const name = obj.spec.addonTemplateName;
      const version = await resolveVersion(api, scope, name, obj.spec.version);
      const m = await api.install(
        addonInstallRequest({ clusterId: clusterID, addonTemplateName: name, version, values: specValues(obj.spec) ?? {} }),
      );
      const id = m.body?.metadata?.uid;
      return {
        id,
        observed: m.body,
        requestId: m.requestId,
        set: { clusterID },
        message: `installing add-on ${name} ${version} (${id ?? 'id n/a'})`,
      };
    },
    update: (obj, observed, family, diffs) => update(api, scope, obj, observed, family, diffs),
    async delete(_obj, observed) {
      const m = await api.delete(observed.metadata.uid as string, clusterID);
      return { requestId: m.requestId };
    },
  };
}

async function update(
  api: AddonCalls,
  scope: AddonScope,
  obj: CceAddon,
  observed: AddonInstance,
  family: Family,
  _diffs: FieldDiff[],
): Promise<Applied<AddonInstance>> {
  const id = observed.metadata.uid as string;
  const template = observed.spec?.addonTemplateName ?? obj.spec.addonTemplateName;
  const from = currentVersion(observed);
  if (family === 'upgrade') {
    const to = obj.spec.version as string;
    // Autopilot: going back down to the pre-upgrade version is the rollback API (allowed only when rollbackable).
    if (scope.autopilot && to === observed.status?.previousVersion && compareVersions(to, from) < 0) {
      if (observed.status?.isRollbackable !== true) {
        throw new Terminal(
          `spec.version ${to}: cannot roll back ${template} from ${from}: the cloud reports the instance not rollbackable ` +
            `(status ${observed.status?.status ?? 'unknown'}); set spec.version back to ${from}`,
          Reason.RollbackNotAllowed,
        );
      }
      const m = await api.rollback(id, scope.clusterID);
      return {
        reason: Reason.RollingBack,
        message: `rolling back ${template} from ${from} to ${to}`,
        observed: m.body?.metadata ? m.body : undefined,
        requestId: m.requestId,
      };
    }
    await resolveVersion(api, scope, template, to);
    const values = valuesToSend(obj.spec, observed);
    const m = await api.update(id, addonUpgradeRequest({ clusterId: scope.clusterID, addonTemplateName: template, version: to, values }));
    // The upgrade carried spec.values (the full set): they count as applied too.
    const set = specValues(obj.spec)
      ? { appliedHashes: { ...(obj.status?.appliedHashes ?? {}), [VALUES_PATH]: valueHash(values) } }
      : undefined;
    return {
      reason: Reason.Upgrading,
      message: `upgrading ${template} from ${from} to ${to}`,
      observed: m.body?.metadata ? m.body : undefined,
      requestId: m.requestId,
      ...(set ? { set } : {}),
    };
  }
  if (family === 'update') {
    const values = valuesToSend(obj.spec, observed);
    const m = await api.update(id, addonUpgradeRequest({ clusterId: scope.clusterID, addonTemplateName: template, version: from, values }));
    return {
      reason: Reason.ValuesUpdated,
      message: `applied spec.values to ${template}`,
      observed: m.body?.metadata ? m.body : undefined,
      requestId: m.requestId,
    };
  }
  throw new Error(`internal: add-ons have no ${family} family`);
}

/** The templates the cloud lists for `name` (the API answers 404 for an unknown name), else all of them. */
async function templatesFor(api: AddonCalls, name: string, clusterID: string): Promise<AddonTemplate[]> {
  try {
    const named = (await api.listTemplates({ addon_template_name: name }, clusterID)).items ?? [];
    if (named.length) return named;
  } catch (e) {
    if (!(isCceApiError(e) && e.notFound)) throw e;
  }
  return (await api.listTemplates({}, clusterID)).items ?? [];
}

/** Validates (or picks) the version against the cloud's templates; an unknown template or version is Terminal. */
export async function resolveVersion(api: AddonCalls, scope: AddonScope, name: string, version: string | undefined): Promise<string> {
  const check = checkVersion(await templatesFor(api, name, scope.clusterID), name, version, scope.clusterVersion);
  if (!check.ok) throw new Terminal(check.message, check.reason);
  return check.version;
}
