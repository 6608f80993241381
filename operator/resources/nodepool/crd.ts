/** The CceNodePool CRD: schema, CEL rules from the field table, printer columns. */
import { buildCrd, cloudNameRule } from '../crd-builder.js';
import { celRules } from '../field-rules.js';
import { nodePoolFields } from './fields.js';
import { POOL_NAME, nodePoolSpecSchema, nodePoolStatusSchema } from './schema.js';

export const ccenodepoolCrd = buildCrd({
  kind: 'CceNodePool',
  plural: 'ccenodepools',
  singular: 'ccenodepool',
  shortNames: ['ccnp'],
  description: 'CceNodePool is a node pool of a Huawei Cloud CCE cluster (standard CCE) managed declaratively by cce-operator.',
  rootRules: [
    cloudNameRule({
      noun: 'node pool',
      ...POOL_NAME,
      rule: '1-50 characters: lower-case letters, digits and -, starting with a letter, not ending with -',
    }),
  ],
  spec: {
    ...nodePoolSpecSchema,
    'x-kubernetes-validations': [
      ...celRules(nodePoolFields),
      {
        rule: 'has(self.clusterRef) != has(self.clusterID)',
        message: 'exactly one of spec.clusterRef and spec.clusterID is required',
      },
      {
        rule: '!has(self.clusterID) || (has(self.region) && has(self.projectID))',
        message: 'spec.region and spec.projectID are required with spec.clusterID (there is no CceCluster to take them from)',
      },
      {
        rule: '!has(self.autoscaling) || !has(self.autoscaling.minNodeCount) || !has(self.autoscaling.maxNodeCount) || self.autoscaling.minNodeCount <= self.autoscaling.maxNodeCount',
        message: 'spec.autoscaling.minNodeCount must not exceed spec.autoscaling.maxNodeCount',
      },
      {
        rule: 'has(self.nodeTemplate.login.sshKey) != has(self.nodeTemplate.login.userPassword)',
        message: 'spec.nodeTemplate.login needs exactly one of sshKey and userPassword',
      },
    ],
  },
  status: nodePoolStatusSchema,
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.state' },
    { name: 'Nodes', type: 'string', jsonPath: '.status.nodes', description: 'current/desired nodes' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterRef.name', priority: 1 },
    { name: 'ID', type: 'string', jsonPath: '.status.nodePoolID', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
