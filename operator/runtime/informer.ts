// An informer (list + watch + in-memory cache) for one resource type, built on client-node's makeInformer.
// client-node re-watches after a normal close and re-lists after 410 Gone, but after any other error it
// just stops: this wrapper restarts it with exponential backoff, forever, until stop().
// Custom resources are listed with CustomObjectsApi; core-group types (group '', /api/v1/...) and
// metadata-only informers are listed with a plain GET on the collection path. A metadata-only informer asks
// the API server for PartialObjectMetadata (list and watch), so the cache holds metadata only: watching
// Secrets this way never keeps their data in memory.
import fetch from 'node-fetch';
import {
  ApiException,
  CustomObjectsApi,
  makeInformer,
  type Informer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { ObjectRef } from './keys.js';
import { collectionPath, typeId, type KubeObject, type ResourceType } from './kube-object.js';
import type { Logger } from './logger.js';

/** Read access to an informer's cache. Objects are shared: never mutate them. */
export interface CacheReader<T extends KubeObject> {
  get(ref: ObjectRef): T | undefined;
  list(namespace?: string): readonly T[];
}

export interface InformerHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(obj: T): void;
  delete?(obj: T): void;
}

export interface ResourceInformerOptions {
  /** Watch one namespace only (default: all). */
  namespace?: string;
  log: Logger;
  backoff?: BackoffPolicy;
  clock?: Clock;
  onRestart?: () => void;
  /**
   * Cache metadata only (PartialObjectMetadata: apiVersion meta.k8s.io/v1, kind PartialObjectMetadata,
   * metadata; no spec, status or data). Works for any type, core or custom.
   */
  metadataOnly?: boolean;
}

/** Accept headers that make the API server answer with metadata only (what client-go's metadata informer sends). */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
export const METADATA_WATCH_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

export class ResourceInformer<T extends KubeObject> implements CacheReader<T> {
  // client-node types metadata timestamps as Date; on the wire (and in this cache) they are strings.
  private readonly inner: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  private readonly clock: Clock;
  private failures = 0;
  private restartTimer: TimerHandle | undefined;
  private stopped = true;
  private synced = false;
  private syncWaiters: Array<() => void> = [];

  constructor(
    kc: KubeConfig,
    readonly type: ResourceType,
    private readonly opts: ResourceInformerOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    const { group, version, plural } = type;
    const ns = type.namespaced === false ? undefined : opts.namespace || undefined;
    const path = collectionPath(type, ns);
    const metadataOnly = opts.metadataOnly === true;
    let fetchList: () => Promise<KubernetesListObject<KubernetesObject>>;
    if (metadataOnly || !group) {
      fetchList = () => listCollection(kc, path, metadataOnly ? METADATA_LIST_ACCEPT : undefined);
    } else {
      const api = kc.makeApiClient(CustomObjectsApi);
      fetchList = async () =>
        (ns
          ? await api.listNamespacedCustomObject({ group, version, plural, namespace: ns })
          : await api.listClusterCustomObject({ group, version, plural })) as KubernetesListObject<KubernetesObject>;
    }
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const result = await fetchList();
      this.failures = 0;
      // The cache is filled synchronously right after this promise resolves; report sync after that.
      setImmediate(() => this.markSynced());
      return result;
    };
    // client-node's Watch takes its request options from kc.applyToFetchOptions({}).
    this.inner = makeInformer<KubernetesObject>(metadataOnly ? withAccept(kc, METADATA_WATCH_ACCEPT) : kc, path, list);
    this.inner.on('error', (err: unknown) => this.onError(err));
  }

  /** The type id, with a "#metadata" suffix for a metadata-only informer. */
  get id(): string {
    return informerId(this.type, this.opts.metadataOnly);
  }

  get metadataOnly(): boolean {
    return this.opts.metadataOnly === true;
  }

  on(handlers: InformerHandlers<T>): void {
    const { add, update, delete: del } = handlers;
    if (add) this.inner.on('add', (o) => add(o as T));
    if (update) this.inner.on('update', (o) => update(o as T));
    if (del) this.inner.on('delete', (o) => del(o as T));
  }

  get(ref: ObjectRef): T | undefined {
    return this.inner.get(ref.name, this.type.namespaced === false ? undefined : ref.namespace) as T | undefined;
  }

  list(namespace?: string): readonly T[] {
    return this.inner.list(namespace) as readonly T[];
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Starts listing and watching; resolves once the first list has filled the cache (or on stop). */
  async start(): Promise<void> {
    if (!this.stopped) return this.waitForSync();
    this.stopped = false;
    void this.inner.start().catch((err: unknown) => this.onError(err));
    return this.waitForSync();
  }

  waitForSync(): Promise<void> {
    if (this.synced || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer !== undefined) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.syncWaiters.splice(0).forEach((w) => w());
    await this.inner.stop();
  }

  private onError(err: unknown): void {
    if (this.stopped || this.restartTimer !== undefined) return;
    const delay = backoffDelay(this.failures++, this.opts.backoff ?? { ...defaultBackoff, maxMs: 30_000 });
    this.opts.log.warn('informer stopped on error; restarting', { resource: this.id, delayMs: delay, err });
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopped) return;
      this.opts.onRestart?.();
      void this.inner.start().catch((e: unknown) => this.onError(e));
    }, delay);
  }

  private markSynced(): void {
    if (this.synced || this.stopped) return;
    this.synced = true;
    this.syncWaiters.splice(0).forEach((w) => w());
  }
}

