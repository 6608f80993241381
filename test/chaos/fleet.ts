/**
 * The fleet under chaos: C clusters, each with 2 node pools and 2 add-ons (metrics-server, installed; coredns, which
 * CCE installs with every standard cluster, adopted). Credentials vary by cluster so every path is exercised: the
 * operator-wide AK/SK, a credentials Secret with AK/SK, one with an IAM token; every fifth cluster exports its
 * kubeconfig; every cluster's second pool logs in with a password from a Secret.
 */
import type { Plural } from './kube.js';

export const FLEET_PREFIX = 'chaos-';
export const AKSK_SECRET = 'chaos-aksk';
export const TOKEN_SECRET = 'chaos-token';
export const PASSWORD_SECRET = 'chaos-node-password';

export interface FleetObject {
  plural: Plural;
  name: string;
  /** The cluster unit it belongs to. */
  unit: string;
  body: Record<string, unknown>;
}

const api = 'cce.operator.dev/v1alpha1';
export const clusterName = (i: number) => `${FLEET_PREFIX}${String(i).padStart(3, '0')}`;

export function fleet(clusters: number, projectId: string): FleetObject[] {
  const out: FleetObject[] = [];
  for (let i = 0; i < clusters; i++) {
    const unit = clusterName(i);
    const creds =
      i % 5 === 1 ? { credentialsSecretRef: { name: TOKEN_SECRET } } : i % 5 === 2 ? { credentialsSecretRef: { name: AKSK_SECRET } } : {};
    const kubeconfig = i % 5 === 0 ? { kubeconfigSecretRef: { name: `${unit}-kubeconfig` } } : {};
    out.push({
      plural: 'cceclusters',
      name: unit,
      unit,
      body: {
        apiVersion: api,
        kind: 'CceCluster',
        metadata: { name: unit },
        spec: {
          region: 'cn-north-4',
          projectID: projectId,
          type: 'VirtualMachine',
          flavor: 'cce.s1.small',
          version: 'v1.28',
          description: 'chaos fleet',
          hostNetwork: { vpc: 'vpc-chaos', subnet: 'subnet-chaos' },
          containerNetwork: { mode: 'overlay_l2', cidr: '172.16.0.0/16' },
          ...creds,
          ...kubeconfig,
        },
      },
    });
    for (const p of [0, 1]) {
      const login =
        p === 0 ? { sshKey: 'chaos-keypair' } : { userPassword: { passwordSecretRef: { name: PASSWORD_SECRET, key: 'password' } } };
      out.push({
        plural: 'ccenodepools',
        name: `${unit}-p${p}`,
        unit,
        body: {
          apiVersion: api,
          kind: 'CceNodePool',
          metadata: { name: `${unit}-p${p}` },
          spec: {
            clusterRef: { name: unit },
            initialNodeCount: 1,
            nodeTemplate: {
              flavor: 's6.large.2',
              az: 'cn-north-4a',
              os: 'EulerOS 2.9',
              login,
              rootVolume: { volumetype: 'SSD', size: 40 },
              dataVolumes: [{ volumetype: 'SSD', size: 100 }],
            },
          },
        },
      });
    }
    for (const [suffix, template] of [
      ['metrics', 'metrics-server'],
      ['coredns', 'coredns'],
    ] as const)
      out.push({
        plural: 'cceaddons',
        name: `${unit}-${suffix}`,
        unit,
        body: {
          apiVersion: api,
          kind: 'CceAddon',
          metadata: { name: `${unit}-${suffix}` },
          spec: { clusterRef: { name: unit }, addonTemplateName: template },
        },
      });
  }
  return out;
}
