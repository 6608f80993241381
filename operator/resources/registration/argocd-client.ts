/**
 * Argo CD cluster Secrets through the Kubernetes API (the operator's own access; Argo CD reads them from its
 * namespace): read, create, replace (with the resourceVersion read), delete (with a uid precondition, so a Secret
 * that replaced ours is never deleted). Failures are typed for the managed ladder: an invalid Secret is Terminal,
 * the rest Transient (a missing namespace, a conflict, RBAC being fixed), with the API server's message.
 */
import { apiErrorMessage, isNotFound, statusCodeOf } from '../../runtime/api-errors.js';
import type { KubeConfig } from '../../runtime/kube/kube-config.js';
import { objectApi, SECRETS, type ObjectApi } from '../../runtime/kube/object-api.js';
import type { Secret as V1Secret } from '../../runtime/kube/types.js';
import { Terminal, Transient } from '../../runtime/result.js';
import { Reason } from './reasons.js';

/** The calls the Argo CD external makes (a test fakes just these). */
export interface ArgoSecrets {
  read(namespace: string, name: string): Promise<V1Secret | undefined>;
  create(namespace: string, body: V1Secret): Promise<V1Secret>;
  replace(namespace: string, name: string, body: V1Secret): Promise<V1Secret>;
  /** true when the Secret was gone already. */
  delete(namespace: string, name: string, uid: string): Promise<boolean>;
}

export class KubeArgoSecrets implements ArgoSecrets {
  private readonly api: ObjectApi<V1Secret>;

  constructor(kc: KubeConfig) {
    this.api = objectApi<V1Secret>(kc, SECRETS);
  }

  async read(namespace: string, name: string): Promise<V1Secret | undefined> {
    try {
      return await this.api.get({ namespace, name });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw argoError('read', namespace, name, e);
    }
  }

  async create(namespace: string, body: V1Secret): Promise<V1Secret> {
    try {
      return await this.api.create(namespace, body);
    } catch (e) {
      throw argoError('create', namespace, body.metadata?.name ?? '', e);
    }
  }

  async replace(namespace: string, name: string, body: V1Secret): Promise<V1Secret> {
    try {
      return await this.api.replace({ namespace, name }, body);
    } catch (e) {
      throw argoError('replace', namespace, name, e);
    }
  }

  async delete(namespace: string, name: string, uid: string): Promise<boolean> {
    try {
      await this.api.delete({ namespace, name }, { body: { preconditions: { uid } } });
      return false;
    } catch (e) {
      if (isNotFound(e)) return true;
      throw argoError('delete', namespace, name, e);
    }
  }
}

export function argoError(op: string, namespace: string, name: string, e: unknown): Error {
  const status = statusCodeOf(e);
  const text = `Argo CD cluster Secret ${namespace}/${name}: ${op} failed: HTTP ${status ?? 'n/a'}: ${apiErrorMessage(e)}`;
  if (status === 422 || status === 400) return new Terminal(text, Reason.RegistryRefused, { cause: e });
  return new Transient(text, Reason.RegistryError, { cause: e });
}
