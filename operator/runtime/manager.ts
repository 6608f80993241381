// The Manager: registers kinds, and — while this process is the leader (or always, without leader election)
// — runs one shared informer per (resource type, metadata-only), one Controller per kind, and the HTTP
// server. stop() is the graceful shutdown: stop taking work, let in-flight reconciles finish (bounded),
// release the Lease.
import type { KubeConfig } from './kube/kube-config.js';
import type { BackoffPolicy } from './backoff.js';
import { Controller, describeType } from './controller.js';
import type { ControllerSpec, ReconcileContext } from './controller-spec.js';
import { KubeEventSink, type EventSink } from './events.js';
import { startHttpServer, type RunningServer } from './http-server.js';
import { informerId, ResourceInformer } from './informer.js';
import { type CustomObject, type KubeObject, type ResourceType } from './kube-object.js';
import { LeaderElector } from './leader-election.js';
import { KubeLeaseStore } from './lease-store.js';
import { createLogger, type Logger } from './logger.js';
import { OperatorMetrics } from './metrics.js';
import { CustomResourceClient } from './resource-client.js';
import { countWrites } from './write-counter.js';

/** The settings the manager reads; operator/config.ts's OperatorConfig satisfies this. */
export interface ManagerSettings {
  namespace: string;
  workers: number;
  leaderElect: boolean;
  leaseName: string;
  leaseNamespace: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  identity: string;
  metricsAddr: string;
  resyncStableMs: number;
  resyncActiveMs: number;
  resyncJitter: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  shutdownTimeoutMs: number;
}

export interface ManagerOptions {
  kubeConfig: KubeConfig;
  settings: ManagerSettings;
  log?: Logger;
  metrics?: OperatorMetrics;
  events?: EventSink;
  /** Leadership was lost: this process must not reconcile any more. Default: stop and exit(1). */
  onLeadershipLost?: () => void;
}

export class Manager {
  readonly log: Logger;
  readonly metrics: OperatorMetrics;
  readonly events: EventSink;
  private readonly specs: ControllerSpec<CustomObject>[] = [];
  private readonly informers = new Map<string, ResourceInformer<KubeObject>>();
  private readonly controllers: Controller<CustomObject>[] = [];
  private elector: LeaderElector | undefined;
  private server: RunningServer | undefined;
  private leading = false;
  private synced = false;
  private stopping = false;
  private lost = false;
  private leadingWaiters: Array<() => void> = [];
  private readonly stopCounting: () => void;

  constructor(private readonly opts: ManagerOptions) {
    this.log = opts.log ?? createLogger();
    this.metrics = opts.metrics ?? new OperatorMetrics();
    this.stopCounting = countWrites(opts.kubeConfig, this.metrics.recordWrite);
    this.events =
      opts.events ?? new KubeEventSink(opts.kubeConfig, { component: 'cce-operator', instance: opts.settings.identity, log: this.log });
  }

  /** Adds a kind. Call before start(). */
  register<T extends CustomObject>(spec: ControllerSpec<T>): void {
    if (this.leading) throw new Error('register() must be called before start()');
    this.specs.push(spec as unknown as ControllerSpec<CustomObject>);
  }

