/**
 * Add-on values: the API answers with template defaults and system keys merged in (e.g. `systemAutoInject`,
 * `basic.platform`), so what was written cannot be read back. The operator keeps a hash of the values it last
 * applied and re-applies only when spec.values changes. Pure.
 */
import { createHash } from 'node:crypto';
import type { AddonInstance, JsonObject } from '../../cloud/index.js';
import { jsonEqual } from '../../runtime/merge-patch.js';
import type { CceAddonSpec } from './types.js';

/** Keys the cloud injects into returned values; never sent back. */
const SYSTEM_KEYS = ['systemAutoInject'];

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function valuesHash(values: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(values)).digest('hex')}`;
}

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

/** Values need a PUT: the spec manages them and they differ from what was last applied. */
export function valuesChanged(spec: CceAddonSpec, appliedHash: string | undefined): boolean {
  const v = specValues(spec);
  return v !== undefined && valuesHash(v) !== appliedHash;
}
