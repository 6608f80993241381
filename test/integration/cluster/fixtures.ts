/** CceCluster manifests for the integration tests. */
export function standardCluster(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceCluster',
    metadata: { name },
    spec: {
      region: 'cn-north-4',
      projectID: 'test-project',
      type: 'VirtualMachine',
      flavor: 'cce.s1.small',
      version: 'v1.28',
      description: 'created by the integration tests',
      hostNetwork: { vpc: 'vpc-0001', subnet: 'subnet-0001' },
      containerNetwork: { mode: 'overlay_l2', cidr: '172.16.0.0/16' },
      ...extra,
    },
  };
}

export function autopilotCluster(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceCluster',
    metadata: { name },
    spec: {
      region: 'cn-north-4',
      projectID: 'test-project',
      enableAutopilot: true,
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: 'v1.28',
      hostNetwork: { vpc: 'vpc-0001', subnet: 'subnet-0001' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: 'subnet-0001' }] },
      ...extra,
    },
  };
}
