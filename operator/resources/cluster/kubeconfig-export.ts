/**
 * Exports the cluster's kubeconfig into the Secret named by spec.kubeconfigSecretRef. The certificate API issues a
 * new certificate per call, so:
 *   - a certificate is fetched only when one is due (none yet, the Secret or validity changed, a refresh request,
 *     or `rotateBeforeDays` before expiry), and only once the Secret is known to be writable;
 *   - the fetched certificate is held in memory (per object) until it is written, so a write that fails is retried
 *     with the same certificate: one certificate per rotation, however often the write fails.
 * The Secret is written only when it does not exist (created, labelled `app.kubernetes.io/managed-by: cce-operator`
 * and owned by this CceCluster) or when the operator created it for this CceCluster; any other Secret of that name
 * is refused (Stalled, reason SecretNotOwned, naming it) and left untouched.
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import type { KubeObject } from '../../runtime/kube-object.js';
import type { SecretHolder } from '../kube-secrets.js';
import type { Pass, Step } from '../managed/kind.js';
import { STALLED_RECHECK_MS } from '../managed/reconciler.js';
import { Reason } from './reasons.js';
import type { CceCluster, CceClusterStatus } from './types.js';

/** The Secret operations the export needs (KubeSecrets implements them). */
export interface KubeconfigSecrets {
  /** Who holds the name: nobody, the operator for `owner`, or someone else. */
  holder(namespace: string, name: string, owner: KubeObject): Promise<SecretHolder>;
  /** Creates (absent) or replaces (ours) the Secret's data. */
  write(
    namespace: string,
    name: string,
    data: Record<string, string>,
    owner: KubeObject,
    held: Exclude<SecretHolder, { state: 'foreign' }>,
  ): Promise<void>;
}

const DAY = 86_400_000;

type Ref = NonNullable<CceCluster['spec']['kubeconfigSecretRef']>;

/** Validity in days and how long before expiry to rotate (never the whole validity: CEL refuses it too). */
export function rotation(ref: Ref): { days: number; rotateBeforeDays: number } {
  const days = ref.duration ?? 30;
  return { days, rotateBeforeDays: Math.max(0, Math.min(ref.rotateBeforeDays ?? 7, days - 1)) };
}

/** A certificate expiring at `expiresAt` is due for rotation at `now`. */
function rotationDue(expiresAt: number, now: Date, ref: Ref): boolean {
  return expiresAt - now.getTime() <= rotation(ref).rotateBeforeDays * DAY;
}

export function kubeconfigDue(cr: CceCluster, now: Date, refresh: boolean, server?: string): boolean {
  const ref = cr.spec.kubeconfigSecretRef;
  if (!ref) return false;
  const k = cr.status?.kubeconfig;
  if (refresh || !k?.expiresAt || k.secretName !== ref.name) return true;
  // The address it should use changed (an EIP bound or unbound, spec.kubeconfigSecretRef.endpoint changed).
  if (server !== undefined && k.server !== server) return true;
  return rotationDue(Date.parse(k.expiresAt), now, ref);
}

type Endpoint = { url?: string; type?: string };

/** The API server address the kubeconfig uses: the one spec.kubeconfigSecretRef.endpoint names, else External when there is one. */
export function chosenEndpoint(ref: Ref | undefined, endpoints: readonly Endpoint[]): { url: string; type: string } | undefined {
  const of = (type: string) => endpoints.find((e) => e.type === type && e.url);
  const e = (ref?.endpoint ? of(ref.endpoint) : undefined) ?? of('External') ?? of('Internal');
  return e?.url ? { url: e.url, type: e.type as string } : undefined;
}

type Kubeconfig = {
  clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
  contexts?: Array<{ name?: string; context?: { cluster?: string } }>;
  'current-context'?: string;
};

/**
 * The kubeconfig pointed at `server`: the context whose cluster has that address becomes the current one (CCE's
 * kubeconfig names both when an EIP is bound); otherwise the current context's cluster gets that address. Pure.
 */
export function pointedAt(cert: unknown, server: string | undefined): unknown {
  if (!server || !cert || typeof cert !== 'object') return cert;
  const k = structuredClone(cert) as Kubeconfig;
  const clusterNamed = (name: string | undefined) => (k.clusters ?? []).find((c) => c.name === name);
  const context = (k.contexts ?? []).find((c) => clusterNamed(c.context?.cluster)?.cluster?.server === server);
  if (context?.name) {
    k['current-context'] = context.name;
    return k;
  }
  const current = (k.contexts ?? []).find((c) => c.name === k['current-context']) ?? k.contexts?.[0];
  const cluster = clusterNamed(current?.context?.cluster) ?? k.clusters?.[0];
  if (cluster?.cluster) cluster.cluster.server = server;
  return k;
}

