// One kind's controller: informer events -> work queue -> N workers -> reconcile -> queue action.
// The controller gets its cache, client and sinks injected, so unit tests drive it with fakes and a fake clock.
import { randomUUID } from 'node:crypto';
import type { BackoffPolicy } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import type { ControllerSpec, ReconcileContext } from './controller-spec.js';
import { ChangeFilter } from './event-filter.js';
import { bindRecorder, type EventSink } from './events.js';
import { Finalizers } from './finalizers.js';
import type { CacheReader } from './informer.js';
import { keyOf, parseKey } from './keys.js';
import type { CustomObject, KubeObject, ResourceType } from './kube-object.js';
import type { Logger } from './logger.js';
import { controllerName, type OperatorMetrics } from './metrics.js';
import { toQueueAction, type QueueAction, type ReconcileOutcome } from './queue-action.js';
import { ReadyTimer } from './ready-timer.js';
import { reasonOf } from './result.js';
import type { ResourceClient } from './resource-client.js';
import { RefreshTracker, type ResyncPolicy } from './resync.js';
import { StatusWriter } from './status-writer.js';
import { WorkQueue } from './work-queue.js';

/** The shortest time a put-off resync waits before it looks at the cloud budget again. */
const RESYNC_RECHECK_MS = 5_000;

export interface ControllerDeps<T extends CustomObject> {
  cache: CacheReader<T>;
  client: ResourceClient<T>;
  events: EventSink;
  metrics: OperatorMetrics;
  log: Logger;
  resync: ResyncPolicy;
  backoff: BackoffPolicy;
  workers: number;
  lookup: ReconcileContext<T>['lookup'];
  list: ReconcileContext<T>['list'];
  clock?: Clock;
  random?: () => number;
}

export class Controller<T extends CustomObject = CustomObject> {
  readonly queue: WorkQueue;
  private readonly clock: Clock;
  private readonly changes = new ChangeFilter();
  private readonly refresh = new RefreshTracker();
  private readonly readyTimer = new ReadyTimer();
  /** The `controller` / `name` label of this kind's metrics. */
  private readonly name: string;
  private readonly jobs = new Set<string>();
  /** Keys whose pending pass is a stable resync (put off while the cloud budget is busy); any other add clears it. */
  private readonly resyncs = new Set<string>();
  private readonly abort = new AbortController();
  private readonly status: StatusWriter<T>;
  private readonly finalizers: Finalizers<T>;
  private workers: Promise<void>[] = [];

  constructor(
    readonly spec: ControllerSpec<T>,
    private readonly deps: ControllerDeps<T>,
  ) {
    this.clock = deps.clock ?? systemClock;
    const m = deps.metrics;
    const name = (this.name = controllerName(spec.kind));
    const depth = m.queueDepth.labels({ name });
    depth.set(0);
    m.jobsInFlight.set({ controller: name }, 0);
    m.activeWorkers.set({ controller: name }, 0);
    for (const result of ['success', 'error', 'requeue', 'requeue_after'] as const) m.reconciles.inc({ controller: name, result }, 0);
    m.reconcileErrors.inc({ controller: name }, 0);
    m.resyncsDeferred.inc({ controller: name }, 0);
    m.terminalErrors.inc({ controller: name }, 0);
    const adds = m.queueAdds.labels({ name });
    const waited = m.queueDuration.labels({ name });
    const worked = m.workDuration.labels({ name });
    const retries = m.queueRetries.labels({ name });
    this.queue = new WorkQueue({
      clock: this.clock,
      backoff: deps.backoff,
      onDepth: (d) => depth.set(d),
      observer: {
        added: () => adds.inc(),
        waited: (s) => waited.observe(s),
        worked: (s) => worked.observe(s),
        retried: () => retries.inc(),
      },
    });
    m.addQueue(name, this.queue);
    this.status = new StatusWriter<T>(deps.client);
    this.finalizers = new Finalizers<T>(deps.client);
  }

