/** The CCE create-cluster request a CceCluster asks for (operator-only fields stripped). Pure. */
import type { CreateClusterRequest } from '../../cloud/index.js';
import type { CceCluster, CceClusterSpec } from './types.js';

/** Spec keys that belong to the operator, not to the CCE request body. */
const OPERATOR_KEYS = new Set([
  'region',
  'projectID',
  'endpoint',
  'credentialsSecretRef',
  'deletionPolicy',
  'managementPolicy',
  'clusterID',
  'hibernate',
  'kubeconfigSecretRef',
  'deleteOptions',
  'masterEIP',
  'upgradePolicy',
  'metadata',
]);

export function isAutopilot(spec: CceClusterSpec): boolean {
  return spec.enableAutopilot === true;
}

/** The cloud name: spec.metadata.name, else the object's name. */
export function cloudName(cr: CceCluster): string {
  return cr.spec.metadata?.name ?? cr.metadata?.name ?? '';
}

export function createRequest(cr: CceCluster): CreateClusterRequest {
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cr.spec)) if (!OPERATOR_KEYS.has(k) && v !== undefined) spec[k] = v;
  if (!isAutopilot(cr.spec)) delete spec.enableAutopilot;
  const m = cr.spec.metadata ?? {};
  const metadata = {
    name: cloudName(cr),
    ...(m.alias ? { alias: m.alias } : {}),
    ...(m.labels ? { labels: m.labels } : {}),
    ...(m.annotations ? { annotations: m.annotations } : {}),
  };
  return { kind: 'Cluster', apiVersion: 'v3', metadata, spec: spec as unknown as CreateClusterRequest['spec'] };
}
