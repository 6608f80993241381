/**
 * A CceCluster's deletion waits for the CceNodePools that reference it (by clusterRef.name or by its cloud id):
 * they delete their cloud pools first. Read from the node pool cache; a pool going away wakes its cluster.
 */
import type { ReconcileContext, WatchSpec } from '../../runtime/controller-spec.js';
import { isDeleting, type CustomObject, type KubeObject } from '../../runtime/kube-object.js';
import type { Step } from '../managed/kind.js';
import { Reason } from './reasons.js';
import type { CceCluster } from './types.js';

export const NODEPOOL_RESOURCE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'ccenodepools', kind: 'CceNodePool' } as const;

interface PoolRef extends KubeObject {
  spec?: { clusterRef?: { name?: string }; clusterID?: string };
}

export function poolsOf(cr: CceCluster, pools: readonly PoolRef[]): string[] {
  const id = cr.status?.clusterID;
  return pools
    .filter((p) => p.spec?.clusterRef?.name === cr.metadata?.name || (id !== undefined && p.spec?.clusterID === id))
    .map((p) => p.metadata?.name ?? '');
}

export async function waitForNodePools(cr: CceCluster, ctx: ReconcileContext<CustomObject>, pollMs: number): Promise<Step | undefined> {
  const names = poolsOf(cr, ctx.list<PoolRef>(NODEPOOL_RESOURCE, cr.metadata?.namespace ?? 'default'));
  if (!names.length) return undefined;
  return {
    outcome: {
      state: 'progressing',
      reason: Reason.WaitingForNodePools,
      message: `waiting for CceNodePools to be deleted first: ${names.join(', ')}`,
    },
    requeueMs: pollMs,
  };
}

/** A deleting pool wakes the cluster it references (so a waiting cluster deletion resumes at once). */
export const poolDeletionWatch: WatchSpec<CceCluster> = {
  ...NODEPOOL_RESOURCE,
  map: (pool: PoolRef) =>
    isDeleting(pool) && pool.spec?.clusterRef?.name ? [`${pool.metadata?.namespace}/${pool.spec.clusterRef.name}`] : [],
};
