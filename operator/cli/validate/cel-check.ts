/**
 * The CEL check of `validate`: the `x-kubernetes-validations` rules the CRDs carry, evaluated with a CEL
 * interpreter (@marcbachmann/cel-js) on each field they sit on, as the API server does on a create. Transition rules
 * (those reading `oldSelf`: immutability, append-only) only apply to updates and are skipped. Values are typed as
 * the schema types them (integers as CEL ints), after the schema's defaults were applied.
 */
import { parse } from '@marcbachmann/cel-js';
import type { CelRule, JsonSchema } from '../../resources/crd-builder.js';
import type { Path } from './documents.js';
import type { SchemaFinding } from './schema-check.js';

type Program = ReturnType<typeof parse>;
const programs = new Map<string, Program>();

function program(expr: string): Program {
  let p = programs.get(expr);
  if (!p) {
    p = parse(expr);
    programs.set(expr, p);
  }
  return p;
}

/** A value as CEL sees it: integers (by the schema, or any whole number in free-form fields) become CEL ints. */
function celValue(v: unknown, schema: JsonSchema | undefined): unknown {
  if (typeof v === 'number')
    return (schema?.type === 'integer' || (!schema?.type && Number.isInteger(v))) && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map((x) => celValue(x, schema?.items));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = celValue(x, childSchema(schema, k));
    return out;
  }
  return v;
}

function childSchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties?.[key]) return schema.properties[key];
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

function evaluate(rule: CelRule, self: unknown): string | undefined {
  let ok: unknown;
  try {
    ok = program(rule.rule)({ self });
  } catch (err) {
    return `Invalid value: rule could not be evaluated (${(err as Error).message.split('\n')[0]}): ${rule.rule}`;
  }
  if (ok === true) return undefined;
  if (rule.messageExpression) {
    try {
      const m = program(rule.messageExpression)({ self });
      if (typeof m === 'string' && m) return m;
    } catch {
      // the API server falls back to `message` (or the rule) as well
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

/** Every CEL rule that fails on `value` (checked against `schema`), with the path of the field it sits on. */
export function celFindings(schema: JsonSchema, value: unknown, path: Path = []): SchemaFinding[] {
  if (value === undefined || value === null) return [];
  const out: SchemaFinding[] = [];
  const rules = (schema['x-kubernetes-validations'] ?? []).filter((r) => !/\boldSelf\b/.test(r.rule));
  if (rules.length > 0) {
    const self = celValue(value, schema);
    for (const rule of rules) {
      const message = evaluate(rule, self);
      if (message) out.push({ path: rule.fieldPath ? [...path, ...rule.fieldPath.replace(/^\./, '').split('.')] : path, message });
    }
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => out.push(...celFindings(schema.items as JsonSchema, item, [...path, i])));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = childSchema(schema, k);
      if (child) out.push(...celFindings(child, v, [...path, k]));
    }
  }
  return out;
}
