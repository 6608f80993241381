/**
 * The per-kind field table's shape, and the CEL rules it generates: one source of truth for "what can change"
 * drives both the CRD (immutability rejected at `kubectl apply`) and the reconcilers' diff.
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

export interface FieldRule {
  /** Dotted path below `spec`. */
  path: string;
  change: Change;
  /** False when the CCE API never returns the field, so drift on it cannot be observed. */
  observed: boolean;
}

/** The operator fields every kind has (commonSpecProperties in common-schema.ts). */
export const commonFieldRules: readonly FieldRule[] = [
  { path: 'region', change: 'immutable', observed: true },
  { path: 'projectID', change: 'immutable', observed: true },
  { path: 'endpoint', change: 'operator', observed: true },
  { path: 'credentialsSecretRef', change: 'operator', observed: true },
  { path: 'deletionPolicy', change: 'operator', observed: true },
  { path: 'managementPolicy', change: 'operator', observed: true },
];

function presence(root: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${root}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}

/** CEL transition rules (on the spec object) for the fields the table marks immutable, set-once or append-only. */
export function celRules(fields: readonly FieldRule[]): CelRule[] {
  const rules: CelRule[] = [];
  for (const f of fields) {
    const self = `self.${f.path}`;
    const old = `oldSelf.${f.path}`;
    const [hasSelf, hasOld] = [presence('self', f.path), presence('oldSelf', f.path)];
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

export function unobservedFields(fields: readonly FieldRule[]): string[] {
  return fields.filter((f) => !f.observed).map((f) => `spec.${f.path}`);
}

export function fieldsChangedBy(fields: readonly FieldRule[], change: Change): string[] {
  return fields.filter((f) => f.change === change).map((f) => f.path);
}
