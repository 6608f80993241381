// Reads and merge-patches one resource type (any group/version/plural, namespaced or cluster-scoped),
// including the status subresource. A small interface so status/finalizer helpers can be tested with fakes.
import { CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject, ResourceType } from './kube-object.js';
import type { Json } from './merge-patch.js';
import type { ObjectRef } from './keys.js';

export interface ResourceClient<T extends KubeObject = KubeObject> {
  readonly type: ResourceType;
  get(ref: ObjectRef): Promise<T>;
  /** RFC 7386 merge patch of the object, or of its status subresource. */
  patch(ref: ObjectRef, patch: Json, subresource?: 'status'): Promise<T>;
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export class CustomResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  private readonly api: CustomObjectsApi;

  constructor(
    kc: KubeConfig,
    readonly type: ResourceType,
    private readonly fieldManager = 'cce-operator',
  ) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  async get(ref: ObjectRef): Promise<T> {
    const { group, version, plural } = this.type;
    if (this.namespaced(ref)) {
      return (await this.api.getNamespacedCustomObject({
        group,
        version,
        plural,
        namespace: ref.namespace as string,
        name: ref.name,
      })) as T;
    }
    return (await this.api.getClusterCustomObject({ group, version, plural, name: ref.name })) as T;
  }

  async patch(ref: ObjectRef, body: Json, subresource?: 'status'): Promise<T> {
    const { group, version, plural } = this.type;
    const fieldManager = this.fieldManager;
    if (this.namespaced(ref)) {
      const p = { group, version, plural, namespace: ref.namespace as string, name: ref.name, body, fieldManager };
      return (
        subresource === 'status'
          ? await this.api.patchNamespacedCustomObjectStatus(p, mergePatch)
          : await this.api.patchNamespacedCustomObject(p, mergePatch)
      ) as T;
    }
    const p = { group, version, plural, name: ref.name, body, fieldManager };
    return (
      subresource === 'status'
        ? await this.api.patchClusterCustomObjectStatus(p, mergePatch)
        : await this.api.patchClusterCustomObject(p, mergePatch)
    ) as T;
  }

  private namespaced(ref: ObjectRef): boolean {
    return this.type.namespaced !== false && Boolean(ref.namespace);
  }
}
