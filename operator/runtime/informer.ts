// An informer (list + watch + in-memory cache) for one resource type, on the operator's own client (kube/).
// It lists, then watches from the list's resourceVersion with bookmarks; a watch the server ends normally is
// resumed from the last resourceVersion seen (an event's or a BOOKMARK's); 410 Gone (an HTTP answer or an ERROR
// event) re-lists at once; any other error restarts after an exponential backoff (1 s .. 30 s), forever, until
// stop(), resuming from the last resourceVersion (or listing when there is none). A re-list reports what changed
// meanwhile: adds, updates (a new resourceVersion), deletes. Cached objects lose metadata.managedFields.
// A metadata-only informer asks the API server for PartialObjectMetadata (list and watch), so the cache holds
// metadata only: watching Secrets this way never keeps their data in memory.
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { keyOf, type ObjectRef } from './keys.js';
import type { KubeConfig } from './kube/kube-config.js';
import { objectApi, type ObjectApi } from './kube/object-api.js';
import type { KubernetesObject, WatchEvent } from './kube/types.js';
import { typeId, type KubeObject, type ResourceType } from './kube-object.js';
import { statusCodeOf } from './api-errors.js';
import type { Logger } from './logger.js';

/** Read access to an informer's cache. Objects are shared: never mutate them. */
export interface CacheReader<T extends KubeObject> {
  get(ref: ObjectRef): T | undefined;
  list(namespace?: string): readonly T[];
  /**
   * The objects whose index function (ControllerSpec.indexes) gave `value` for `index`; undefined when this cache
   * keeps no such index (a test's plain cache), so the caller filters `list()` instead.
   */
  byIndex?(index: string, value: string): readonly T[] | undefined;
}

/** An index function: the values an object is found under (client-go's IndexFunc). */
export type IndexFunc<T> = (obj: T) => readonly string[];

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
  /** Server-side watch timeout: random in [min, 2 min) seconds (default 300, as client-go's reflector). */
  minWatchTimeoutSeconds?: number;
}

/** Accept headers that make the API server answer with metadata only (what client-go's metadata informer sends). */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
export const METADATA_WATCH_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

class Gone extends Error {}

export class ResourceInformer<T extends KubeObject> implements CacheReader<T> {
  private readonly api: ObjectApi<KubernetesObject>;
  private readonly ns: string | undefined;
  private readonly clock: Clock;
  /** namespace ('' for cluster-scoped) → name → object. */
  private store = new Map<string, Map<string, T>>();
  private readonly handlers: InformerHandlers<T>[] = [];
  /** index name → its function, and value → object key (keys.ts) → object (kept with the store). */
  private readonly indexers = new Map<string, IndexFunc<T>>();
  private readonly indexes = new Map<string, Map<string, Map<string, T>>>();
  private resourceVersion = '';
  private failures = 0;
  private stopped = true;
  private synced = false;
  private syncWaiters: Array<() => void> = [];
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private wait: { timer: TimerHandle; wake: () => void } | undefined;

  constructor(
    kc: KubeConfig,
    readonly type: ResourceType,
    private readonly opts: ResourceInformerOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.ns = type.namespaced === false ? undefined : opts.namespace || undefined;
    this.api = objectApi(kc, type);
  }

  /** The type id, with a "#metadata" suffix for a metadata-only informer. */
  get id(): string {
    return informerId(this.type, this.opts.metadataOnly);
  }

  get metadataOnly(): boolean {
    return this.opts.metadataOnly === true;
  }

  on(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Keeps the objects findable by `fn`'s values (byIndex). Add before start; adding one twice keeps the first. */
  addIndex(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, fn);
    const values = new Map<string, Map<string, T>>();
    this.indexes.set(name, values);
    for (const objects of this.store.values()) for (const o of objects.values()) this.indexAdd(name, fn, o);
  }

  byIndex(index: string, value: string): readonly T[] | undefined {
    const values = this.indexes.get(index);
    if (!values) return undefined;
    const hit = values.get(value);
    return hit ? [...hit.values()] : [];
  }

  private indexAdd(name: string, fn: IndexFunc<T>, o: T): void {
    const values = this.indexes.get(name)!;
    for (const v of fn(o)) {
      let objects = values.get(v);
      if (!objects) values.set(v, (objects = new Map()));
      objects.set(keyOf(o), o);
    }
  }

  private indexRemove(name: string, fn: IndexFunc<T>, o: T): void {
    const values = this.indexes.get(name)!;
    for (const v of fn(o)) {
      const objects = values.get(v);
      if (!objects?.delete(keyOf(o))) continue;
      if (!objects.size) values.delete(v);
    }
  }

  get(ref: ObjectRef): T | undefined {
    const ns = this.type.namespaced === false ? '' : (ref.namespace ?? '');
    return this.store.get(ns)?.get(ref.name);
  }

