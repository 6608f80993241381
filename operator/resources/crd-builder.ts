/** Builds a CustomResourceDefinition for one of the operator's kinds (group cce.operator.dev, v1alpha1). */
import type { V1CustomResourceColumnDefinition, V1CustomResourceDefinition, V1JSONSchemaProps } from '@kubernetes/client-node';

export const API_GROUP = 'cce.operator.dev';
export const API_VERSION = 'v1alpha1';

export interface KindDefinition {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  spec: V1JSONSchemaProps;
  status: V1JSONSchemaProps;
  printerColumns: V1CustomResourceColumnDefinition[];
  description: string;
}

export function buildCrd(def: KindDefinition): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${API_GROUP}` },
    spec: {
      group: API_GROUP,
      scope: 'Namespaced',
      names: { kind: def.kind, listKind: `${def.kind}List`, plural: def.plural, singular: def.singular, shortNames: def.shortNames, categories: ['cce'] },
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
