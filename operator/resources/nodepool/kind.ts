/**
 * CceNodePool as a managed kind: its cloud target defaults to its CceCluster's, its gate is the cluster (Autopilot
 * refused, changes held while the cluster is not Ready, versions wait for the cluster's upgrade), and every change
 * is the one update call. Woken by its CceCluster's changes (a watch), not by polling the cluster.
 */
import type { WatchSpec } from '../../runtime/controller-spec.js';
import { CLUSTER_INDEX, CLUSTER_RESOURCE, clusterIndexKeys, dependentsInCache } from '../cluster-ref.js';
import type { CceCluster } from '../cluster/types.js';
import type { ManagedKind } from '../managed/kind.js';
import { freeFormProblem } from '../spec-bounds.js';
import { poolGate, poolTarget } from './cluster-gate.js';
import { cloudName } from './desired.js';
import { nodePoolExternal } from './external.js';
import { nodePoolFields } from './fields.js';
import { poolActivity, poolFacts, poolReadiness, poolReadyMessage } from './report.js';
import type { CceNodePool, ObservedPool, PoolScope } from './types.js';

export const NODEPOOL_TYPE = {
  group: 'cce.operator.dev',
  version: 'v1alpha1',
  plural: 'ccenodepools',
  kind: 'CceNodePool',
  namespaced: true,
} as const;

/** A CceCluster change (Ready, deleted, upgraded) wakes the pools that reference it. */
export const clusterWatch: WatchSpec<CceNodePool> = {
  ...CLUSTER_RESOURCE,
  namespaced: true,
  map: (changed, own) => dependentsInCache(changed as CceCluster, own),
};

/** The node template's free-form fields (extendParam of the template and of each volume), bounded. */
export function poolProblem(pool: CceNodePool): string | undefined {
  const t = pool.spec.nodeTemplate;
  const free: Array<[string, unknown]> = [
    ['spec.nodeTemplate.extendParam', t?.extendParam],
    ['spec.nodeTemplate.rootVolume.extendParam', t?.rootVolume?.extendParam],
    ...(t?.dataVolumes ?? []).map((v, i): [string, unknown] => [`spec.nodeTemplate.dataVolumes[${i}].extendParam`, v.extendParam]),
  ];
  for (const [field, value] of free) {
    const problem = freeFormProblem(field, value);
    if (problem) return problem;
  }
  return undefined;
}

export const nodePoolKind: ManagedKind<CceNodePool, ObservedPool, PoolScope> = {
  type: NODEPOOL_TYPE,
  noun: 'node pool',
  idField: 'nodePoolID',
  fields: nodePoolFields,
  families: ['update'],
  validate: poolProblem,
  cloudName,
  target: poolTarget,
  gate: poolGate,
  external: nodePoolExternal,
  idOf: (r) => r.metadata?.uid,
  activity: poolActivity,
  facts: poolFacts,
  readiness: (p) => poolReadiness(p.obj, p.observed, p.scope),
  readyMessage: poolReadyMessage,
  watches: [clusterWatch],
  indexes: { [CLUSTER_INDEX]: clusterIndexKeys },
};
