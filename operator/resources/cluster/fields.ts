/** CceCluster field table: how each spec field may change, and whether the CCE API returns it. */
import { commonFieldRules, type FieldRule } from '../field-rules.js';

export const clusterFields: readonly FieldRule[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'deleteOptions', change: 'operator', observed: true },
  { path: 'kubeconfigSecretRef', change: 'operator', observed: true },
  { path: 'clusterID', change: 'setOnce', observed: true },
  { path: 'hibernate', change: 'hibernate', observed: true },
  // CCE cluster fields
  { path: 'metadata.name', change: 'immutable', observed: true },
  { path: 'metadata.alias', change: 'update', observed: true },
  { path: 'metadata.labels', change: 'immutable', observed: false },
  { path: 'metadata.annotations', change: 'immutable', observed: false },
  { path: 'category', change: 'immutable', observed: true },
  { path: 'type', change: 'immutable', observed: true },
  { path: 'flavor', change: 'immutable', observed: true },
  { path: 'version', change: 'upgrade', observed: true },
  { path: 'description', change: 'update', observed: true },
  { path: 'ipv6enable', change: 'immutable', observed: true },
  { path: 'hostNetwork', change: 'immutable', observed: true },
  { path: 'containerNetwork', change: 'immutable', observed: true },
  { path: 'eniNetwork.subnets', change: 'appendOnly', observed: true },
  { path: 'serviceNetwork', change: 'immutable', observed: true },
  { path: 'authentication', change: 'immutable', observed: true },
  { path: 'billingMode', change: 'immutable', observed: true },
  { path: 'masters', change: 'immutable', observed: false },
  { path: 'kubernetesSvcIpRange', change: 'immutable', observed: true },
  { path: 'clusterTags', change: 'tags', observed: false },
  { path: 'kubeProxyMode', change: 'immutable', observed: true },
  { path: 'extendParam', change: 'immutable', observed: false },
  { path: 'enableSnat', change: 'immutable', observed: false },
  { path: 'enableSWRImageAccess', change: 'immutable', observed: false },
  { path: 'enableAutopilot', change: 'immutable', observed: true },
  { path: 'customSan', change: 'update', observed: true },
];
