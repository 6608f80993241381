/** CceAddon TypeScript types, derived from the CRD schema (the one source of truth). */
import type { KubernetesObject } from '../../runtime/kube/types.js';
import type { SchemaType } from '../schema-type.js';
import type { addonSpecSchema, addonStatusSchema } from './schema.js';

export type CceAddonSpec = SchemaType<typeof addonSpecSchema>;
export type CceAddonStatus = SchemaType<typeof addonStatusSchema>;

export interface CceAddon extends KubernetesObject {
  spec: CceAddonSpec;
  status?: CceAddonStatus;
}
