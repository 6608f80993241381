/**
 * Exports the cluster's kubeconfig into the Secret named by spec.kubeconfigSecretRef. The certificate API issues a
 * new certificate per call, so it is fetched once and again only shortly before expiry (or on a refresh request).
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import type { Pass, Step } from '../managed/kind.js';
import { Reason } from './reasons.js';
import type { CceCluster, CceClusterStatus } from './types.js';

export interface SecretWriter {
  /** Creates or replaces the Secret's data, owned by `owner`. */
  write(namespace: string, name: string, data: Record<string, string>, owner: CceCluster): Promise<void>;
}

const DAY = 86_400_000;

export function kubeconfigDue(cr: CceCluster, now: Date, refresh: boolean): boolean {
  const ref = cr.spec.kubeconfigSecretRef;
  if (!ref) return false;
  const k = cr.status?.kubeconfig;
  if (refresh || !k?.expiresAt || k.secretName !== ref.name) return true;
  return Date.parse(k.expiresAt) - now.getTime() <= (ref.rotateBeforeDays ?? 7) * DAY;
}

export async function exportKubeconfig(
  cr: CceCluster,
  clusterId: string,
  cloud: CceClient,
  secrets: SecretWriter,
  now: Date,
): Promise<NonNullable<CceClusterStatus['kubeconfig']>> {
  const ref = cr.spec.kubeconfigSecretRef as NonNullable<CceCluster['spec']['kubeconfigSecretRef']>;
  const days = ref.duration ?? 30;
  const cert = await cloud.clusters.getCert(clusterId, { duration: days });
  await secrets.write(cr.metadata?.namespace ?? 'default', ref.name, { [ref.key ?? 'kubeconfig']: JSON.stringify(cert) }, cr);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { secretName: ref.name, fetchedAt: iso(now), expiresAt: iso(new Date(now.getTime() + days * DAY)) };
}

/** The kind's beforeReady hook: export (or rotate) the kubeconfig when it is due. */
export async function kubeconfigStep(p: Pass<CceCluster, Cluster, void>, secrets: SecretWriter): Promise<Step | undefined> {
  const now = p.ctx.now();
  if (!kubeconfigDue(p.obj, now, p.ctx.refreshRequested)) return undefined;
  const kubeconfig = await exportKubeconfig(p.obj, p.observed.metadata.uid as string, p.cloud, secrets, now);
  return { outcome: { state: 'progressing', reason: Reason.KubeconfigExported, message: `kubeconfig written to Secret ${kubeconfig.secretName}` }, set: { kubeconfig }, event: true };
}