  // ---- event handlers (wired to this kind's informer) ----
  readonly onUpsert = (obj: T): void => {
    const key = keyOf(obj);
    if (!this.changes.changed(key, obj)) return;
    this.readyTimer.seen(key, obj.metadata?.generation, this.clock.now());
    this.queue.forget(key); // a user change deserves a prompt retry, not the accumulated backoff
    this.add(key);
  };

  readonly onDelete = (obj: T): void => {
    const key = keyOf(obj);
    this.changes.forget(key);
    this.readyTimer.forget(key);
    this.add(key);
  };

  /** For watched kinds: enqueue whatever the mapper returns. */
  enqueueMapped(changed: KubeObject, map: (o: KubeObject, own: CacheReader<T>) => readonly string[]): void {
    try {
      for (const key of map(changed, this.deps.cache)) this.add(key);
    } catch (err) {
      this.deps.log.error('watch mapper failed', { kind: this.spec.kind, changed: keyOf(changed), err });
    }
  }

  enqueue(key: string): void {
    this.add(key);
  }

  /** A pass for a reason other than a stable resync: never put off. */
  private add(key: string): void {
    this.resyncs.delete(key);
    this.queue.add(key);
  }

  // ---- lifecycle ----
  start(): void {
    const n = Math.max(1, this.spec.workers ?? this.deps.workers);
    this.deps.metrics.maxConcurrentReconciles.set({ controller: this.name }, n);
    this.workers = Array.from({ length: n }, () => this.work());
  }

  /** Stops handing out keys; waits up to `timeoutMs` for in-flight reconciles, then aborts their signal. */
  async stop(timeoutMs: number): Promise<boolean> {
    this.queue.shutDown();
    let timer: unknown;
    const timedOut = new Promise<boolean>((resolve) => (timer = this.clock.setTimeout(() => resolve(false), timeoutMs)));
    const finished = await Promise.race([Promise.all(this.workers).then(() => true), timedOut]);
    this.clock.clearTimeout(timer);
    if (!finished) this.abort.abort(new Error('shutdown grace period ended'));
    return finished;
  }

