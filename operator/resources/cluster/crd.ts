/** The CceCluster CRD: schema, CEL rules from the field table, printer columns. */
import { buildCrd, cloudNameRule } from '../crd-builder.js';
import { celRules } from '../field-rules.js';
import { clusterFields } from './fields.js';
import { CLUSTER_NAME, clusterSpecSchema, clusterStatusSchema } from './schema.js';

export const cceclusterCrd = buildCrd({
  kind: 'CceCluster',
  plural: 'cceclusters',
  singular: 'ccecluster',
  shortNames: ['ccc'],
  description: 'CceCluster is a Huawei Cloud CCE cluster (standard or Autopilot) managed declaratively by cce-operator.',
  rootRules: [
    cloudNameRule({
      noun: 'cluster',
      ...CLUSTER_NAME,
      rule: '4-128 characters: lower-case letters, digits and -, starting with a letter, not ending with -',
    }),
  ],
  spec: {
    ...clusterSpecSchema,
    'x-kubernetes-validations': [
      ...celRules(clusterFields),
      {
        rule: "!self.enableAutopilot || self.flavor == 'cce.autopilot.cluster'",
        message: 'spec.flavor must be cce.autopilot.cluster when spec.enableAutopilot is true',
      },
      {
        rule: 'self.enableAutopilot || has(self.type)',
        message: 'spec.type is required for standard CCE clusters (VirtualMachine or ARM64)',
      },
      {
        rule: 'self.enableAutopilot || has(self.hostNetwork.subnet)',
        message: 'spec.hostNetwork.subnet is required for standard CCE clusters',
      },
      {
        rule: "!self.enableAutopilot || self.containerNetwork.mode == 'eni'",
        message: 'spec.containerNetwork.mode must be eni when spec.enableAutopilot is true',
      },
      {
        // One certificate per rotation: a rotation window as long as the validity would issue one on every pass.
        rule:
          '!has(self.kubeconfigSecretRef) || (has(self.kubeconfigSecretRef.rotateBeforeDays) ? self.kubeconfigSecretRef.rotateBeforeDays : 7) < ' +
          '(has(self.kubeconfigSecretRef.duration) ? self.kubeconfigSecretRef.duration : 30)',
        message: 'spec.kubeconfigSecretRef.rotateBeforeDays must be less than spec.kubeconfigSecretRef.duration (days of validity)',
        reason: 'FieldValueInvalid',
      },
    ],
  },
  status: clusterStatusSchema,
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Version', type: 'string', jsonPath: '.status.currentVersion' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'JobID', type: 'string', jsonPath: '.status.jobID' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
