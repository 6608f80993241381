/**
 * The path-addressed delta between an object's spec and its cloud resource, computed from the kind's field table
 * (field-rules.ts): one `FieldDiff` per row an API family can change and whose desired value differs from the
 * cloud's — or, for rows the API never returns, from the hash of what was last applied. Pure.
 */
import { createHash } from 'node:crypto';
import { jsonEqual } from '../runtime/merge-patch.js';
import { familyOf, rowKey, UNKNOWN, type Family, type FieldRule } from './field-rules.js';

export interface FieldDiff {
  /** `spec.<path>`. */
  path: string;
  desired: unknown;
  /** The cloud's value, or for an unobserved field the hash last applied (undefined: never applied). */
  observed: unknown;
  via: Family;
  /** The row is unobserved: compared through `status.appliedHashes`. */
  byHash: boolean;
}

/** What the diff needs from the object besides its spec. */
export interface DiffSubject {
  spec?: unknown;
  status?: { appliedHashes?: Record<string, string> | undefined } | undefined;
}

export function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** JSON with object keys sorted, so equal values always serialize (and hash) alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function valueHash(v: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(v)).digest('hex').slice(0, 32)}`;
}

function desiredOf<O extends DiffSubject, R, S>(f: FieldRule<O, R, S>, obj: O, scope: S | undefined): unknown {
  return f.desired ? f.desired(obj, scope) : valueAt(obj.spec, f.path);
}

/** Whether a row is compared by the hash of what was applied (the API never returns it and no `actual` reads it). */
export function comparedByHash<O, R>(f: FieldRule<O, R>): boolean {
  return !f.observed && !f.actual;
}

/**
 * Every difference, in table order. `observeOnly` skips the hash rows (nothing was ever applied by this object);
 * `scope` is what the kind's gate found, for rows that derive their value from it.
 */
export function fieldDiffs<O extends DiffSubject, R, S = unknown>(
  fields: readonly FieldRule<O, R, S>[],
  obj: O,
  cloud: R,
  observeOnly = false,
  scope?: S,
): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const f of fields) {
    const via = familyOf(f);
    if (!via) continue;
    const desired = desiredOf(f, obj, scope);
    if (desired === undefined) continue; // the spec does not manage this field
    const path = rowKey(f);
    if (comparedByHash(f)) {
      if (observeOnly) continue;
      const applied = obj.status?.appliedHashes?.[path];
      if (applied !== valueHash(desired)) out.push({ path, desired, observed: applied, via, byHash: true });
      continue;
    }
    const actual = f.actual ? f.actual(cloud, obj) : valueAt((cloud as { spec?: unknown }).spec, f.path);
    if (actual === UNKNOWN) continue;
    const same = f.equal ? f.equal(desired, actual) : jsonEqual(desired, actual);
    if (!same) out.push({ path, desired, observed: actual, via, byHash: false });
  }
  return out;
}

/** The first family (in the kind's order) that has differences, with its diffs. */
export function firstFamily(order: readonly Family[], diffs: readonly FieldDiff[]): { family: Family; diffs: FieldDiff[] } | undefined {
  for (const family of order) {
    const mine = diffs.filter((d) => d.via === family);
    if (mine.length) return { family, diffs: mine };
  }
  return undefined;
}

/** The hashes to record after a family's update was accepted: every hash row of the family, as now desired. */
export function appliedHashesAfter(current: Record<string, string> | undefined, diffs: readonly FieldDiff[]): Record<string, string> {
  const next = { ...(current ?? {}) };
  for (const d of diffs) if (d.byHash) next[d.path] = valueHash(d.desired);
  return next;
}

/** A stable fingerprint of what an update asked for (paths and desired values), for the convergence guard. */
export function diffFingerprint(diffs: readonly FieldDiff[]): string {
  return valueHash(diffs.map((d) => [d.path, d.desired]));
}

/** The hashes to record at create: the create request carries every field, so each hash row counts as applied. */
export function createHashes<O extends DiffSubject, R, S = unknown>(
  fields: readonly FieldRule<O, R, S>[],
  obj: O,
  scope?: S,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (!familyOf(f) || !comparedByHash(f)) continue;
    const desired = desiredOf(f, obj, scope);
    if (desired !== undefined) out[rowKey(f)] = valueHash(desired);
  }
  return out;
}

/** "spec.a, spec.b" for messages. */
export function describeFields(diffs: readonly FieldDiff[]): string {
  return diffs.map((d) => d.path).join(', ');
}
