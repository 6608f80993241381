/** Valid request bodies per the API references, for the contract tests. */
import type { CreateClusterRequest } from '../../../operator/cloud/models/cluster.js';
import type { CreateNodePoolRequest } from '../../../operator/cloud/models/nodepool.js';

export function standardCluster(name: string): CreateClusterRequest {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      type: 'VirtualMachine',
      flavor: 'cce.s1.small',
      version: 'v1.28',
      description: 'contract test',
      hostNetwork: { vpc: '1cb74d47-8e09-4d14-a065-75f4fc03e5eb', subnet: 'd44c089c-fbdc-49b3-ae8f-7b42c64219cf' },
      containerNetwork: { mode: 'overlay_l2', cidr: '172.16.0.0/16' },
    },
  };
}

export function autopilotCluster(name: string): CreateClusterRequest {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: 'v1.28',
      hostNetwork: { vpc: 'c6549063-0d3b-4c84-bb3c-cee0f5bbc9ee', subnet: '3b18c2d5-8da0-4a46-bb9f-3ab1a4a1e7a0' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: '186f9322-8d5f-4a4b-9c2a-cd6a3b1e1e8f' }] },
      serviceNetwork: { IPv4CIDR: '10.247.0.0/16' },
      enableSnat: true,
      enableSWRImageAccess: true,
      billingMode: 0,
      extendParam: { enterpriseProjectId: '0' },
    },
  };
}

export function nodePool(name: string, initialNodeCount = 1): CreateNodePoolRequest {
  return {
    kind: 'NodePool',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      type: 'vm',
      initialNodeCount,
      autoscaling: { enable: false, minNodeCount: 0, maxNodeCount: 5, scaleDownCooldownTime: 0, priority: 0 },
      nodeTemplate: {
        flavor: 's6.large.2',
        az: 'az1.dc1',
        os: 'EulerOS 2.5',
        login: { sshKey: 'myKeypair' },
        rootVolume: { volumetype: 'SATA', size: 40 },
        dataVolumes: [{ volumetype: 'SATA', size: 100, extendParam: { useType: 'docker' } }],
        billingMode: 0,
      },
    },
  };
}
