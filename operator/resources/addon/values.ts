/**
 * Add-on values: the API answers with template defaults and system keys merged in (e.g. `systemAutoInject`,
 * `basic.platform`), so what was written cannot be read back. The `values` row of the field table is compared by
 * the hash of what was last applied (`status.appliedHashes['spec.values']`, field-diff.ts); this file builds what is
 * sent and decides what counts as applied on adoption. Pure.
 */
import type { AddonInstance, JsonObject } from '../../cloud/index.js';
import { jsonEqual } from '../../runtime/merge-patch.js';
import { valueHash } from '../field-diff.js';
import type { CceAddon, CceAddonSpec } from './types.js';

/** The `status.appliedHashes` key of the values row. */
export const VALUES_PATH = 'spec.values';

/** Keys the cloud injects into returned values; never sent back. */
const SYSTEM_KEYS = ['systemAutoInject'];

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** spec.values as the API's JsonObject; undefined = the operator does not manage the values. */
export function specValues(spec: CceAddonSpec): JsonObject | undefined {
  return isObject(spec.values) ? (spec.values as JsonObject) : undefined;
}

/** The instance's values without the keys the cloud injects. */
export function cloudValues(observed: AddonInstance | undefined): JsonObject {
  const v = observed?.spec?.values;
  if (!isObject(v)) return {};
  const out: JsonObject = { ...v };
  for (const k of SYSTEM_KEYS) delete out[k];
  return out;
}

/** The full set to send with an update/upgrade: the spec's, else what the cloud has (omitted keys would reset). */
export function valuesToSend(spec: CceAddonSpec, observed: AddonInstance | undefined): JsonObject {
  return specValues(spec) ?? cloudValues(observed);
}

/** Every key of `want` is in `have` with an equal value (objects compared recursively; `have` may hold more). */
export function containsValues(have: unknown, want: unknown): boolean {
  if (isObject(want)) return isObject(have) && Object.entries(want).every(([k, v]) => containsValues(have[k], v));
  return jsonEqual(have, want);
}

/**
 * `status.appliedHashes` after adopting `observed`: spec.values the cloud's values already contain count as applied
 * (no needless PUT); otherwise no values hash is kept (a hash of another instance says nothing about this one), so
 * the values are applied once. Undefined when no hash remains.
 */
export function adoptedHashes(obj: CceAddon, observed: AddonInstance): Record<string, string> | undefined {
  const hashes: Record<string, string> = { ...(obj.status?.appliedHashes ?? {}) };
  const want = specValues(obj.spec);
  if (want && containsValues(cloudValues(observed), want)) hashes[VALUES_PATH] = valueHash(want);
  else delete hashes[VALUES_PATH];
  return Object.keys(hashes).length ? hashes : undefined;
}
