/**
 * Desired (spec) vs observed (cloud) for a CceAddon: the one operation to start this pass, in order
 * rollback, upgrade, values update. Values are compared by the hash of what was last applied. Pure.
 */
import type { AddonInstance, JsonObject } from '../../cloud/index.js';
import type { CceAddonSpec } from './types.js';
import { valuesChanged, valuesToSend } from './values.js';
import { compareVersions } from './versions.js';

export type AddonOperation =
  | { kind: 'rollback'; from: string; to: string }
  | { kind: 'upgrade'; from: string; to: string; values: JsonObject }
  | { kind: 'values'; version: string; values: JsonObject };

export function currentVersion(observed: AddonInstance): string {
  return observed.spec?.version ?? observed.status?.currentVersion?.version ?? '';
}

export function addonOperation(spec: CceAddonSpec, observed: AddonInstance, appliedValuesHash: string | undefined, autopilot: boolean): AddonOperation | undefined {
  const from = currentVersion(observed);
  if (spec.version && spec.version !== from) {
    // Autopilot: going back down to the pre-upgrade version is the rollback API (allowed only when rollbackable).
    if (autopilot && spec.version === observed.status?.previousVersion && compareVersions(spec.version, from) < 0) return { kind: 'rollback', from, to: spec.version };
    return { kind: 'upgrade', from, to: spec.version, values: valuesToSend(spec, observed) };
  }
  if (valuesChanged(spec, appliedValuesHash)) return { kind: 'values', version: from, values: valuesToSend(spec, observed) };
  return undefined;
}
