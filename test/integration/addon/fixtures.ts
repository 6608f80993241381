/** CceAddon manifests and simulator look-ups for the add-on integration tests. */
import type { SimAdmin } from '../../../sim/admin-client.js';

export function addon(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'cce.operator.dev/v1alpha1', kind: 'CceAddon', metadata: { name }, spec };
}

export interface SimAddon {
  metadata: { uid: string; name: string };
  spec: { clusterID: string; version: string; addonTemplateName: string; values: Record<string, unknown> };
  status: { status: string; isRollbackable?: boolean; previousVersion?: string };
}

/** The add-on instances the simulator holds, optionally of one template in one cluster. */
export async function cloudAddons(admin: SimAdmin, template?: string, clusterID?: string): Promise<SimAddon[]> {
  const all = (await admin.objects()).addons as unknown as SimAddon[];
  return all.filter((a) => (!template || a.spec.addonTemplateName === template) && (!clusterID || a.spec.clusterID === clusterID));
}

/** How many times the operator called an operation since the last clearRequests(). */
export async function calls(admin: SimAdmin, operation: string): Promise<number> {
  return (await admin.counts()).byOperation[operation] ?? 0;
}
