// Reads and merge-patches one resource type (any group/version/plural, namespaced or cluster-scoped),
// including the status subresource. A small interface so status/finalizer helpers can be tested with fakes.
import type { KubeConfig } from './kube/kube-config.js';
import { objectApi, type ObjectApi } from './kube/object-api.js';
import type { KubeObject, ResourceType } from './kube-object.js';
import type { Json } from './merge-patch.js';
import type { ObjectRef } from './keys.js';

export interface ResourceClient<T extends KubeObject = KubeObject> {
  readonly type: ResourceType;
  get(ref: ObjectRef): Promise<T>;
  /** RFC 7386 merge patch of the object, or of its status subresource. */
  patch(ref: ObjectRef, patch: Json, subresource?: 'status'): Promise<T>;
}

export class CustomResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  private readonly api: ObjectApi;

  constructor(
    kc: KubeConfig,
    readonly type: ResourceType,
    private readonly fieldManager = 'cce-operator',
  ) {
    this.api = objectApi(kc, type);
  }

  async get(ref: ObjectRef): Promise<T> {
    return (await this.api.get(this.key(ref))) as T;
  }

  async patch(ref: ObjectRef, body: Json, subresource?: 'status'): Promise<T> {
    const o = { type: 'merge', fieldManager: this.fieldManager } as const;
    return (
      subresource === 'status' ? await this.api.patchStatus(this.key(ref), body, o) : await this.api.patch(this.key(ref), body, o)
    ) as T;
  }

  /** Cluster-scoped types (or a ref without a namespace) address the object cluster-wide. */
  private key(ref: ObjectRef): { namespace?: string; name: string } {
    return this.type.namespaced !== false && ref.namespace ? { namespace: ref.namespace, name: ref.name } : { name: ref.name };
  }
}