/** A certificate fetched for an object and not yet known to be recorded in its status. */
interface Held {
  uid: string;
  clusterId: string;
  days: number;
  cert: unknown;
  fetchedAt: Date;
  /** Written to the Secret (a later pass may still need it: the status write of that pass may have failed). */
  written: boolean;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class KubeconfigExporter {
  private readonly held = new Map<string, Held>();

  constructor(private readonly secrets: KubeconfigSecrets) {}

  /** The kind's beforeReady hook: export (or rotate) the kubeconfig when it is due. */
  async step(p: Pass<CceCluster, Cluster, void>): Promise<Step | undefined> {
    const obj = p.obj;
    const key = `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`;
    const now = p.ctx.now();
    const pending = this.held.get(key);
    // A certificate fetched and not yet written (a rotation or refresh under way) is still to be written.
    const midway = !!pending && !pending.written && pending.uid === obj.metadata?.uid && !!obj.spec.kubeconfigSecretRef;
    const endpoint = chosenEndpoint(obj.spec.kubeconfigSecretRef, p.observed.status?.endpoints ?? []);
    if (!midway && !kubeconfigDue(obj, now, p.ctx.refreshRequested, endpoint?.url)) {
      this.held.delete(key); // recorded in status (or no longer wanted)
      return undefined;
    }
    const ref = obj.spec.kubeconfigSecretRef as Ref;
    const namespace = obj.metadata?.namespace ?? 'default';
    const holder = await this.secrets.holder(namespace, ref.name, obj);
    if (holder.state === 'foreign') {
      const message = `spec.kubeconfigSecretRef names Secret ${namespace}/${ref.name}, which ${holder.why}: not writing it; name a Secret that does not exist yet`;
      p.ctx.events.warning(Reason.SecretNotOwned, message);
      return { outcome: { state: 'stalled', reason: Reason.SecretNotOwned, message }, requeueMs: STALLED_RECHECK_MS };
    }
    const clusterId = p.observed.metadata.uid as string;
    const cert = this.usable(key, obj, clusterId, now, p.ctx.refreshRequested) ?? (await this.fetch(key, obj, clusterId, p.cloud, now));
    const data = JSON.stringify(pointedAt(cert.cert, endpoint?.url));
    await this.secrets.write(namespace, ref.name, { [ref.key ?? 'kubeconfig']: data }, obj, holder);
    cert.written = true;
    const kubeconfig: NonNullable<CceClusterStatus['kubeconfig']> = {
      secretName: ref.name,
      fetchedAt: iso(cert.fetchedAt),
      expiresAt: iso(new Date(cert.fetchedAt.getTime() + cert.days * DAY)),
      ...(endpoint ? { server: endpoint.url, endpointType: endpoint.type } : {}),
    };
    return {
      outcome: {
        state: 'progressing',
        reason: Reason.KubeconfigExported,
        message: `kubeconfig written to Secret ${ref.name}${endpoint ? ` (server ${endpoint.type} ${endpoint.url})` : ''}`,
      },
      set: { kubeconfig },
      event: true,
    };
  }

  /** The held certificate, when it is for this object, cluster and validity, not itself due, and no new one is asked for. */
  private usable(key: string, obj: CceCluster, clusterId: string, now: Date, refresh: boolean): Held | undefined {
    const h = this.held.get(key);
    const ref = obj.spec.kubeconfigSecretRef as Ref;
    if (!h || h.uid !== obj.metadata?.uid || h.clusterId !== clusterId || h.days !== rotation(ref).days) return undefined;
    if (refresh && h.written) return undefined; // a refresh after it was written asks for a new one
    if (rotationDue(h.fetchedAt.getTime() + h.days * DAY, now, ref)) return undefined;
    return h;
  }

  private async fetch(key: string, obj: CceCluster, clusterId: string, cloud: CceClient, now: Date): Promise<Held> {
    const { days } = rotation(obj.spec.kubeconfigSecretRef as Ref);
    const cert = await cloud.clusters.getCert(clusterId, { duration: days });
    const h: Held = { uid: obj.metadata?.uid ?? '', clusterId, days, cert, fetchedAt: now, written: false };
    this.held.set(key, h);
    return h;
  }

  /** The object left the cache. */
  forget(key: string): void {
    this.held.delete(key);
  }

  /** Certificates held (tests). */
  get size(): number {
    return this.held.size;
  }
}
