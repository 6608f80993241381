/**
 * The OpenAPI schema check of `validate`: each kind's schema exactly as its CRD carries it (operator/resources/crds.ts),
 * checked with ajv the way the API server checks it at `kubectl apply` (strict field validation: an unknown field is an
 * error, as kubectl's default --validate=strict makes it), with the schema's defaults applied first so the CEL rules
 * see what the API server's would. Messages follow the API server's wording.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Crd, JsonSchema } from '../../resources/crd-builder.js';
import type { Path } from './documents.js';

export interface SchemaFinding {
  path: Path;
  /** Point at the field's key (an unknown field) rather than its value. */
  key?: boolean;
  message: string;
}

/** The kind's schema as ajv runs it: unknown fields refused where the schema does not preserve them; status not checked. */
function forAjv(schema: JsonSchema, root = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  if (schema.properties) {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema.properties)) props[k] = root && k === 'status' ? {} : forAjv(v);
    out['properties'] = props;
    if (schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) out['additionalProperties'] = false;
  }
  if (schema.items) out['items'] = forAjv(schema.items);
  if (typeof schema.additionalProperties === 'object') out['additionalProperties'] = forAjv(schema.additionalProperties);
  return out;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, validateFormats: false });
  for (const keyword of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    'x-kubernetes-validations',
  ]) {
    ajv.addKeyword({ keyword });
  }
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    validate: (on: boolean, data: unknown) => !on || typeof data === 'string' || Number.isInteger(data),
    error: { message: 'must be an integer or a string' },
  });
  return ajv;
}

export class SchemaChecker {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(crds: readonly Crd[]) {
    const ajv = newAjv();
    for (const crd of crds) {
      const version = crd.spec.versions[0];
      if (!version) continue;
      const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
      this.validators.set(key, ajv.compile(forAjv(version.schema.openAPIV3Schema, true)));
    }
  }

  /** Checks (and defaults, in place) one object of a served kind; undefined when the kind is not one of ours. */
  check(apiVersion: string, kind: string, obj: unknown): SchemaFinding[] | undefined {
    const validate = this.validators.get(`${apiVersion}/${kind}`);
    if (!validate) return undefined;
    if (validate(obj)) return [];
    return (validate.errors ?? []).map(finding);
  }
}

function pointerPath(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const show = (v: unknown) => JSON.stringify(v);

function finding(e: ErrorObject): SchemaFinding {
  const path: (string | number)[] = pointerPath(e.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const p = e.params as Record<string, unknown>;
  const value = typeof e.data === 'object' && e.data !== null ? '' : ` ${show(e.data)}:`;
  switch (e.keyword) {
    case 'required':
      return { path: [...path, p['missingProperty'] as string], message: 'Required value' };
    case 'additionalProperties':
      return { path: [...path, p['additionalProperty'] as string], key: true, message: 'unknown field' };
    case 'enum':
      return { path, message: `Unsupported value:${value} supported values: ${(p['allowedValues'] as unknown[]).map(show).join(', ')}` };
    case 'pattern':
      return { path, message: `Invalid value:${value} should match '${p['pattern'] as string}'` };
    case 'maxLength':
      return { path, message: `Too long: may not be longer than ${p['limit'] as number}` };
    case 'minLength':
      return { path, message: `Invalid value:${value} should be at least ${p['limit'] as number} chars long` };
    case 'maxItems':
      return { path, message: `Too many: must have at most ${p['limit'] as number} items` };
    case 'minItems':
      return { path, message: `Invalid value:${value} should have at least ${p['limit'] as number} items` };
    case 'maxProperties':
      return { path, message: `Too many: must have at most ${p['limit'] as number} properties` };
    case 'maximum':
      return { path, message: `Invalid value:${value} should be less than or equal to ${p['limit'] as number}` };
    case 'minimum':
      return { path, message: `Invalid value:${value} should be greater than or equal to ${p['limit'] as number}` };
    case 'type':
      return { path, message: `Invalid value:${value} must be of type ${p['type'] as string}` };
    default:
      return { path, message: `Invalid value:${value} ${e.message ?? e.keyword}` };
  }
}
