// The REST verbs on the objects of one resource type (any group/version/plural, core or custom, namespaced or
// cluster-scoped), with the wire requests client-node's generated clients send: JSON bodies, fieldManager as a
// query parameter, the patch type as the Content-Type, an optional Accept (metadata-only reads).
import type { KubeConfig } from './kube-config.js';
import { kubeHttp, type KubeHttp, type Query } from './kube-http.js';
import type { DeleteOptions, KubernetesList, KubernetesObject, WatchEvent } from './types.js';
import { watchCollection, type WatchOptions } from './watch.js';

/** Where a resource type lives. `namespaced` defaults to true; group '' is the core group (/api/v1). */
export interface ResourceCoordinates {
  group: string;
  version: string;
  plural: string;
  namespaced?: boolean;
}

export interface ObjectKey {
  namespace?: string | undefined;
  name: string;
}

export const PATCH_CONTENT_TYPES = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchType = keyof typeof PATCH_CONTENT_TYPES;

export interface ReadOptions {
  accept?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface WriteOptions {
  fieldManager?: string;
  accept?: string;
}

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  /** Server-side apply: take over conflicting fields. */
  force?: boolean;
}

export const SECRETS: ResourceCoordinates = { group: '', version: 'v1', plural: 'secrets' };
export const EVENTS: ResourceCoordinates = { group: '', version: 'v1', plural: 'events' };
export const LEASES: ResourceCoordinates = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' };

export class ObjectApi<T extends KubernetesObject = KubernetesObject> {
  constructor(
    private readonly http: KubeHttp,
    readonly type: ResourceCoordinates,
  ) {}

  /** /api/v1[/namespaces/ns]/plural or /apis/group/version[/namespaces/ns]/plural. */
  collectionPath(namespace?: string): string {
    const t = this.type;
    const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
    const ns = namespace && t.namespaced !== false ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${t.plural}`;
  }

  objectPath(key: ObjectKey, subresource?: string): string {
    return `${this.collectionPath(key.namespace)}/${encodeURIComponent(key.name)}${subresource ? `/${subresource}` : ''}`;
  }

  get(key: ObjectKey, o: ReadOptions = {}): Promise<T> {
    return this.http.request<T>({ path: this.objectPath(key), accept: o.accept, signal: o.signal });
  }

  list(namespace?: string, o: ReadOptions & { query?: Query } = {}): Promise<KubernetesList<T>> {
    const { accept, query, signal } = o;
    return this.http.request<KubernetesList<T>>({ path: this.collectionPath(namespace), accept, query, signal });
  }

  create(namespace: string | undefined, body: T, o: WriteOptions = {}): Promise<T> {
    return this.write('POST', this.collectionPath(namespace), body, o);
  }

  /** PUT: the whole object; metadata.resourceVersion, when set, is the precondition. */
  replace(key: ObjectKey, body: T, o: WriteOptions = {}): Promise<T> {
    return this.write('PUT', this.objectPath(key), body, o);
  }

  patch(key: ObjectKey, body: unknown, o: PatchOptions): Promise<T> {
    return this.sendPatch(this.objectPath(key), body, o);
  }

  patchStatus(key: ObjectKey, body: unknown, o: PatchOptions): Promise<T> {
    return this.sendPatch(this.objectPath(key, 'status'), body, o);
  }

  delete(key: ObjectKey, o: { body?: DeleteOptions } = {}): Promise<unknown> {
    return this.http.request({ method: 'DELETE', path: this.objectPath(key), body: o.body });
  }

  /** One watch of the collection (see watch.ts). */
  watch(namespace: string | undefined, o: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Promise<void> {
    return watchCollection(this.http, this.collectionPath(namespace), o, onEvent as (e: WatchEvent) => void);
  }

  private write(method: string, path: string, body: unknown, o: WriteOptions): Promise<T> {
    return this.http.request<T>({ method, path, body, accept: o.accept, query: { fieldManager: o.fieldManager } });
  }

  private sendPatch(path: string, body: unknown, o: PatchOptions): Promise<T> {
    const query: Query = { fieldManager: o.fieldManager, force: o.force };
    const text = o.type === 'apply' && typeof body !== 'string' ? JSON.stringify(body) : body; // JSON is YAML
    return this.http.request<T>({ method: 'PATCH', path, body: text, contentType: PATCH_CONTENT_TYPES[o.type], accept: o.accept, query });
  }
}

/** The ObjectApi of `type` on the KubeConfig's shared client. */
export function objectApi<T extends KubernetesObject>(kc: KubeConfig, type: ResourceCoordinates): ObjectApi<T> {
  return new ObjectApi<T>(kubeHttp(kc), type);
}
