/** The CceClusterRegistration CRD: schema, CEL rules from the field table, printer columns. */
import { buildCrd } from '../crd-builder.js';
import { celRules } from '../field-rules.js';
import { registrationFields } from './fields.js';
import { ARGOCD_SECRET_TYPE_LABEL, MANAGED_BY_LABEL, registrationSpecSchema, registrationStatusSchema } from './schema.js';

export const cceclusterregistrationCrd = buildCrd({
  kind: 'CceClusterRegistration',
  plural: 'cceclusterregistrations',
  singular: 'cceclusterregistration',
  shortNames: ['ccr'],
  description:
    'CceClusterRegistration registers a CceCluster where work runs on it: in a PaddleFlow cluster registry or as an Argo CD ' +
    'cluster, kept current (endpoint, version, kubeconfig, online while awake) and withdrawn when either goes away; managed by cce-operator.',
  spec: {
    ...registrationSpecSchema,
    'x-kubernetes-validations': [
      ...celRules(registrationFields),
      { rule: 'has(self.paddleflow) != has(self.argocd)', message: 'exactly one of spec.paddleflow and spec.argocd must be set' },
      {
        rule: 'has(self.paddleflow) == has(oldSelf.paddleflow)',
        message: 'the registry (spec.paddleflow or spec.argocd) cannot be changed: create another registration',
      },
      {
        rule: `!has(self.argocd) || !has(self.argocd.labels) || (!('${ARGOCD_SECRET_TYPE_LABEL}' in self.argocd.labels) && !('${MANAGED_BY_LABEL}' in self.argocd.labels))`,
        message: `spec.argocd.labels cannot set ${ARGOCD_SECRET_TYPE_LABEL} or ${MANAGED_BY_LABEL} (the operator sets them)`,
      },
    ],
  },
  status: registrationStatusSchema,
  printerColumns: [
    { name: 'Target', type: 'string', jsonPath: '.status.target' },
    { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterRef.name' },
    { name: 'Record', type: 'string', jsonPath: '.status.recordName' },
    { name: 'Status', type: 'string', jsonPath: '.status.registryStatus' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
