/** The CceCluster CRD (schema to be completed with the kind's full field table). */
import { buildCrd } from '../crd-builder.js';

export const cceclusterCrd = buildCrd({
  kind: 'CceCluster',
  plural: 'cceclusters',
  singular: 'ccecluster',
  shortNames: ['ccc'],
  description: 'CceCluster is a Huawei Cloud CCE resource managed declaratively by cce-operator.',
  spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
