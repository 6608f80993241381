/** The Kubernetes calls the chaos suite makes (the real kube-apiserver, through client-node). */
import { CoordinationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type CoreV1Event } from '@kubernetes/client-node';

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

  constructor(
    kubeconfigPath: string,
    readonly namespace: string,
  ) {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
    this.coordination = kc.makeApiClient(CoordinationV1Api);
  }

  private gv(plural: Plural) {
    return { group: 'cce.operator.dev', version: 'v1alpha1', plural, namespace: this.namespace };
  }

  create(plural: Plural, body: object): Promise<unknown> {
    return this.custom.createNamespacedCustomObject({ ...this.gv(plural), body });
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
