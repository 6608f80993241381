/**
 * What a CceNodePool asks of the cloud: its cloud name, the create request (operator-only fields stripped) and the
 * one update request (count, autoscaling, labels, taints). Pure.
 */
import type { CreateNodePoolRequest, NodePool, UpdateNodePoolRequest } from '../../cloud/index.js';
import type { Login } from '../../cloud/models/node.js';
import type { CceNodePool, CceNodePoolSpec } from './types.js';

/** Spec keys that belong to the operator, not to the CCE request body. */
const OPERATOR_KEYS = new Set([
  'region',
  'projectID',
  'endpoint',
  'credentialsSecretRef',
  'deletionPolicy',
  'managementPolicy',
  'clusterRef',
  'clusterID',
  'nodePoolID',
  'version',
  'metadata',
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

/** The labels without the one CCE adds. */
export function userLabels(tags: Record<string, string> | undefined): Record<string, string> {
  const out = { ...(tags ?? {}) };
  delete out[SYSTEM_POOL_LABEL];
  return out;
}

/** The create body; `login` is the resolved login (login.ts: the password read from its Secret), never the spec's. */
export function createRequest(cr: CceNodePool, login: Login): CreateNodePoolRequest {
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cr.spec)) if (!OPERATOR_KEYS.has(k) && v !== undefined) spec[k] = v;
  spec.nodeTemplate = { ...cr.spec.nodeTemplate, login };
  return { kind: 'NodePool', apiVersion: 'v3', metadata: { name: cloudName(cr) }, spec: spec as unknown as CreateNodePoolRequest['spec'] };
}

/**
 * The full update body (the API documents kind, apiVersion and metadata.name as required in it). The count is the
 * spec's, or while autoscaling is on the autoscaler's (the cloud's); labels the spec does not set are kept as
 * they are; absent taints and autoscaling mean none and off.
 */
export function updateRequest(cr: CceNodePool, observed: NodePool): UpdateNodePoolRequest {
  const spec = cr.spec;
  // The count is required in the body: while autoscaling, the cloud's (the autoscaler's), else the spec's.
  const count = autoscalingEnabled(spec)
    ? (observed.spec?.initialNodeCount ?? observed.status?.currentNode ?? spec.initialNodeCount)
    : spec.initialNodeCount;
  const labels = spec.nodeTemplate.k8sTags ?? observed.spec?.nodeTemplate?.k8sTags;
  return {
    kind: 'NodePool',
    apiVersion: 'v3',
    metadata: { name: observed.metadata?.name ?? cloudName(cr) },
    spec: {
      initialNodeCount: count,
      autoscaling: spec.autoscaling ?? { enable: false },
      nodeTemplate: { k8sTags: userLabels(labels), taints: spec.nodeTemplate.taints ?? [] },
    },
  };
}
