/** The Kubernetes calls the chaos suite makes (the real kube-apiserver, through client-node). */
import https from 'node:https';
import { CoordinationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type CoreV1Event } from '@kubernetes/client-node';
import { DeepValue } from './corpus.js';

export type Plural = 'cceclusters' | 'ccenodepools' | 'cceaddons';
export const PLURALS: Plural[] = ['cceclusters', 'ccenodepools', 'cceaddons'];

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export interface CceObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; generation?: number; deletionTimestamp?: string; finalizers?: string[] };
  spec?: Record<string, unknown>;
  status?: { observedGeneration?: number; conditions?: Condition[]; [k: string]: unknown };
}

export class Kube {
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;
  readonly coordination: CoordinationV1Api;
  private readonly kc: KubeConfig;

  constructor(
    kubeconfigPath: string,
    readonly namespace: string,
  ) {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    this.kc = kc;
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
    this.coordination = kc.makeApiClient(CoordinationV1Api);
  }

  private gv(plural: Plural) {
    return { group: 'cce.operator.dev', version: 'v1alpha1', plural, namespace: this.namespace };
  }

  /**
   * Creates an object. client-node's serializer recurses per level, so a body nested thousands deep (the corpus's
   * deep-nesting specs) overflows this process's stack: such a body is sent as JSON over HTTPS directly.
   */
  async create(plural: Plural, body: object): Promise<unknown> {
    const deep: DeepValue[] = [];
    const text = JSON.stringify(body, (_k, v: unknown) => (v instanceof DeepValue ? `\u0000deep${deep.push(v) - 1}\u0000` : v));
    if (deep.length === 0) return this.custom.createNamespacedCustomObject({ ...this.gv(plural), body });
    const json = text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) => (deep[Number(i)] as DeepValue).toJsonText());
    return this.createRaw(plural, json);
  }

  private async createRaw(plural: Plural, json: string): Promise<unknown> {
    const res = await this.raw('POST', `/apis/cce.operator.dev/v1alpha1/namespaces/${this.namespace}/${plural}`, json);
    if (res.status < 300) return undefined;
    throw Object.assign(new Error(`HTTP ${res.status}`), { code: res.status, body: res.text });
  }

  /** Whether the object exists, by status code only (its body may be too deep to parse into client-node's types). */
  async exists(plural: Plural, name: string): Promise<boolean> {
    const res = await this.raw('GET', `/apis/cce.operator.dev/v1alpha1/namespaces/${this.namespace}/${plural}/${name}`);
    if (res.status === 404) return false;
    if (res.status < 300) return true;
    throw new Error(`GET ${plural}/${name}: HTTP ${res.status}`);
  }

  private async raw(method: string, path: string, json?: string): Promise<{ status: number; text: string }> {
    const opts: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(opts);
    const url = new URL(path, this.kc.getCurrentCluster()?.server ?? '');
    return new Promise((resolve, reject) => {
      const req = https.request(url, { ...opts, method, headers: { ...opts.headers, 'Content-Type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(json);
    });
  }

  async list(plural: Plural): Promise<CceObject[]> {
    return ((await this.custom.listNamespacedCustomObject(this.gv(plural))) as { items: CceObject[] }).items;
  }

  async get(plural: Plural, name: string): Promise<CceObject | undefined> {
    return (this.custom.getNamespacedCustomObject({ ...this.gv(plural), name }) as Promise<CceObject>).catch((e: { code?: number }) =>
      e.code === 404 ? undefined : Promise.reject(e),
    );
  }

  async delete(plural: Plural, name: string): Promise<void> {
    await this.custom.deleteNamespacedCustomObject({ ...this.gv(plural), name }).catch((e: { code?: number }) => {
      if (e.code !== 404) throw e;
    });
  }

  async createNamespace(): Promise<void> {
    await this.core.createNamespace({ body: { metadata: { name: this.namespace } } });
  }

  async createSecret(name: string, stringData: Record<string, string>): Promise<void> {
    await this.core.createNamespacedSecret({ namespace: this.namespace, body: { metadata: { name }, stringData } });
  }

  async secretData(name: string): Promise<Record<string, string> | undefined> {
    const s = await this.core.readNamespacedSecret({ namespace: this.namespace, name }).catch(() => undefined);
    return s?.data;
  }

  async events(): Promise<CoreV1Event[]> {
    return (await this.core.listNamespacedEvent({ namespace: this.namespace })).items;
  }

  async leaseHolder(name: string): Promise<string | undefined> {
    const lease = await this.coordination.readNamespacedLease({ name, namespace: this.namespace }).catch(() => undefined);
    return lease?.spec?.holderIdentity ?? undefined;
  }
}

export function condition(o: CceObject | undefined, type: string): Condition | undefined {
  return o?.status?.conditions?.find((c) => c.type === type);
}

/** Ready=True for the current generation. */
export function isReady(o: CceObject | undefined): boolean {
  const c = condition(o, 'Ready');
  return (
    c?.status === 'True' && c.observedGeneration === o?.metadata.generation && o?.status?.observedGeneration === o?.metadata.generation
  );
}

/** The message of an error from the apiserver (the Status body's message when there is one). */
export function apiErrorMessage(e: unknown): string {
  const body = (e as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return String((JSON.parse(body) as { message?: string }).message ?? body);
    } catch {
      return body;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return e instanceof Error ? e.message : String(e);
}