  list(namespace?: string): readonly T[] {
    if (namespace) return [...(this.store.get(namespace)?.values() ?? [])];
    const out: T[] = [];
    for (const m of this.store.values()) for (const o of m.values()) out.push(o);
    return out;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Starts listing and watching; resolves once the first list has filled the cache (or on stop). */
  async start(): Promise<void> {
    if (this.stopped) {
      this.stopped = false;
      this.loop = this.run();
    }
    return this.waitForSync();
  }

  waitForSync(): Promise<void> {
    if (this.synced || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    if (this.wait) {
      this.clock.clearTimeout(this.wait.timer);
      this.wait.wake();
    }
    this.syncWaiters.splice(0).forEach((w) => w());
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // one controller per attempt: stop() aborts the list or the watch in flight
      const abort = (this.abort = new AbortController());
      try {
        if (!this.resourceVersion) await this.relist(abort.signal);
        await this.watch(abort.signal);
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof Gone || statusCodeOf(err) === 410) {
          this.resourceVersion = '';
          continue;
        }
        const delay = backoffDelay(this.failures++, this.opts.backoff ?? { ...defaultBackoff, maxMs: 30_000 });
        this.opts.log.warn('informer stopped on error; restarting', { resource: this.id, delayMs: delay, err });
        await this.sleep(delay);
        if (this.stopped) break;
        this.opts.onRestart?.();
      }
    }
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const list = await this.api.list(this.ns, { accept: this.metadataOnly ? METADATA_LIST_ACCEPT : undefined, signal });
    if (this.stopped) return;
    this.failures = 0;
    const fresh = new Set<string>();
    for (const item of list.items ?? []) {
      const o = slim(item) as T;
      fresh.add(`${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`);
      this.upsert(o);
    }
    for (const [ns, objects] of this.store) {
      for (const [name, o] of objects) if (!fresh.has(`${ns}/${name}`)) this.remove(o);
    }
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    if (!this.synced) {
      this.synced = true;
      this.syncWaiters.splice(0).forEach((w) => w());
    }
  }

  private async watch(signal: AbortSignal): Promise<void> {
    if (this.stopped) return;
    const min = this.opts.minWatchTimeoutSeconds ?? 300;
    await this.api.watch(
      this.ns,
      {
        resourceVersion: this.resourceVersion,
        accept: this.metadataOnly ? METADATA_WATCH_ACCEPT : undefined,
        timeoutSeconds: Math.floor(min * (1 + Math.random())),
        signal,
      },
      (e) => this.onEvent(e as WatchEvent),
    );
  }

  private onEvent(e: WatchEvent): void {
    if (this.stopped) return;
    if (e.type === 'ERROR') {
      const status = e.object as { code?: number; message?: string };
      if (status.code === 410) throw new Gone(status.message ?? 'resource version too old');
      throw Object.assign(new Error(`watch ${this.id}: ${status.message ?? 'ERROR event'}`), { code: status.code });
    }
    this.failures = 0;
    const o = slim(e.object) as T;
    if (e.type === 'ADDED' || e.type === 'MODIFIED') this.upsert(o);
    else if (e.type === 'DELETED') this.remove(o);
    const rv = o.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
  }

  private upsert(o: T): void {
    const ns = o.metadata?.namespace ?? '';
    const name = o.metadata?.name ?? '';
    let objects = this.store.get(ns);
    if (!objects) this.store.set(ns, (objects = new Map()));
    const old = objects.get(name);
    if (old && old.metadata?.resourceVersion !== undefined && old.metadata.resourceVersion === o.metadata?.resourceVersion) return;
    objects.set(name, o);
    for (const [index, fn] of this.indexers) {
      if (old) this.indexRemove(index, fn, old);
      this.indexAdd(index, fn, o);
    }
    this.emit(old ? 'update' : 'add', o);
  }

  private remove(o: T): void {
    const ns = o.metadata?.namespace ?? '';
    const objects = this.store.get(ns);
    const held = objects?.get(o.metadata?.name ?? '');
    if (!objects || !held) return;
    objects.delete(o.metadata?.name ?? '');
    if (objects.size === 0) this.store.delete(ns);
    for (const [index, fn] of this.indexers) this.indexRemove(index, fn, held);
    this.emit('delete', o);
  }

  private emit(what: keyof InformerHandlers<T>, o: T): void {
    for (const h of this.handlers) {
      try {
        h[what]?.(o);
      } catch (err) {
        this.opts.log.error('informer handler failed', { resource: this.id, event: what, err });
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const timer = this.clock.setTimeout(() => {
        this.wait = undefined;
        wake();
      }, ms);
      this.wait = { timer, wake };
    });
  }
}

/** The object as cached: without metadata.managedFields (the parsed answer is ours to change). */
function slim(o: KubernetesObject): KubernetesObject {
  if (o.metadata?.managedFields) delete o.metadata.managedFields;
  return o;
}

/** The key the manager shares informers under: one per (type, metadataOnly). */
export function informerId(type: Pick<ResourceType, 'group' | 'version' | 'plural'>, metadataOnly?: boolean): string {
  return metadataOnly ? `${typeId(type)}#metadata` : typeId(type);
}
