/** CceNodePool manifests for the integration tests. */
export function nodePool(name: string, clusterRef: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceNodePool',
    metadata: { name },
    spec: {
      clusterRef: { name: clusterRef },
      initialNodeCount: 1,
      nodeTemplate: {
        flavor: 's6.large.2',
        az: 'cn-north-4a',
        os: 'EulerOS 2.9',
        login: { sshKey: 'my-keypair' },
        rootVolume: { volumetype: 'SSD', size: 40 },
        dataVolumes: [{ volumetype: 'SSD', size: 100 }],
        k8sTags: { team: 'platform' },
      },
      ...extra,
    },
  };
}

export function withTemplate(base: Record<string, unknown>, template: Record<string, unknown>): Record<string, unknown> {
  const spec = base.spec as Record<string, unknown>;
  return { ...base, spec: { ...spec, nodeTemplate: { ...(spec.nodeTemplate as Record<string, unknown>), ...template } } };
}

/** The parts of a simulator node pool (SimAdmin.objects()) the tests read. */
export interface SimPool {
  metadata: { uid: string; name?: string };
  spec: { nodeTemplate: { k8sTags: Record<string, string>; taints?: unknown[] }; autoscaling: { enable?: boolean } };
  status: { currentNode?: number };
}
