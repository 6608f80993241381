/**
 * What a CceNodePool asks of the cloud: the create request (operator-only fields stripped), and the values of the
 * mutable fields the API never reads back, hashed so a spec change to them is applied even though no drift can
 * be observed. Pure.
 */
import { createHash } from 'node:crypto';
import type { CreateNodePoolRequest } from '../../cloud/index.js';
import type { CceNodePool, CceNodePoolSpec } from './types.js';

/** Spec keys that belong to the operator, not to the CCE request body. */
const OPERATOR_KEYS = new Set([
  'region', 'projectID', 'endpoint', 'credentialsSecretRef', 'deletionPolicy', 'managementPolicy', 'clusterRef', 'clusterID',
  'nodePoolID', 'version', 'metadata',
]);

/** The label CCE adds to every pool's k8sTags (its value is the pool name). */
export const SYSTEM_POOL_LABEL = 'cce.cloud.com/cce-nodepool';

/** The cloud name: spec.metadata.name, else the object's name. */
export function cloudName(cr: CceNodePool): string {
  return cr.spec.metadata?.name ?? cr.metadata?.name ?? '';
}

export function autoscalingEnabled(spec: CceNodePoolSpec): boolean {
  return spec.autoscaling?.enable === true;
}

export function createRequest(cr: CceNodePool): CreateNodePoolRequest {
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cr.spec)) if (!OPERATOR_KEYS.has(k) && v !== undefined) spec[k] = v;
  return { kind: 'NodePool', apiVersion: 'v3', metadata: { name: cloudName(cr) }, spec: spec as unknown as CreateNodePoolRequest['spec'] };
}

/**
 * The updatable values as last applied. The count is left out while autoscaling is on (the autoscaler owns it),
 * so editing initialNodeCount then changes nothing in the cloud.
 */
export function appliedValues(spec: CceNodePoolSpec): Record<string, unknown> {
  return {
    initialNodeCount: autoscalingEnabled(spec) ? null : spec.initialNodeCount,
    autoscaling: spec.autoscaling ?? null,
    k8sTags: spec.nodeTemplate.k8sTags ?? null,
    taints: spec.nodeTemplate.taints ?? null,
  };
}

export function appliedHash(spec: CceNodePoolSpec): string {
  return createHash('sha256').update(canonicalJson(appliedValues(spec))).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted, so equal values hash equally whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
