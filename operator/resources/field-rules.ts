/**
 * The per-kind field table's shape, and the CEL rules it generates: one source of truth for "what can change"
 * drives the CRD (immutability rejected at `kubectl apply`), `status.unobservedFields` and the managed
 * reconciler's diff (field-diff.ts). A new mutable field is one row.
 */
import type { CelRule } from './crd-builder.js';

/** How a spec field may change after creation. */
export type Change =
  | 'immutable' // no API changes it: rejected by CEL
  | 'setOnce' // may be set when empty, then immutable (e.g. an adopted ID)
  | 'operator' // operator-only setting, freely mutable, never sent to the cloud as such
  | 'update' // the kind's update API
  | 'upgrade' // the upgrade API
  | 'hibernate' // hibernate / awake
  | 'tags' // the tags API
  | 'scale' // a node-count change
  | 'appendOnly'; // list entries can be added, never removed

/** The API families a pass can call to change fields; a kind lists the ones it has, in the order it starts them. */
export type Family = 'upgrade' | 'hibernate' | 'tags' | 'update';

/** The cloud cannot tell the value now (e.g. a count while nodes are still joining): no diff on this row. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/**
 * One spec field. `O` is the kind's object, `R` the cloud resource. Rows that are changed through an API family
 * are diffed: the desired value (default: the spec at `path`; undefined = the spec does not manage it) against the
 * cloud's (default: the cloud object's `spec` at `path`). Unobserved rows without `actual` are compared by the hash
 * of what was last applied (`status.appliedHashes`).
 */
export interface FieldRule<O = never, R = never, S = unknown> {
  /** Dotted path below `spec` (for a `derived` row: its name). */
  path: string;
  change: Change;
  /** False when the CCE API never returns the field, so drift on it cannot be observed. */
  observed: boolean;
  /** The API that changes it, when `change` is not itself a family (append-only lists, counts). */
  via?: Family;
  /** `scope`: what the kind's gate found (e.g. a registration's CceCluster); undefined when it is not known. */
  desired?(obj: O, scope?: S): unknown;
  actual?(cloud: R, obj: O): unknown;
  equal?(desired: unknown, actual: unknown): boolean;
  /** What the CCE documents say when the API cannot change the field for this object (e.g. its flavour). */
  limitation?(obj: O): string | undefined;
  /**
   * An immutable object row whose CEL rule compares only these sub-paths (relative to `path`); the rest may change
   * (e.g. the Secret reference that replaced an inline password: never sent after the create).
   */
  immutableParts?: readonly string[];
  /**
   * The value is not a spec field: `desired` derives it from the gate's scope (e.g. a registration's CceCluster
   * endpoint). No CEL rule; the row is named `path` itself, not `spec.<path>`, in diffs, status.appliedHashes,
   * status.unobservedFields and messages.
   */
  derived?: boolean;
}

/** A row's name in diffs, status.appliedHashes / unobservedFields and messages. */
export function rowKey(f: { path: string; derived?: boolean | undefined }): string {
  return f.derived ? f.path : `spec.${f.path}`;
}

/** The operator fields every kind has (commonSpecProperties in common-schema.ts). */
export const commonFieldRules: readonly FieldRule<never, never>[] = [
  { path: 'region', change: 'immutable', observed: true },
  { path: 'projectID', change: 'immutable', observed: true },
  { path: 'endpoint', change: 'operator', observed: true },
  { path: 'credentialsSecretRef', change: 'operator', observed: true },
  { path: 'deletionPolicy', change: 'operator', observed: true },
  { path: 'managementPolicy', change: 'operator', observed: true },
];

/** CEL's reserved words: a property of that name is written `__<name>__` in a rule (Kubernetes' escaping). */
const CEL_RESERVED = new Set(
  'true false null in as break const continue else for function if import let loop package namespace return var void while'.split(' '),
);

/** A property name as a CEL rule must write it (e.g. `namespace` → `__namespace__`, `a-b` → `a__dash__b`). */
export function celName(name: string): string {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

function presence(root: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${root}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}

/** CEL transition rules (on the spec object) for the fields the table marks immutable, set-once or append-only. */
export function celRules<O, R>(fields: readonly FieldRule<O, R>[]): CelRule[] {
  const rules: CelRule[] = [];
  for (const f of fields) {
    if (f.derived) continue;
    if (f.change === 'immutable' && f.immutableParts) {
      rules.push(
        ...celRules(f.immutableParts.map((part) => ({ path: `${f.path}.${part}`, change: 'immutable' as const, observed: f.observed }))),
      );
      continue;
    }
    const path = f.path.split('.').map(celName).join('.');
    const self = `self.${path}`;
    const old = `oldSelf.${path}`;
    const [hasSelf, hasOld] = [presence('self', path), presence('oldSelf', path)];
    if (f.change === 'immutable') {
      rules.push({
        rule: `(${hasSelf}) == (${hasOld}) && (!(${hasSelf}) || ${self} == ${old})`,
        message: `spec.${f.path} is immutable`,
        reason: 'FieldValueForbidden',
      });
    } else if (f.change === 'setOnce') {
      rules.push({
        rule: `!(${hasOld}) || ((${hasSelf}) && ${self} == ${old})`,
        message: `spec.${f.path} cannot be changed or removed once set`,
        reason: 'FieldValueForbidden',
      });
    } else if (f.change === 'appendOnly') {
      rules.push({
        rule: `!(${hasOld}) || ((${hasSelf}) && ${old}.all(x, x in ${self}))`,
        message: `spec.${f.path} is append-only: existing entries cannot be removed`,
        reason: 'FieldValueForbidden',
      });
    }
  }
  return rules;
}

export function unobservedFields<O, R>(fields: readonly FieldRule<O, R>[]): string[] {
  return fields.filter((f) => !f.observed).map(rowKey);
}

const FAMILIES: ReadonlySet<string> = new Set<Family>(['upgrade', 'hibernate', 'tags', 'update']);

/** The family that changes a row, or undefined for fields no API changes (immutable, operator-only). */
export function familyOf<O, R>(f: FieldRule<O, R>): Family | undefined {
  return f.via ?? (FAMILIES.has(f.change) ? (f.change as Family) : undefined);
}
