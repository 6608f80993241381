// Helpers for the runtime's integration suites: throwaway CRDs with unique groups, manager settings, polling.
// The tests' own setup and checks go through client-node (an independent client); the operator's code gets the
// operator's own KubeConfig (operatorKubeConfig()), loaded from the same kubeconfig file.
import { ApiextensionsV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { loadKubeConfig } from '../../../operator/cli/kubeconfig.js';
import type { KubeConfig as OperatorKubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import type { ManagerSettings } from '../../../operator/runtime/manager.js';
import type { ResourceType } from '../../../operator/runtime/kube-object.js';

export function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return kc;
}

/** The operator's KubeConfig for the test apiserver (the root hook sets KUBECONFIG). */
export function operatorKubeConfig(): OperatorKubeConfig {
  return loadKubeConfig(process.env.KUBECONFIG ?? '');
}

export function uniqueGroup(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}.runtime.test.cce.operator.dev`;
}

/** Creates a namespaced CRD with a status subresource and a free-form spec/status; waits for Established. */
export async function createCrd(kc: KubeConfig, type: ResourceType, wait = true): Promise<() => Promise<void>> {
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const name = `${type.plural}.${type.group}`;
  // client-node's typed model spells the extension x_kubernetes_preserve_unknown_fields and serialises it correctly.
  const free = { type: 'object', x_kubernetes_preserve_unknown_fields: true };
  await ext.createCustomResourceDefinition({
    body: {
      metadata: { name },
      spec: {
        group: type.group,
        scope: 'Namespaced',
        names: { plural: type.plural, singular: type.kind.toLowerCase(), kind: type.kind },
        versions: [
          {
            name: type.version,
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: free, status: free } } },
          },
        ],
      },
    },
  });
  if (wait) {
    await waitFor(
      async () => {
        const crd = await ext.readCustomResourceDefinition({ name });
        return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
      },
      30_000,
      `CRD ${name} established`,
    );
  }
  return async () => {
    await ext.deleteCustomResourceDefinition({ name }).catch(() => undefined);
  };
}

export function objects(kc: KubeConfig, type: ResourceType, namespace: string) {
  const api = kc.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = type;
  return {
    create: (name: string, spec: object, extra: object = {}) =>
      api.createNamespacedCustomObject({
        group,
        version,
        plural,
        namespace,
        body: { apiVersion: `${group}/${version}`, kind: type.kind, metadata: { name, ...extra }, spec },
      }),
    get: (name: string) => api.getNamespacedCustomObject({ group, version, plural, namespace, name }),
    delete: (name: string) => api.deleteNamespacedCustomObject({ group, version, plural, namespace, name }),
    list: async () => ((await api.listNamespacedCustomObject({ group, version, plural, namespace })) as { items: unknown[] }).items,
    api,
  };
}

export function testSettings(namespace: string, over: Partial<ManagerSettings> = {}): ManagerSettings {
  return {
    namespace,
    workers: 2,
    leaderElect: false,
    leaseName: 'cce-operator-test',
    leaseNamespace: namespace,
    leaseDurationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    identity: `test-${randomBytes(3).toString('hex')}`,
    metricsAddr: '127.0.0.1:0',
    resyncStableMs: 600_000,
    resyncActiveMs: 30_000,
    resyncJitter: 0.1,
    backoffBaseMs: 200,
    backoffMaxMs: 2_000,
    shutdownTimeoutMs: 5_000,
    ...over,
  };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