/** The key the manager shares informers under: one per (type, metadataOnly). */
export function informerId(type: Pick<ResourceType, 'group' | 'version' | 'plural'>, metadataOnly?: boolean): string {
  return metadataOnly ? `${typeId(type)}#metadata` : typeId(type);
}

/** A KubeConfig whose fetch options (what client-node's Watch uses) carry `Accept: accept`. */
export function withAccept(kc: KubeConfig, accept: string): KubeConfig {
  const wrapped = Object.create(kc) as KubeConfig;
  wrapped.applyToFetchOptions = async (opts) => {
    const init = await kc.applyToFetchOptions(opts);
    return { ...init, headers: setHeader(init.headers, 'Accept', accept) };
  };
  return wrapped;
}

type FetchHeaders = NonNullable<Awaited<ReturnType<KubeConfig['applyToFetchOptions']>>['headers']>;

function setHeader(headers: FetchHeaders | undefined, name: string, value: string): FetchHeaders {
  // client-node builds a node-fetch Headers; accept the other HeadersInit shapes too.
  const h = headers as { set?: (n: string, v: string) => void } | undefined;
  if (h && typeof h.set === 'function') {
    h.set(name, value);
    return headers as FetchHeaders;
  }
  const out: Record<string, string> = {};
  const entries: Iterable<[string, string]> = Array.isArray(headers)
    ? (headers as string[][]).map(([k, v]) => [k ?? '', v ?? ''] as [string, string])
    : Object.entries((headers ?? {}) as Record<string, string>);
  for (const [k, v] of entries) if (k.toLowerCase() !== name.toLowerCase()) out[k] = v;
  out[name] = value;
  return out;
}

/** GET of a collection path (any group) with the KubeConfig's credentials; the raw JSON, timestamps as strings. */
async function listCollection(kc: KubeConfig, path: string, accept?: string): Promise<KubernetesListObject<KubernetesObject>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No currently active cluster');
  const init = await kc.applyToFetchOptions({});
  const headers = setHeader(init.headers, 'Accept', accept ?? 'application/json');
  const res = await fetch(cluster.server + path, { ...init, headers, method: 'GET' });
  const text = await res.text();
  if (!res.ok)
    throw new ApiException<string>(res.status, `list ${path}: HTTP ${res.status}`, text, Object.fromEntries(res.headers.entries()));
  return JSON.parse(text) as KubernetesListObject<KubernetesObject>;
}