  private async work(): Promise<void> {
    const active = this.deps.metrics.activeWorkers.labels({ controller: this.name });
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      active.inc();
      try {
        await this.process(key);
      } catch (err) {
        this.deps.log.error('reconcile bookkeeping failed', { kind: this.spec.kind, key, err });
      } finally {
        active.dec();
        this.queue.done(key);
      }
    }
  }

  /** One reconcile of `key`, exposed for tests. */
  async process(key: string): Promise<QueueAction | undefined> {
    const obj = this.deps.cache.get(parseKey(key));
    if (!obj) return this.gone(key);
    const ctx = this.context(key, obj);
    const deferred = this.deferResync(key, obj, ctx);
    if (deferred) return deferred;
    const started = this.clock.now();
    let outcome: { result: Awaited<ReturnType<ControllerSpec<T>['reconcile']>> } | { error: unknown };
    try {
      outcome = { result: await this.spec.reconcile(key, obj, ctx) };
    } catch (error) {
      outcome = { error };
    }
    const action = toQueueAction(outcome, this.deps.resync, this.deps.random);
    this.count(action.outcome);
    this.deps.metrics.reconcileTime.observe({ controller: this.name }, (this.clock.now() - started) / 1000);
    this.apply(key, obj, action, 'error' in outcome ? outcome.error : undefined, ctx);
    return action;
  }

  private apply(key: string, obj: T, action: QueueAction, error: unknown, ctx: ReconcileContext<T>): void {
    const log = ctx.log;
    switch (action.kind) {
      case 'schedule':
        this.queue.forget(key);
        if (action.background) this.resyncs.add(key);
        else this.resyncs.delete(key);
        this.queue.addAfter(key, action.delayMs);
        this.setJob(key, action.jobInFlight);
        log.debug('reconciled', { outcome: action.outcome, nextInMs: action.delayMs });
        return;
      case 'backoff': {
        const delayMs = this.queue.addRateLimited(key);
        log.warn('reconcile failed; retrying with backoff', {
          err: error,
          requestId: requestIdOf(error),
          delayMs,
          failures: this.queue.failures(key),
        });
        this.warn(obj, error);
        return;
      }
      case 'drop':
        this.queue.forget(key);
        this.setJob(key, false);
        if (action.outcome === 'terminal') {
          log.warn('reconcile failed terminally; waiting for a change', { err: error, requestId: requestIdOf(error) });
          this.warn(obj, error);
        }
        return;
    }
  }

  /**
   * A stable resync while the object's cloud budget has no spare capacity (`spec.resyncGate`): put off without a
   * reconcile (no call, no write) for 5 s or that wait, whichever is longer, plus up to half again. New and changed
   * objects get the budget first, and a fleet whose resyncs alone exceed it slows its resyncs, not its convergence.
   */
  private deferResync(key: string, obj: T, ctx: ReconcileContext<T>): QueueAction | undefined {
    if (!this.resyncs.has(key)) return undefined;
    const wait = this.spec.resyncGate?.(obj, ctx) ?? 0;
    if (wait <= 0) {
      this.resyncs.delete(key);
      return undefined;
    }
    const random = this.deps.random ?? Math.random;
    const delayMs = Math.round(Math.max(RESYNC_RECHECK_MS, wait) * (1 + random() / 2));
    this.queue.addAfter(key, delayMs);
    this.deps.metrics.resyncsDeferred.inc({ controller: this.name });
    return { kind: 'schedule', outcome: 'requeue', delayMs, jobInFlight: false, background: true };
  }

  /** One Warning Event for a failed pass; the request id of a failed cloud call goes to its annotation. */
  private warn(obj: T, error: unknown): void {
    this.deps.events.record(obj, 'Warning', reasonOf(error), error instanceof Error ? error.message : String(error), {
      requestId: requestIdOf(error),
    });
  }

  private gone(key: string): undefined {
    this.queue.cancel(key);
    this.resyncs.delete(key);
    this.setJob(key, false);
    this.refresh.forget(key);
    this.spec.forget?.(key);
    this.readyTimer.forget(key);
    this.count('not_found');
    return undefined;
  }

  /** controller-runtime's result labels: a terminal error is an error too (and counted as terminal). */
  private count(outcome: ReconcileOutcome): void {
    const m = this.deps.metrics;
    const controller = this.name;
    const result =
      outcome === 'terminal' ? 'error' : outcome === 'not_found' ? 'success' : outcome === 'requeue' ? 'requeue_after' : outcome;
    m.reconciles.inc({ controller, result });
    if (result === 'error') m.reconcileErrors.inc({ controller });
    if (outcome === 'terminal') m.terminalErrors.inc({ controller });
  }

  private setJob(key: string, running: boolean): void {
    if (running) this.jobs.add(key);
    else this.jobs.delete(key);
    this.deps.metrics.jobsInFlight.set({ controller: this.name }, this.jobs.size);
  }

  private context(key: string, obj: T): ReconcileContext<T> {
    const d = this.deps;
    return {
      key,
      ref: parseKey(key),
      log: d.log.child({ kind: this.spec.kind, key, reconcileId: randomUUID().slice(0, 8) }),
      refreshRequested: this.refresh.take(key, obj),
      signal: this.abort.signal,
      status: this.status,
      finalizers: this.finalizers,
      events: bindRecorder(d.events, obj),
      metrics: d.metrics,
      client: d.client,
      cache: d.cache,
      lookup: d.lookup,
      list: d.list,
      now: () => new Date(this.clock.now()),
      readyFor: (generation) => {
        const seconds = this.readyTimer.ready(key, generation, this.clock.now());
        if (seconds !== undefined) d.metrics.timeToReady.observe({ controller: this.name }, seconds);
      },
    };
  }
}

export function describeType(t: ResourceType): string {
  return `${t.kind} (${t.plural}.${t.group}/${t.version})`;
}

/** The request id an error (or one of its causes: a Terminal wrapping a CCE error) carries. */
export function requestIdOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const id = (e as { requestId?: unknown }).requestId;
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}
