// An informer (list + watch + in-memory cache) for one resource type, built on client-node's makeInformer.
// client-node re-watches after a normal close and re-lists after 410 Gone, but after any other error it
// just stops: this wrapper restarts it with exponential backoff, forever, until stop().
import {
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
}

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
    const api = kc.makeApiClient(CustomObjectsApi);
    const { group, version, plural } = type;
    const ns = type.namespaced === false ? undefined : opts.namespace || undefined;
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const result = (ns
        ? await api.listNamespacedCustomObject({ group, version, plural, namespace: ns })
        : await api.listClusterCustomObject({ group, version, plural })) as KubernetesListObject<KubernetesObject>;
      this.failures = 0;
      // The cache is filled synchronously right after this promise resolves; report sync after that.
      setImmediate(() => this.markSynced());
      return result;
    };
    this.inner = makeInformer<KubernetesObject>(kc, collectionPath(type, ns), list);
    this.inner.on('error', (err: unknown) => this.onError(err));
  }

  get id(): string {
    return typeId(this.type);
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
