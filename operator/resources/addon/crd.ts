/** The CceAddon CRD: schema, CEL rules from the field table, printer columns. */
import { buildCrd } from '../crd-builder.js';
import { celRules } from '../field-rules.js';
import { addonFields } from './fields.js';
import { addonSpecSchema, addonStatusSchema } from './schema.js';

export const cceaddonCrd = buildCrd({
  kind: 'CceAddon',
  plural: 'cceaddons',
  singular: 'cceaddon',
  shortNames: ['cca'],
  description:
    'CceAddon is an add-on instance (coredns, everest, metrics-server...) of a Huawei Cloud CCE cluster managed declaratively by cce-operator.',
  spec: {
    ...addonSpecSchema,
    'x-kubernetes-validations': [
      ...celRules(addonFields),
      { rule: 'has(self.clusterRef) != has(self.clusterID)', message: 'exactly one of spec.clusterRef and spec.clusterID must be set' },
      {
        rule: '!has(self.clusterID) || (has(self.region) && has(self.projectID))',
        message: 'spec.region and spec.projectID are required with spec.clusterID (an unmanaged cluster)',
      },
    ],
  },
  status: addonStatusSchema,
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Version', type: 'string', jsonPath: '.status.currentVersion' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
