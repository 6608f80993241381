/** The benchmark's fleet: one credentials Secret, N clusters, each with P node pools and A add-ons. */
export const BENCH_NAMESPACE = 'default';
export const BENCH_PROJECT = 'bench';
export const BENCH_AK = 'BENCHACCESSKEY000001';
export const BENCH_SK = 'bench-secret-key-not-a-real-one';
const API = 'cce.operator.dev/v1alpha1';
const ADDON_TEMPLATES = ['metrics-server', 'autoscaler', 'gpu-beta'];

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  [field: string]: unknown;
}

export const PLURALS: Record<string, string> = {
  CceCluster: 'cceclusters',
  CceNodePool: 'ccenodepools',
  CceAddon: 'cceaddons',
  Secret: 'secrets',
};

export function clusterName(i: number): string {
  return `bench-${String(i).padStart(5, '0')}`;
}

export function credentialsSecret(): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bench-credentials', namespace: BENCH_NAMESPACE },
    type: 'Opaque',
    stringData: { accessKey: BENCH_AK, secretKey: BENCH_SK },
  };
}

/** Cluster i and its dependents, in apply order (the cluster first). */
export function clusterSet(i: number, pools: number, addons: number): Manifest[] {
  const name = clusterName(i);
  const meta = (n: string) => ({ name: n, namespace: BENCH_NAMESPACE });
  const out: Manifest[] = [
    {
      apiVersion: API,
      kind: 'CceCluster',
      metadata: meta(name),
      spec: {
        region: 'cn-north-4',
        projectID: BENCH_PROJECT,
        credentialsSecretRef: { name: 'bench-credentials' },
        type: 'VirtualMachine',
        flavor: 'cce.s1.small',
        version: 'v1.28',
        description: `fleet benchmark cluster ${i}`,
        hostNetwork: { vpc: 'vpc-bench', subnet: 'subnet-bench' },
        containerNetwork: { mode: 'overlay_l2', cidr: '172.16.0.0/16' },
      },
    },
  ];
  for (let p = 0; p < pools; p++) {
    out.push({
      apiVersion: API,
      kind: 'CceNodePool',
      metadata: meta(`${name}-pool-${p}`),
      spec: {
        clusterRef: { name },
        initialNodeCount: 1,
        nodeTemplate: {
          flavor: 's6.large.2',
          az: 'cn-north-4a',
          os: 'EulerOS 2.9',
          login: { sshKey: 'bench-keypair' },
          rootVolume: { volumetype: 'SSD', size: 40 },
          dataVolumes: [{ volumetype: 'SSD', size: 100 }],
        },
      },
    });
  }
  for (let a = 0; a < addons; a++) {
    const template = ADDON_TEMPLATES[a % ADDON_TEMPLATES.length]!;
    out.push({
      apiVersion: API,
      kind: 'CceAddon',
      metadata: meta(`${name}-${template}${a >= ADDON_TEMPLATES.length ? `-${a}` : ''}`),
      spec: { clusterRef: { name }, addonTemplateName: template },
    });
  }
  return out;
}
