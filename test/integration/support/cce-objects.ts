/** Typed access to the operator's custom resources in tests. */
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
}

export class CceObjects {
  readonly api: CustomObjectsApi;

  constructor(
    readonly namespace: string,
    readonly plural: 'cceclusters' | 'ccenodepools' | 'cceaddons' = 'cceclusters',
  ) {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private get gv() {
    return { group: 'cce.operator.dev', version: 'v1alpha1', plural: this.plural, namespace: this.namespace };
  }

  create(body: Record<string, unknown>): Promise<CceCluster> {
    return this.api.createNamespacedCustomObject({ ...this.gv, body }) as Promise<CceCluster>;
  }

  get(name: string): Promise<CceCluster> {
    return this.api.getNamespacedCustomObject({ ...this.gv, name }) as Promise<CceCluster>;
  }

  async tryGet(name: string): Promise<CceCluster | undefined> {
    return this.get(name).catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)));
  }

  patch(name: string, body: Record<string, unknown>): Promise<CceCluster> {
    return this.api.patchNamespacedCustomObject(
      { ...this.gv, name, body },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    ) as Promise<CceCluster>;
  }

  delete(name: string): Promise<unknown> {
    return this.api.deleteNamespacedCustomObject({ ...this.gv, name });
  }
}

export function condition(obj: { status?: { conditions?: unknown } } | undefined, type: string): Condition | undefined {
  return (obj?.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
}

/** Ready=True for the current generation (what `kubectl wait --for=condition=Ready` needs, plus kstatus). */
export function isReady(obj: CceCluster | undefined): boolean {
  const c = condition(obj, 'Ready');
  return (
    c?.status === 'True' &&
    c.observedGeneration === obj?.metadata?.generation &&
    obj?.status?.observedGeneration === obj?.metadata?.generation
  );
}
