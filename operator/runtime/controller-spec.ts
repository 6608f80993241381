// The contract between the runtime and a kind: what a kind registers (ControllerSpec) and what its
// reconcile function receives (ReconcileContext). Everything a reconciler needs comes through the context;
// it never builds Kubernetes clients, loggers or metrics of its own.
import type { EventRecorder } from './events.js';
import type { Finalizers } from './finalizers.js';
import type { CacheReader, IndexFunc } from './informer.js';
import type { ObjectRef } from './keys.js';
import type { CustomObject, KubeObject, ResourceType } from './kube-object.js';
import type { Logger } from './logger.js';
import type { OperatorMetrics } from './metrics.js';
import type { ResourceClient } from './resource-client.js';
import type { ReconcileResult } from './result.js';
import type { StatusOf, StatusUpdate, StatusWriteResult } from './status-writer.js';

/** Another resource type whose changes wake reconciles of this kind (a CceCluster wakes its CceNodePools). */
export interface WatchSpec<T extends KubeObject = KubeObject> extends ResourceType {
  /**
   * Watch metadata only (PartialObjectMetadata: no spec, status or data in memory), e.g. Secrets. `changed`
   * then carries `metadata` only, and so does this type's cache seen through `lookup`/`list` (unless another
   * controller watches the same type in full).
   */
  metadataOnly?: boolean;
  /** Keys ("namespace/name") of this kind's objects to reconcile when `changed` is added/updated/deleted. */
  map(changed: KubeObject, own: CacheReader<T>): readonly string[];
}

export interface ControllerSpec<T extends CustomObject = CustomObject> extends ResourceType {
  /**
   * One pass for one object, read from the informer cache (never stale by more than the watch delay, never
   * mutated: copy before editing). Return a ReconcileResult (`stable()`, `requeueAfter(ms)`, ...) or throw
   * RequeueAfter / Terminal / NotFound / any error (transient: retried with backoff). A thrown error is
   * also recorded as one Warning Event (reason: the error's `reason` property, else "ReconcileError"),
   * so do not record a second one for it.
   */
  reconcile(key: string, obj: T, ctx: ReconcileContext<T>): Promise<ReconcileResult | void>;
  /** Other resource types that wake this kind's reconciles. */
  watches?: readonly WatchSpec<T>[];
  /**
   * Indexes of this kind's cache (name → function), read with `cache.byIndex` by the reconciler and the watch
   * mappers: finding the objects that claim a cloud id or reference a cluster without scanning every object.
   */
  indexes?: Readonly<Record<string, IndexFunc<T>>>;
  /** Called once the object has left the cache (deletion finished): drop per-key state. */
  forget?(key: string): void;
  /**
   * How long until the cloud budget of `obj` has spare capacity again (ms, 0 = it has). While it is > 0, a due
   * stable resync of `obj` is put off without a reconcile, so new and changed objects get the budget first.
   * Absent: resyncs never wait.
   */
  resyncGate?(obj: T, ctx: ReconcileContext<T>): number;
  /** Concurrent reconciles for this kind (default: the manager's --workers). */
  workers?: number;
  /**
   * Cache this kind metadata-only (e.g. a controller of Secrets that must not hold their data): `obj` then
   * carries `metadata` only. ctx.status/finalizers/client work for custom resources only (CustomObjectsApi).
   */
  metadataOnly?: boolean;
}

export interface StatusHelper<T extends CustomObject> {
  /** Makes status equal `update` with a conflict-safe merge patch; no request when nothing changed. */
  write(obj: T, update: StatusUpdate<StatusOf<T>, T>): Promise<StatusWriteResult<T>>;
}

export interface ReconcileContext<T extends CustomObject = CustomObject> {
  /** "namespace/name" (or "name" for cluster-scoped kinds). */
  readonly key: string;
  readonly ref: ObjectRef;
  /** Child logger with `kind`, `key` and `reconcileId`; add `requestId` for cloud calls. */
  readonly log: Logger;
  /** The refresh annotation carries a value not handled before: re-read everything, skip local caches. */
  readonly refreshRequested: boolean;
  /** Aborted when shutdown's grace period ends: stop starting cloud operations. */
  readonly signal: AbortSignal;
  readonly status: StatusHelper<T>;
  readonly finalizers: Finalizers<T>;
  /** Events about this object (core/v1 Event, aggregated). */
  readonly events: EventRecorder;
  readonly metrics: OperatorMetrics;
  /** Direct API access for this kind (fresh reads, metadata/spec patches). */
  readonly client: ResourceClient<T>;
  /** This kind's informer cache. */
  readonly cache: CacheReader<T>;
  /** Reads another registered or watched kind's cache, e.g. a node pool's CceCluster. */
  lookup<O extends KubeObject = KubeObject>(type: Pick<ResourceType, 'group' | 'version' | 'plural'>, ref: ObjectRef): O | undefined;
  /**
   * Lists another registered or watched kind's cache (one namespace, or all), e.g. the metadata of watched
   * Secrets. Empty when the manager runs no informer for that type.
   */
  list<O extends KubeObject = KubeObject>(type: Pick<ResourceType, 'group' | 'version' | 'plural'>, namespace?: string): readonly O[];
  now(): Date;
  /** The object is Ready for `generation`: observes the time since the operator first saw that generation. */
  readyFor(generation: number | undefined): void;
}
