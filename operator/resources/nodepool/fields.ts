/**
 * CceNodePool field table: how each spec field may change, whether the CCE API returns it, and for the mutable
 * ones how the managed ladder diffs them. Count, autoscaling, labels and taints all change through the one
 * update call (family `update`).
 */
import { jsonEqual } from '../../runtime/merge-patch.js';
import { commonFieldRules, UNKNOWN, type FieldRule } from '../field-rules.js';
import { autoscalingEnabled, userLabels } from './desired.js';
import { settledPhase } from './report.js';
import type { CceNodePool, ObservedPool } from './types.js';

export const nodePoolFields: readonly FieldRule<CceNodePool, ObservedPool>[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'clusterRef', change: 'immutable', observed: true },
  { path: 'clusterID', change: 'immutable', observed: true },
  { path: 'nodePoolID', change: 'setOnce', observed: true },
  // no node-pool version API: nodes follow their cluster's upgrade (the gate and readiness wait for it)
  { path: 'version', change: 'operator', observed: true },
  // CCE node pool fields
  { path: 'metadata.name', change: 'immutable', observed: true },
  { path: 'type', change: 'immutable', observed: true },
  { path: 'nodeTemplate.flavor', change: 'immutable', observed: true },
  { path: 'nodeTemplate.az', change: 'immutable', observed: true },
  { path: 'nodeTemplate.os', change: 'immutable', observed: true },
  // The password is masked in responses. The login method and user cannot change; the password's Secret reference
  // (and dropping an inline password stored before the reference existed) may: it is read only for the create.
  { path: 'nodeTemplate.login', change: 'immutable', observed: false, immutableParts: ['sshKey', 'userPassword.username'] },
  { path: 'nodeTemplate.rootVolume', change: 'immutable', observed: true },
  { path: 'nodeTemplate.dataVolumes', change: 'immutable', observed: true },
  { path: 'nodeTemplate.publicIP', change: 'immutable', observed: false }, // reduced to {eip:{bandwidth:{}}}
  { path: 'nodeTemplate.billingMode', change: 'immutable', observed: true },
  { path: 'nodeTemplate.nodeNicSpec', change: 'immutable', observed: false }, // the subnet is not read back reliably
  { path: 'nodeTemplate.extendParam', change: 'immutable', observed: false }, // merged with CCE's defaults
  { path: 'nodeTemplate.userTags', change: 'immutable', observed: false },
  {
    // CCE adds the label cce.cloud.com/cce-nodepool=<pool name> to every pool: not a difference either way.
    path: 'nodeTemplate.k8sTags',
    change: 'update',
    observed: true,
    equal: (desired, actual) =>
      jsonEqual(userLabels(desired as Record<string, string>), userLabels(actual as Record<string, string> | undefined)),
  },
  { path: 'nodeTemplate.taints', change: 'update', observed: false, desired: (o) => o.spec.nodeTemplate.taints ?? [] },
  { path: 'nodeTemplate.runtime', change: 'immutable', observed: false },
  { path: 'nodeTemplate.faultDomain', change: 'immutable', observed: false },
  {
    // The autoscaler owns the count while autoscaling is on. The real API returns only status.currentNode, which
    // is the count only while the pool is settled (nodes joining or leaving: no verdict).
    path: 'initialNodeCount',
    change: 'scale',
    observed: false,
    via: 'update',
    desired: (o) => (autoscalingEnabled(o.spec) ? undefined : o.spec.initialNodeCount),
    actual: (c) => c.spec?.initialNodeCount ?? (settledPhase(c.status?.phase) ? (c.status?.currentNode ?? 0) : UNKNOWN),
  },
  { path: 'autoscaling', change: 'update', observed: false, desired: (o) => o.spec.autoscaling ?? { enable: false } }, // GET echoes only maxNodeCount
  { path: 'nodeManagement', change: 'immutable', observed: false }, // responses show {}
  { path: 'podSecurityGroups', change: 'immutable', observed: false },
  { path: 'faultDomain', change: 'immutable', observed: false },
];
