/** Node pools (standard CCE only) [003 §4.1.19-§4.1.23]. */
import type { ObjectMeta } from './common.js';
import type { NodeSpec, Taint } from './node.js';

/** `""` means normal. */
export type NodePoolPhase = '' | 'Synchronizing' | 'Synchronized' | 'SoldOut' | 'Deleting' | 'Error';

export interface NodePoolAutoscaling {
  enable?: boolean;
  minNodeCount?: number;
  maxNodeCount?: number;
  scaleDownCooldownTime?: number;
  priority?: number;
}

export interface NodePoolSpec {
  type?: string;
  nodeTemplate: Partial<NodeSpec> & Pick<NodeSpec, 'flavor' | 'az'>;
  initialNodeCount: number;
  autoscaling?: NodePoolAutoscaling;
  nodeManagement?: { serverGroupReference?: string };
  faultDomain?: string;
}

export interface NodePoolStatus {
  currentNode?: number;
  phase?: NodePoolPhase | string;
  /** Set in the DELETE response (printed `jobld` by the seed's OCR). */
  jobId?: string;
  jobID?: string;
}

export interface NodePool {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: NodePoolSpec;
  status?: NodePoolStatus;
}

export interface CreateNodePoolRequest {
  kind: 'NodePool';
  apiVersion: 'v3';
  metadata: ObjectMeta & { name: string };
  spec: NodePoolSpec;
}

/** PUT body: scaling (`initialNodeCount`, `autoscaling`) and template labels/taints. */
/** The update body [003 §4.1.22 T4-267..271]: kind, apiVersion, metadata.name, the count and nodeTemplate are required. */
export interface UpdateNodePoolRequest {
  kind: 'NodePool';
  apiVersion: 'v3';
  metadata: { name: string };
  spec: {
    initialNodeCount: number;
    autoscaling?: NodePoolAutoscaling;
    nodeTemplate: { k8sTags?: Record<string, string>; taints?: Taint[] };
  };
}

export interface ListNodePoolsOptions {
  showDefaultNodePool?: boolean;
}