  /** Starts the HTTP server and, with leader election, campaigns in the background. */
  async start(): Promise<void> {
    const s = this.opts.settings;
    this.server = await startHttpServer(s.metricsAddr, this.metrics, { healthy: () => !this.lost, ready: () => this.ready() }, this.log);
    if (!s.leaderElect) return this.lead();
    this.elector = new LeaderElector(new KubeLeaseStore(this.opts.kubeConfig, s.leaseNamespace, s.leaseName), {
      identity: s.identity,
      leaseDurationMs: s.leaseDurationMs,
      renewDeadlineMs: s.renewDeadlineMs,
      retryPeriodMs: s.retryPeriodMs,
      log: this.log,
      onStartedLeading: () => void this.lead().catch((err: unknown) => this.log.error('failed to start controllers', { err })),
      onStoppedLeading: () => void this.onLost(),
    });
    void this.elector.run();
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The HTTP server's port (useful with --metrics-addr=127.0.0.1:0), or undefined when disabled. */
  httpPort(): number | undefined {
    return this.server?.port;
  }

  /** Ready: caches synced while leading, or standing by. */
  ready(): boolean {
    return !this.stopping && !this.lost && (this.leading ? this.synced : Boolean(this.elector));
  }

  /** Resolves once this process leads and its caches are synced (tests, main). */
  whenLeading(): Promise<void> {
    if (this.leading && this.synced) return Promise.resolve();
    return new Promise((resolve) => this.leadingWaiters.push(resolve));
  }

  /** Reads any informer cache the manager runs (the full one when a type is also watched metadata-only). */
  readonly lookup: ReconcileContext['lookup'] = <O extends KubeObject>(
    type: Pick<ResourceType, 'group' | 'version' | 'plural'>,
    ref: { namespace?: string; name: string },
  ) => this.cacheOf(type)?.get(ref) as O | undefined;

  /** Lists any informer cache the manager runs; empty when there is none for `type`. */
  readonly list: ReconcileContext['list'] = <O extends KubeObject>(
    type: Pick<ResourceType, 'group' | 'version' | 'plural'>,
    namespace?: string,
  ) => (this.cacheOf(type)?.list(namespace) ?? []) as readonly O[];

  /** Graceful shutdown: stop taking work, finish in-flight reconciles (bounded), flush events, release the Lease. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const timeout = this.opts.settings.shutdownTimeoutMs;
    this.log.info('shutting down', { inFlight: this.controllers.reduce((n, c) => n + c.queue.inFlight(), 0), timeoutMs: timeout });
    const finished = await Promise.all(this.controllers.map((c) => c.stop(timeout)));
    if (finished.includes(false)) this.log.warn('shutdown grace period ended with reconciles still running');
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    await (this.events as { flush?: () => Promise<void> }).flush?.();
    await this.elector?.stop();
    this.leading = false;
    this.metrics.isLeader.set(0);
    await this.server?.close();
    this.stopCounting();
    this.log.info('stopped');
  }

  /** SIGTERM/SIGINT -> stop() -> exit. */
  handleSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: string) => {
      this.log.info('received signal', { signal });
      this.stop().then(
        () => exit(0),
        (err: unknown) => {
          this.log.error('shutdown failed', { err });
          exit(1);
        },
      );
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  }

  private async lead(): Promise<void> {
    if (this.stopping) return;
    this.leading = true;
    this.metrics.isLeader.set(1);
    const s = this.opts.settings;
    for (const spec of this.specs) {
      const own = this.informerFor<CustomObject>(spec, spec.metadataOnly === true);
      for (const [name, fn] of Object.entries(spec.indexes ?? {})) own.addIndex(name, fn);
      const ctl = new Controller<CustomObject>(spec, {
        cache: own,
        client: new CustomResourceClient(this.opts.kubeConfig, spec),
        events: this.events,
        metrics: this.metrics,
        log: this.log,
        resync: { stableMs: s.resyncStableMs, activeMs: s.resyncActiveMs, jitterFraction: s.resyncJitter },
        backoff: { baseMs: s.backoffBaseMs, maxMs: s.backoffMaxMs } satisfies BackoffPolicy,
        workers: s.workers,
        lookup: this.lookup,
        list: this.list,
      });
      own.on({ add: ctl.onUpsert, update: ctl.onUpsert, delete: ctl.onDelete });
      for (const w of spec.watches ?? []) {
        const enqueue = (o: KubeObject) => ctl.enqueueMapped(o, w.map);
        this.informerFor(w, w.metadataOnly === true).on({ add: enqueue, update: enqueue, delete: enqueue });
      }
      this.controllers.push(ctl);
      this.log.info('registered controller', { controller: describeType(spec) });
    }
    await Promise.all([...this.informers.values()].map((i) => i.start()));
    if (this.stopping) return;
    this.synced = true;
    this.controllers.forEach((c) => c.start());
    this.log.info('caches synced; controllers running', { kinds: this.specs.map((x) => x.kind) });
    this.leadingWaiters.splice(0).forEach((w) => w());
  }

  private cacheOf(type: Pick<ResourceType, 'group' | 'version' | 'plural'>): ResourceInformer<KubeObject> | undefined {
    return this.informers.get(informerId(type, false)) ?? this.informers.get(informerId(type, true));
  }

  /** One shared informer per (type, metadataOnly). */
  private informerFor<T extends KubeObject>(type: ResourceType, metadataOnly = false): ResourceInformer<T> {
    const id = informerId(type, metadataOnly);
    let inf = this.informers.get(id);
    if (!inf) {
      inf = new ResourceInformer<KubeObject>(this.opts.kubeConfig, type, {
        namespace: this.opts.settings.namespace,
        log: this.log,
        metadataOnly,
        onRestart: () => this.metrics.informerRestarts.inc({ resource: id }),
      });
      this.informers.set(id, inf);
    }
    return inf as unknown as ResourceInformer<T>;
  }

  private async onLost(): Promise<void> {
    this.lost = true;
    this.leading = false;
    this.metrics.isLeader.set(0);
    await this.stop();
    if (this.opts.onLeadershipLost) return this.opts.onLeadershipLost();
    this.log.error('exiting after losing leadership');
    process.exit(1);
  }
}
