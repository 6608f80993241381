/** Secrets through the Kubernetes API: credentials are read, kubeconfigs written (owned by their CceCluster). */
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { isNotFound } from '../runtime/api-errors.js';
import type { KubeObject } from '../runtime/kube-object.js';
import type { SecretReader } from './credentials.js';

export class KubeSecrets implements SecretReader {
  private readonly api: CoreV1Api;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CoreV1Api);
  }

  async read(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    try {
      const s = await this.api.readNamespacedSecret({ namespace, name });
      const out: Record<string, string> = {}; // the API returns data only (stringData is write-only)
      for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
      return out;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async write(namespace: string, name: string, data: Record<string, string>, owner: KubeObject): Promise<void> {
    const body: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'cce-operator' },
        ownerReferences: [
          { apiVersion: owner.apiVersion ?? '', kind: owner.kind ?? '', name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true },
        ],
      },
      type: 'Opaque',
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])),
    };
    try {
      await this.api.replaceNamespacedSecret({ namespace, name, body });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.api.createNamespacedSecret({ namespace, body });
    }
  }
}
