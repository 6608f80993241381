/** Add-on instances as the API renders them (standard: `Reason`, no rollback fields; Autopilot: both). */
import type { AddonRec } from '../state.js';
import { clone, type JsonObject } from '../json.js';
import { rfc3339 } from '../time.js';
import { addonReason, addonStatus } from '../lifecycle/addon.js';
import { findTemplate, renderVersion } from '../templates.js';

export function renderAddon(a: AddonRec): JsonObject {
  const t = findTemplate(a.autopilot, a.templateName);
  const v = t?.versions.find((x) => x.version === a.version);
  const metadata: JsonObject = {
    uid: a.uid,
    name: a.templateName,
    labels: {},
    annotations: {},
    creationTimestamp: rfc3339(a.createdAt),
    updateTimestamp: rfc3339(a.updatedAt),
  };
  if (a.autopilot) metadata.alias = t?.alias ?? a.templateName;
  const status: JsonObject = {
    status: addonStatus(a),
    Reason: addonReason(a),
    message: a.message,
    targetVersions: a.previousVersion && a.op?.kind === 'rollback' ? [a.previousVersion] : null,
    currentVersion: v ? renderVersion(v, a.autopilot, a.createdAt) : { version: a.version },
  };
  if (a.autopilot) {
    status.isRollbackable = a.op ? false : a.isRollbackable;
    if (a.previousVersion) status.previousVersion = a.previousVersion;
  }
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata,
    spec: {
      clusterID: a.clusterId,
      version: a.version,
      addonTemplateName: a.templateName,
      addonTemplateType: t?.type ?? 'helm',
      addonTemplateLogo: '',
      addonTemplateLabels: t?.labels ?? [],
      description: t?.description ?? '',
      values: clone(a.values),
    },
    status,
  };
}
