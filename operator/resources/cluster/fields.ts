/**
 * CceCluster field table: how each spec field may change, through which API, and whether the CCE API returns it.
 * It generates the CEL rules, status.unobservedFields and the diff (../field-diff.ts). A new mutable field is one row.
 */
import type { Cluster } from '../../cloud/index.js';
import { jsonEqual } from '../../runtime/merge-patch.js';
import { commonFieldRules, type FieldRule } from '../field-rules.js';
import { isAutopilot } from './desired.js';
import type { CceCluster } from './types.js';
import { compareMinor } from './version.js';

type Row = FieldRule<CceCluster, Cluster>;
type Tag = { key: string; value?: string };

const tagMap = (tags: unknown) => Object.fromEntries(((tags as Tag[] | undefined) ?? []).map((t) => [t.key, t.value ?? '']));
/** customSan is in the update body of both APIs, yet neither documents it as changeable. */
const customSanLimitation = (c: CceCluster) =>
  isAutopilot(c.spec)
    ? 'CCE documents that Autopilot clusters do not support customSan yet [004 §4.1.4]'
    : 'CCE documents only spec.description as updatable on standard clusters [003 §4.1.4]';

export const clusterFields: readonly Row[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'deleteOptions', change: 'operator', observed: true },
  { path: 'kubeconfigSecretRef', change: 'operator', observed: true },
  // Read when an upgrade step starts (upgrade-flow.ts) and when the cluster is settled (master-eip.ts).
  { path: 'upgradePolicy', change: 'operator', observed: true },
  { path: 'masterEIP', change: 'operator', observed: true },
  { path: 'clusterID', change: 'setOnce', observed: true },
  {
    path: 'hibernate',
    change: 'hibernate',
    observed: true,
    desired: (c) => c.spec.hibernate === true,
    actual: (cloud) => cloud.status?.phase === 'Hibernation',
  },
  // CCE cluster fields
  { path: 'metadata.name', change: 'immutable', observed: true },
  {
    path: 'metadata.alias',
    change: 'update',
    observed: true,
    desired: (c) => (isAutopilot(c.spec) ? c.spec.metadata?.alias || undefined : undefined),
    actual: (cloud) => cloud.metadata?.alias,
  },
  { path: 'metadata.labels', change: 'immutable', observed: false },
  { path: 'metadata.annotations', change: 'immutable', observed: false },
  { path: 'category', change: 'immutable', observed: true },
  { path: 'type', change: 'immutable', observed: true },
  { path: 'flavor', change: 'immutable', observed: true },
  { path: 'version', change: 'upgrade', observed: true, equal: (d, a) => compareMinor(d as string, a as string | undefined) === 0 },
  {
    path: 'description',
    change: 'update',
    observed: true,
    desired: (c) => c.spec.description ?? '',
    actual: (cloud) => cloud.spec?.description ?? '',
  },
  { path: 'ipv6enable', change: 'immutable', observed: true },
  { path: 'hostNetwork', change: 'immutable', observed: true },
  { path: 'containerNetwork', change: 'immutable', observed: true },
  {
    path: 'eniNetwork.subnets',
    change: 'appendOnly',
    via: 'update',
    observed: true,
    desired: (c) => (isAutopilot(c.spec) ? c.spec.eniNetwork?.subnets : undefined),
    actual: (cloud) => cloud.spec?.eniNetwork?.subnets ?? [],
  },
  { path: 'serviceNetwork', change: 'immutable', observed: true },
  { path: 'authentication', change: 'immutable', observed: true },
  { path: 'billingMode', change: 'immutable', observed: true },
  { path: 'masters', change: 'immutable', observed: false },
  { path: 'kubernetesSvcIpRange', change: 'immutable', observed: true },
  {
    // Not returned by the cluster API: compared with the tags the operator last applied (removals need the keys).
    path: 'clusterTags',
    change: 'tags',
    observed: false,
    desired: (c) => c.spec.clusterTags ?? [],
    actual: (_cloud, c) => c.status?.appliedClusterTags ?? [],
    equal: (d, a) => jsonEqual(tagMap(d), tagMap(a)),
  },
  { path: 'kubeProxyMode', change: 'immutable', observed: true },
  { path: 'extendParam', change: 'immutable', observed: false },
  { path: 'enableSnat', change: 'immutable', observed: false },
  { path: 'enableSWRImageAccess', change: 'immutable', observed: false },
  { path: 'enableAutopilot', change: 'immutable', observed: true },
  { path: 'customSan', change: 'update', observed: true, actual: (cloud) => cloud.spec?.customSan ?? [], limitation: customSanLimitation },
];
