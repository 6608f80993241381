/** Node objects (standard CCE only) [003 §4.1.9-§4.1.13]. Also the `nodeTemplate` of a node pool. */
import type { JsonObject, ObjectMeta, ResourceTag } from './common.js';

export type NodePhase = 'Build' | 'Installing' | 'Active' | 'Abnormal' | 'Deleting' | 'Upgrading';

export interface Volume {
  size: number;
  /** `SATA` | `SAS` | `SSD` (and newer types). */
  volumetype: string;
  extendParam?: JsonObject;
  metadata?: { __system__encrypted?: string; __system__cmkid?: string; systemencrypted?: unknown; systemcmkid?: string };
}

export interface Login {
  sshKey?: string;
  /** `password` is salted SHA-512 crypt, base64-encoded; masked in responses. */
  userPassword?: { username?: string; password?: string };
}

export interface Taint {
  key: string;
  value?: string;
  /** `NoSchedule` | `PreferNoSchedule` | `NoExecute`. */
  effect: string;
}

export interface NodePublicIP {
  ids?: string[];
  count?: number;
  eip?: { iptype: string; bandwidth: { size?: number; sharetype?: string; chargemode?: string } };
}

export interface NodeSpec {
  flavor: string;
  az: string;
  os?: string;
  login?: Login;
  rootVolume: Volume;
  dataVolumes: Volume[];
  publicIP?: NodePublicIP;
  billingMode?: number;
  count?: number;
  nodeNicSpec?: { primaryNic?: { subnetId?: string } };
  extendParam?: JsonObject;
  ecsGroupId?: string;
  dedicatedHostId?: string;
  userTags?: ResourceTag[] | Record<string, string>;
  k8sTags?: Record<string, string>;
  taints?: Taint[];
  offloadNode?: boolean;
  faultDomain?: string;
}

export interface NodeStatus {
  phase?: NodePhase | string;
  jobID?: string;
  serverId?: string;
  publicIP?: string;
  privateIP?: string;
}

export interface Node {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: NodeSpec;
  status?: NodeStatus;
}

export interface CreateNodeRequest {
  kind: 'Node';
  apiVersion: 'v3';
  metadata: ObjectMeta;
  spec: NodeSpec & { count: number };
}

/** Options of DELETE node (the public-cloud SDK's `nodepoolScaleDown`). */
export interface DeleteNodeOptions {
  nodepoolScaleDown?: 'NoScaleDown';
}
