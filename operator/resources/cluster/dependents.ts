/** CceNodePools that reference a CceCluster (by clusterRef.name or by its cloud clusterID): deletion waits for them. */
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { CceCluster } from './types.js';

interface PoolRef {
  metadata?: { name?: string };
  spec?: { clusterRef?: { name?: string }; clusterID?: string };
}

export function nodePoolDependents(kc: KubeConfig): (cr: CceCluster) => Promise<string[]> {
  const api = kc.makeApiClient(CustomObjectsApi);
  return async (cr) => {
    const namespace = cr.metadata?.namespace ?? 'default';
    let items: PoolRef[];
    try {
      const list = (await api.listNamespacedCustomObject({ group: 'cce.operator.dev', version: 'v1alpha1', plural: 'ccenodepools', namespace })) as { items?: PoolRef[] };
      items = list.items ?? [];
    } catch (err) {
      if ((err as { code?: number }).code === 404) return []; // the CceNodePool CRD is not installed
      throw err;
    }
    const id = cr.status?.clusterID;
    return items
      .filter((p) => p.spec?.clusterRef?.name === cr.metadata?.name || (id !== undefined && p.spec?.clusterID === id))
      .map((p) => p.metadata?.name ?? '');
  };
}
