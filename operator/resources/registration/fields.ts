/**
 * CceClusterRegistration field table: the spec fields (which the registry's record carries, which are immutable or
 * the operator's own) and, as `derived` rows, what the record holds about the CceCluster — read from the gate's
 * scope, not from the spec: its endpoint, version, online/offline (hibernation), source and type, and its
 * kubeconfig. PaddleFlow's record and Argo CD's Secret are read back, so every row but the kubeconfig is compared
 * with what the registry holds; the kubeconfig (a secret the operator never reads back) is compared by the hash of
 * what was last pushed (status.appliedHashes['cluster.kubeconfig'], with its export time: a rotation is one update).
 * Rows that do not apply to the object's registry have no desired value and are skipped.
 */
import { createHash } from 'node:crypto';
import type { FieldRule } from '../field-rules.js';
import type { CceClusterRegistration, Registered, RegistrationScope } from './types.js';

type Row = FieldRule<CceClusterRegistration, Registered, RegistrationScope>;

export const KUBECONFIG_ROW = 'cluster.kubeconfig';
export const PADDLEFLOW_CLUSTER_TYPE = 'kubernetes';
export const PADDLEFLOW_SOURCE = 'CCE';

const paddleflow = (o: CceClusterRegistration) => o.spec.paddleflow;
const argocd = (o: CceClusterRegistration) => o.spec.argocd;

/** PaddleFlow's update skips empty strings and lists [cluster.go validateUpdateClusterRequest]. */
const keepsEmpty = (field: string) => (o: CceClusterRegistration) => {
  const v = (o.spec.paddleflow as Record<string, unknown> | undefined)?.[field];
  const empty = v === '' || (Array.isArray(v) && v.length === 0);
  return empty
    ? `PaddleFlow's update leaves ${field} as it is when sent empty: clear it in PaddleFlow, or unset spec.paddleflow.${field}`
    : undefined;
};

/** What the kubeconfig row compares: the kubeconfig's own hash (never the kubeconfig) and when it was exported. */
export function kubeconfigIdentity(scope: RegistrationScope | undefined): { sha256: string; issuedAt: string } | undefined {
  const c = scope?.cluster;
  return c ? { sha256: createHash('sha256').update(c.kubeconfig).digest('hex'), issuedAt: c.issuedAt } : undefined;
}

export const registrationFields: readonly Row[] = [
  // this kind's operator fields
  { path: 'clusterRef', change: 'immutable', observed: true },
  { path: 'deletionPolicy', change: 'operator', observed: true },
  { path: 'managementPolicy', change: 'operator', observed: true },
  // PaddleFlow: the record's own fields (unset: PaddleFlow's value is left alone)
  { path: 'paddleflow.server', change: 'immutable', observed: true },
  { path: 'paddleflow.credentialsSecretRef', change: 'operator', observed: true },
  { path: 'paddleflow.clusterName', change: 'immutable', observed: true },
  {
    path: 'paddleflow.description',
    change: 'update',
    observed: true,
    actual: (r) => r.description ?? '',
    limitation: keepsEmpty('description'),
  },
  {
    path: 'paddleflow.namespaceList',
    change: 'update',
    observed: true,
    actual: (r) => r.namespaceList ?? [],
    limitation: keepsEmpty('namespaceList'),
  },
  { path: 'paddleflow.setting', change: 'update', observed: true, actual: (r) => r.setting ?? '', limitation: keepsEmpty('setting') },
  // Argo CD: the cluster Secret is the operator's own, so unset means empty
  { path: 'argocd.namespace', change: 'immutable', observed: true },
  {
    path: 'argocd.clusterName',
    change: 'update',
    observed: true,
    desired: (o) => (argocd(o) ? (argocd(o)?.clusterName ?? o.spec.clusterRef.name) : undefined),
    actual: (r) => r.name,
  },
  {
    path: 'argocd.project',
    change: 'update',
    observed: true,
    desired: (o) => (argocd(o) ? (argocd(o)?.project ?? '') : undefined),
    actual: (r) => r.project ?? '',
  },
  {
    path: 'argocd.labels',
    change: 'update',
    observed: true,
    desired: (o) => (argocd(o) ? (argocd(o)?.labels ?? {}) : undefined),
    actual: (r) => r.labels ?? {},
  },
  // from the CceCluster (the gate's scope; absent while its changes are held)
  {
    path: 'cluster.endpoint',
    derived: true,
    change: 'update',
    observed: true,
    desired: (_o, s) => s?.cluster?.endpoint,
    actual: (r) => r.endpoint,
  },
  {
    path: 'cluster.version',
    derived: true,
    change: 'update',
    observed: true,
    desired: (o, s) => (paddleflow(o) ? s?.cluster?.version : undefined),
    actual: (r) => r.version ?? '',
  },
  {
    path: 'cluster.status',
    derived: true,
    change: 'update',
    observed: true,
    desired: (o, s) => (paddleflow(o) && s?.cluster ? (s.cluster.hibernated ? 'offline' : 'online') : undefined),
    actual: (r) => r.status ?? '',
  },
  {
    path: 'cluster.source',
    derived: true,
    change: 'update',
    observed: true,
    desired: (o, s) => (paddleflow(o) && s?.cluster ? { source: PADDLEFLOW_SOURCE, clusterType: PADDLEFLOW_CLUSTER_TYPE } : undefined),
    actual: (r) => ({ source: r.source ?? '', clusterType: r.clusterType ?? '' }),
  },
  { path: KUBECONFIG_ROW, derived: true, change: 'update', observed: false, desired: (_o, s) => kubeconfigIdentity(s) },
];
