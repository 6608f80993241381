/** CceClusterRegistration manifests, typed access and look-ups for the registration integration tests. */
import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, type V1Secret } from '@kubernetes/client-node';
import type { CceClusterRegistration } from '../../../operator/resources/registration/types.js';
import { condition } from '../support/cce-objects.js';

export function registration(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'cce.operator.dev/v1alpha1', kind: 'CceClusterRegistration', metadata: { name }, spec };
}

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return kc;
}

export class Registrations {
  private readonly api = kubeConfig().makeApiClient(CustomObjectsApi);

  constructor(readonly namespace: string) {}

  private get gv() {
    return { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusterregistrations', namespace: this.namespace };
  }

  create(body: Record<string, unknown>): Promise<CceClusterRegistration> {
    return this.api.createNamespacedCustomObject({ ...this.gv, body }) as Promise<CceClusterRegistration>;
  }

  get(name: string): Promise<CceClusterRegistration> {
    return this.api.getNamespacedCustomObject({ ...this.gv, name }) as Promise<CceClusterRegistration>;
  }

  tryGet(name: string): Promise<CceClusterRegistration | undefined> {
    return this.get(name).catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)));
  }

  patch(name: string, body: Record<string, unknown>): Promise<CceClusterRegistration> {
    return this.api.patchNamespacedCustomObject(
      { ...this.gv, name, body },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    ) as Promise<CceClusterRegistration>;
  }

  delete(name: string): Promise<unknown> {
    return this.api.deleteNamespacedCustomObject({ ...this.gv, name });
  }
}

export const core = (): CoreV1Api => kubeConfig().makeApiClient(CoreV1Api);

export async function readSecret(namespace: string, name: string): Promise<V1Secret | undefined> {
  return core()
    .readNamespacedSecret({ namespace, name })
    .catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)));
}

export async function writeSecret(namespace: string, name: string, stringData: Record<string, string>): Promise<void> {
  const body: V1Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', stringData };
  await core()
    .replaceNamespacedSecret({ namespace, name, body })
    .catch((e: { code?: number }) => (e.code === 404 ? core().createNamespacedSecret({ namespace, body }) : Promise.reject(e)));
}

export const decoded = (s: V1Secret | undefined, key: string): string | undefined => {
  const v = s?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
};

/** Ready=True for the current generation. */
export const registered = (r: CceClusterRegistration | undefined): boolean => {
  const c = condition(r, 'Ready');
  return c?.status === 'True' && c.observedGeneration === r?.metadata?.generation;
};
