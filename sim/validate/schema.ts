/**
 * JSON Schema validation with ajv; the first error becomes `CceError('invalid', '<field>: <problem>')`, where
 * <field> is the dotted path of the offending field (e.g. `spec.hostNetwork.vpc: is required`).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { CceError, type ErrorKind } from '../errors.js';

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
