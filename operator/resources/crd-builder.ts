/** Builds a CustomResourceDefinition for one of the operator's kinds (group cce.operator.dev, v1alpha1). */
/** OpenAPI v3 schema in its wire form (client-node's model types use camelCase names for the x- fields). */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: readonly string[];
  enum?: readonly (string | number | boolean)[];
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxProperties?: number;
  maxItems?: number;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: readonly string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: readonly CelRule[];
}

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** A CRD in wire form, ready for YAML or `kubectl apply`. */
export interface Crd {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string };
  spec: {
    group: string;
    scope: 'Namespaced';
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[]; categories: string[] };
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
      schema: { openAPIV3Schema: JsonSchema };
    }[];
  };
}

export const API_GROUP = 'cce.operator.dev';
export const API_VERSION = 'v1alpha1';

export interface KindDefinition {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  spec: JsonSchema;
  status: JsonSchema;
  printerColumns: PrinterColumn[];
  description: string;
  /** CEL rules on the whole object (they may read metadata.name, e.g. the cloud name it defaults to). */
  rootRules?: readonly CelRule[];
}

/**
 * The CEL rule (on the whole object) that the cloud name — spec.metadata.name, else metadata.name — follows the
 * cloud's naming rule. spec.metadata.name carries the same rule as a schema pattern; this one covers the default.
 */
export function cloudNameRule(o: { noun: string; min: number; max: number; pattern: string; rule: string }): CelRule {
  const name = 'self.metadata.name';
  return {
    rule:
      `(has(self.spec.metadata) && has(self.spec.metadata.name)) || ` +
      `(size(${name}) >= ${o.min} && size(${name}) <= ${o.max} && ${name}.matches('${o.pattern}'))`,
    messageExpression:
      `'metadata.name "' + ${name} + '" cannot be the ${o.noun} name in CCE (${o.rule}); ` +
      `set spec.metadata.name to a valid name or rename the object'`,
    reason: 'FieldValueInvalid',
  };
}

export function buildCrd(def: KindDefinition): Crd {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${API_GROUP}` },
    spec: {
      group: API_GROUP,
      scope: 'Namespaced',
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.singular,
        shortNames: def.shortNames,
        categories: ['cce'],
      },
      versions: [
        {
          name: API_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: def.printerColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: def.description,
              ...(def.rootRules?.length ? { 'x-kubernetes-validations': def.rootRules } : {}),
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: def.spec,
                status: def.status,
              },
            },
          },
        },
      ],
    },
  };
}
