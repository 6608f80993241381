/** CceNodePool TypeScript types, derived from the CRD schema (the one source of truth). */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SchemaType } from '../schema-type.js';
import type { nodePoolSpecSchema, nodePoolStatusSchema } from './schema.js';

export type CceNodePoolSpec = SchemaType<typeof nodePoolSpecSchema>;
export type CceNodePoolStatus = SchemaType<typeof nodePoolStatusSchema>;

export interface CceNodePool extends KubernetesObject {
  spec: CceNodePoolSpec;
  status?: CceNodePoolStatus;
}
