/** CceNodePool field table: how each spec field may change, and whether the CCE API returns it. */
import { commonFieldRules, type FieldRule } from '../field-rules.js';

export const nodePoolFields: readonly FieldRule[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'clusterRef', change: 'immutable', observed: true },
  { path: 'clusterID', change: 'immutable', observed: true },
  { path: 'nodePoolID', change: 'setOnce', observed: true },
  // no node-pool version API: nodes follow their cluster's upgrade (the pool waits for it)
  { path: 'version', change: 'upgrade', observed: true },
  // CCE node pool fields
  { path: 'metadata.name', change: 'immutable', observed: true },
  { path: 'type', change: 'immutable', observed: true },
  { path: 'nodeTemplate.flavor', change: 'immutable', observed: true },
  { path: 'nodeTemplate.az', change: 'immutable', observed: true },
  { path: 'nodeTemplate.os', change: 'immutable', observed: true },
  { path: 'nodeTemplate.login', change: 'immutable', observed: false }, // the password is masked in responses
  { path: 'nodeTemplate.rootVolume', change: 'immutable', observed: true },
  { path: 'nodeTemplate.dataVolumes', change: 'immutable', observed: true },
  { path: 'nodeTemplate.publicIP', change: 'immutable', observed: false }, // reduced to {eip:{bandwidth:{}}}
  { path: 'nodeTemplate.billingMode', change: 'immutable', observed: true },
  { path: 'nodeTemplate.nodeNicSpec', change: 'immutable', observed: false }, // the subnet is not read back reliably
  { path: 'nodeTemplate.extendParam', change: 'immutable', observed: false }, // merged with CCE's defaults
  { path: 'nodeTemplate.userTags', change: 'immutable', observed: false },
  { path: 'nodeTemplate.k8sTags', change: 'update', observed: true },
  { path: 'nodeTemplate.taints', change: 'update', observed: false },
  { path: 'nodeTemplate.runtime', change: 'immutable', observed: false },
  { path: 'nodeTemplate.faultDomain', change: 'immutable', observed: false },
  { path: 'initialNodeCount', change: 'scale', observed: false }, // GET gives only status.currentNode
  { path: 'autoscaling', change: 'update', observed: false }, // GET echoes only maxNodeCount
  { path: 'nodeManagement', change: 'immutable', observed: false }, // responses show {}
  { path: 'podSecurityGroups', change: 'immutable', observed: false },
  { path: 'faultDomain', change: 'immutable', observed: false },
];
