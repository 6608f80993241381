/**
 * JSON Schema validation with ajv; the first error becomes `CceError('invalid', '<field>: <problem>')`, where
 * <field> is the dotted path of the offending field (e.g. `spec.hostNetwork.vpc: is required`).
 *
 * Request bodies are decoded as CCE's Go backend decodes them: a key matches a documented field name
 * case-insensitively (Huawei's golangsdk sends `"apiversion"`), so `bodyValidator` first renames such keys to the
 * documented spelling (`normaliseKeys`), then validates, and hands the handler the normalised body. Keys of
 * key/value maps (labels, annotations, k8sTags, values) are data and never renamed; unknown keys keep theirs.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { CceError, type ErrorKind } from '../errors.js';
import { isObject, type Json, type JsonObject } from '../json.js';

const ajv = new Ajv({ allErrors: false, strict: false });

export type Schema = Record<string, unknown>;

function dotted(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

export function describe(e: ErrorObject): string {
  const base = dotted(e.instancePath);
  const join = (k: string): string => (base ? `${base}.${k}` : k);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${join(String(p.missingProperty))}: is required`;
    case 'enum':
      return `${base}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${base}: must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `${base}: must match ${String(p.pattern)}`;
    default:
      return `${base || 'body'}: ${e.message ?? 'is invalid'}`;
  }
}

/** Compiles a schema into a checker that throws the first problem as a CCE validation error. */
export function validator(schema: Schema, kind: ErrorKind = 'invalid'): (body: unknown) => void {
  const check = ajv.compile(schema);
  return (body: unknown) => {
    if (!check(body)) {
      const first = check.errors?.[0];
      throw new CceError(kind, first ? describe(first) : 'body: is invalid');
    }
  };
}

/** The properties a schema documents for an object, including those of its anyOf/oneOf/allOf branches. */
export function propertiesOf(schema: Schema | undefined): Record<string, Schema> {
  if (!schema) return {};
  const own = isObject(schema.properties as Json) ? (schema.properties as Record<string, Schema>) : {};
  const branches = (['anyOf', 'oneOf', 'allOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as Schema[]) : []));
  return Object.assign({}, ...branches.map(propertiesOf), own) as Record<string, Schema>;
}

function itemsOf(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (isObject(schema.items as Json)) return schema.items as Schema;
  const branches = (['anyOf', 'oneOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as Schema[]) : []));
  return branches.map(itemsOf).find((x) => x !== undefined);
}

function additionalOf(schema: Schema | undefined): Schema | undefined {
  return schema && isObject(schema.additionalProperties as Json) ? (schema.additionalProperties as Schema) : undefined;
}

/**
 * Renames object keys that match a documented property case-insensitively to the documented spelling (as Go's
 * encoding/json matches struct fields: an exact match first, else a case-insensitive one; when both spellings
 * appear, the later key wins). Undocumented keys, and the keys of maps (no `properties`), are left as they are.
 */
export function normaliseKeys(schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    return value.map((v) => normaliseKeys(items, v));
  }
  if (!isObject(value)) return value;
  const props = propertiesOf(schema);
  const names = Object.keys(props);
  const extra = additionalOf(schema);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const name = Object.hasOwn(props, key) ? key : (names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key);
    out[name] = normaliseKeys(props[name] ?? extra, v) as Json;
  }
  return out;
}

/** Like `validator`, for a request body: normalises its keys, validates, and returns the normalised body. */
export function bodyValidator(schema: Schema, kind: ErrorKind = 'invalid'): (body: unknown) => JsonObject {
  const check = validator(schema, kind);
  return (body: unknown) => {
    const normalised = normaliseKeys(schema, body);
    check(normalised);
    return normalised as JsonObject;
  };
}

/** The schema with every `required` list dropped (an update body may carry any subset of the create fields). */
export function partial(schema: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'required') continue;
    if (k === 'properties' && isObject(v as Json))
      out[k] = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, s]) => [p, partial(s)]));
    else if ((k === 'items' || k === 'additionalProperties') && isObject(v as Json)) out[k] = partial(v as Schema);
    else if ((k === 'anyOf' || k === 'oneOf' || k === 'allOf') && Array.isArray(v)) out[k] = (v as Schema[]).map(partial);
    else out[k] = v;
  }
  return out;
}

/** `a` says nothing `b` does not: objects key by key (missing keys in `a` are fine), arrays element by element. */
export function isSubset(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => isSubset(x, b[i]));
  if (isObject(a)) return isObject(b) && Object.entries(a).every(([k, v]) => isSubset(v, b[k]));
  return a === b;
}

export interface FixedFields {
  /** Dotted paths the update may change (a path covers everything below it). */
  updatable: readonly string[];
  /** Documented paths the update ignores (not persisted, output only). */
  ignored?: readonly string[];
}

/**
 * The "only these fields can be updated" rule: refuses a body that sets a documented field outside `updatable` to
 * something other than what the object has now (`current`, as GET renders it). Echoing an unchanged value is
 * accepted, and so are undocumented keys (the API ignores them).
 */
export function refuseFixedChanges(body: JsonObject, current: unknown, schema: Schema, rule: FixedFields, base = ''): void {
  const props = propertiesOf(schema);
  for (const [key, value] of Object.entries(body)) {
    if (!Object.hasOwn(props, key)) continue;
    const path = base ? `${base}.${key}` : key;
    if (rule.ignored?.includes(path) || rule.updatable.includes(path)) continue;
    const now = isObject(current as Json) ? (current as JsonObject)[key] : undefined;
    // Down to the documented leaves, so the error names the field that changes.
    if (isObject(value) && Object.keys(propertiesOf(props[key])).length > 0) {
      refuseFixedChanges(value, now, props[key] as Schema, rule, path);
      continue;
    }
    if (!isSubset(value, now))
      throw new CceError('invalid', `${path}: cannot be changed by this update (updatable: ${rule.updatable.join(', ')})`);
  }
}

/** Schema helpers, to keep the per-resource schemas short. */
export const S = {
  str: (extra: Schema = {}): Schema => ({ type: 'string', ...extra }),
  int: (extra: Schema = {}): Schema => ({ type: 'integer', ...extra }),
  bool: (): Schema => ({ type: 'boolean' }),
  enumOf: (values: readonly (string | number)[]): Schema => ({ enum: [...values] }),
  obj: (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({
    type: 'object',
    properties,
    required,
    ...extra,
  }),
  arr: (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra }),
  map: (extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: { type: 'string' }, ...extra }),
};

/** Names like cluster names: start with a lowercase letter; lowercase, digits and `-`; no trailing `-`. */
export const CLUSTER_NAME = '^[a-z][a-z0-9-]*[a-z0-9]$';
