/** Cluster objects: standard CCE [003 §4.1.1-§4.1.8] and CCE Autopilot [004 §4.1.1-§4.1.6]. */
import type { JsonObject, ObjectMeta, ResourceTag, StringMap } from './common.js';

/** Cluster `status.phase` values (standard and Autopilot enums merged). */
export type ClusterPhase =
  | 'Available'
  | 'Unavailable'
  | 'ScalingUp'
  | 'ScalingDown'
  | 'Creating'
  | 'Deleting'
  | 'Upgrading'
  | 'Resizing'
  | 'ResizeFailed'
  | 'RollingBack'
  | 'RollbackFailed'
  | 'Hibernating'
  | 'Hibernation'
  | 'Freezing'
  | 'Frozen'
  | 'UnFreezing'
  | 'Awaking'
  | 'Empty'
  | 'Error';

export interface HostNetwork {
  vpc: string;
  subnet?: string;
  securityGroup?: string;
  /** [001] only: bare-metal high-speed subnet. */
  highwaySubnet?: string;
}

export interface ContainerNetwork {
  /** Standard: `overlay_l2` | `vpc-router` (| `underlay_ipvlan` in [001]); Autopilot: `eni`. */
  mode: string;
  cidr?: string;
}

export interface NetworkSubnet {
  subnetID: string;
}

export interface EniNetwork {
  subnets?: NetworkSubnet[];
  eniSubnetId?: string;
}

export interface ServiceNetwork {
  IPv4CIDR?: string;
}

export interface Authentication {
  /** `rbac` (default) | `authenticating_proxy` (| `x509` for k8s ≤1.11). */
  mode?: string;
  authenticatingProxy?: { ca?: string };
}

export interface MasterSpec {
  availabilityZone: string;
  flavor: string;
  faultDomain?: string;
}

export interface PackageConfiguration {
  name?: string;
  configurations?: Array<{ name?: string; value?: unknown }>;
}

export interface ClusterSpec {
  category?: string;
  /** `VirtualMachine` | `ARM64` (standard), `VirtualMachine` (Autopilot). */
  type?: string;
  flavor: string;
  version?: string;
  platformVersion?: string;
  description?: string;
  customSan?: string[];
  ipv6enable?: boolean;
  hostNetwork: HostNetwork;
  containerNetwork: ContainerNetwork;
  eniNetwork?: EniNetwork;
  serviceNetwork?: ServiceNetwork;
  authentication?: Authentication;
  billingMode?: number;
  masters?: MasterSpec | MasterSpec[];
  kubernetesSvcIpRange?: string;
  clusterTags?: ResourceTag[];
  kubeProxyMode?: string;
  az?: string;
  extendParam?: StringMap | JsonObject;
  configurationsOverride?: PackageConfiguration[];
  enableSnat?: boolean;
  enableSWRImageAccess?: boolean;
  enableAutopilot?: boolean;
}

export interface ClusterEndpoint {
  url: string;
  /** `Internal` | `External`. */
  type: string;
}

export interface ClusterStatus {
  phase?: ClusterPhase | string;
  jobID?: string;
  reason?: string;
  message?: string;
  endpoints?: ClusterEndpoint[];
  isLocked?: boolean;
  lockScene?: string;
  lockSource?: string;
  lockSourceId?: string;
  deleteOption?: JsonObject;
  deleteStatus?: JsonObject;
}

export interface Cluster {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: ClusterSpec;
  status?: ClusterStatus;
}

/** POST body of create cluster (`status` is output only). */
export interface CreateClusterRequest {
  kind: 'Cluster' | 'cluster';
  apiVersion: 'v3';
  metadata: ObjectMeta;
  spec: ClusterSpec;
}

/** PUT body: standard accepts `spec.description`; Autopilot adds `customSan`, `eniNetwork`, `metadata.alias`. */
export interface UpdateClusterRequest {
  spec: { description?: string; customSan?: string[]; eniNetwork?: { subnets?: NetworkSubnet[] } };
  metadata?: { alias?: string };
}

/** `true`/`block`: delete, failure blocks; `try`: delete, ignore failure; `false`/`skip`: keep. */
export type DeleteOptionValue = 'true' | 'block' | 'try' | 'false' | 'skip';

/** DELETE cluster query options (standard SDK and Autopilot [004 §4.1.5] merged; sent as given). */
export interface DeleteClusterOptions {
  delete_efs?: DeleteOptionValue;
  delete_eni?: DeleteOptionValue;
  delete_evs?: DeleteOptionValue;
  delete_net?: DeleteOptionValue;
  delete_obs?: DeleteOptionValue;
  delete_sfs?: DeleteOptionValue;
  delete_sfs30?: DeleteOptionValue;
  /** `Delete_Log_Group` | `Delete_Master_Log_Stream` | `Retain` (Autopilot). */
  lts_reclaim_policy?: string;
  /** Standard SDK: `true` marks the cluster for deletion only. */
  tobedeleted?: 'true';
}

export interface GetClusterOptions {
  detail?: boolean;
  errorStatus?: string;
}

export interface ListClustersOptions {
  detail?: boolean;
  status?: ClusterPhase | string;
  type?: string;
  version?: string;
}
