/** CceCluster TypeScript types, derived from the CRD schema (the one source of truth). */
import type { KubernetesObject } from '../../runtime/kube/types.js';
import type { SchemaType } from '../schema-type.js';
import type { clusterSpecSchema, clusterStatusSchema } from './schema.js';

export type CceClusterSpec = SchemaType<typeof clusterSpecSchema>;
export type CceClusterStatus = SchemaType<typeof clusterStatusSchema>;

export interface CceCluster extends KubernetesObject {
  spec: CceClusterSpec;
  status?: CceClusterStatus;
}
