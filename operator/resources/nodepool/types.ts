/** CceNodePool TypeScript types, derived from the CRD schema (the one source of truth). */
import type { KubernetesObject } from '../../runtime/kube/types.js';
import type { NodePool } from '../../cloud/index.js';
import type { SchemaType } from '../schema-type.js';
import type { NodeSummary } from './node-summary.js';
import type { nodePoolSpecSchema, nodePoolStatusSchema } from './schema.js';

export type CceNodePoolSpec = SchemaType<typeof nodePoolSpecSchema>;
export type CceNodePoolStatus = SchemaType<typeof nodePoolStatusSchema>;

export interface CceNodePool extends KubernetesObject {
  spec: CceNodePoolSpec;
  status?: CceNodePoolStatus;
}

/** Where a pool may act (the gate's scope): its cluster, and how the pool's spec.version relates to it. */
export interface PoolScope {
  clusterID: string;
  /** The cluster's Kubernetes version (nodes run their cluster's version). */
  currentVersion: string | undefined;
  /** spec.version is ahead of the cluster's version: the pool is not Ready until the cluster catches up. */
  versionAhead: { version: string; message: string } | undefined;
}

/**
 * A cloud node pool as the managed ladder sees it: the CCE pool, plus the cluster it was read in (a pool does
 * not name its cluster; status.clusterID and status.currentVersion are facts of this pair).
 */
export type ObservedPool = NodePool & {
  inCluster: { id: string; version: string | undefined };
  /** The pool's nodes by phase, when this read listed them (observe does; create/update answers do not). */
  nodeSummary?: NodeSummary;
};
