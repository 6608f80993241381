// A harness that runs the managed ladder for one object with plain fakes: an in-memory object store behind the
// status / finalizer helpers, an Event log, caches for lookups, a function-record fake of the kind's External, and a
// fake cloud client factory. No apiserver, no HTTP.
import type { CceClient } from '../../../../operator/cloud/index.js';
import type { ReconcileContext } from '../../../../operator/runtime/controller-spec.js';
import type { CustomObject, KubeObject } from '../../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../../operator/runtime/logger.js';
import { mergePatch } from '../../../../operator/runtime/merge-patch.js';
import { typeId } from '../../../../operator/runtime/kube-object.js';
import { CloudClients } from '../../../../operator/resources/cloud-clients.js';
import type { CredentialsError } from '../../../../operator/resources/credentials.js';
import type { External, ManagedKind, ManagedObject } from '../../../../operator/resources/managed/kind.js';
import { Ladder, type ManagedDeps } from '../../../../operator/resources/managed/reconciler.js';
import type { ReconcileResult } from '../../../../operator/runtime/result.js';

export interface Call {
  verb: string;
  args: unknown[];
}

/** The External as plain functions; each call is recorded. Unset verbs throw (a scenario must say what it expects). */
export type ExternalFns<O, R> = { [K in keyof External<O, R>]?: External<O, R>[K] };

export class World<O extends ManagedObject, R> {
  obj: O;
  /** Other objects of the same kind (ownership), keyed namespace/name. */
  readonly peers: O[] = [];
  /** Objects of other types for ctx.lookup / ctx.list, by type id. */
  readonly others = new Map<string, KubeObject[]>();
  readonly events: { type: 'Normal' | 'Warning'; reason: string; message: string }[] = [];
  readonly calls: Call[] = [];
  statusWrites = 0;
  /** Generations the ladder reported Ready for (ctx.readyFor). */
  readonly readyFor: (number | undefined)[] = [];
  connects = 0;
  /** forObject throws this (credentials) when set. */
  credentialsError: CredentialsError | undefined;
  jobs = new Map<string, { phase: string; reason?: string }>();
  /** The jobs of creates sent in this world (what managedController keeps across passes). */
  readonly createJobs = new Map<string, string>();
  secretFinalizerCalls: { op: 'add' | 'remove'; name: string }[] = [];
  now = new Date('2026-12-05T08:00:00Z');
  fns: ExternalFns<O, R> = {};

  constructor(obj: O) {
    this.obj = structuredClone(obj);
  }

  put(type: { group: string; version: string; plural: string }, o: KubeObject): void {
    const id = typeId(type);
    this.others.set(id, [...(this.others.get(id) ?? []).filter((x) => x.metadata?.name !== o.metadata?.name), o]);
  }

  verbs(): string[] {
    return this.calls.map((c) => c.verb);
  }

  count(verb: string): number {
    return this.calls.filter((c) => c.verb === verb).length;
  }

  condition(type: string): { status: string; reason: string; message: string } | undefined {
    return (this.obj.status?.conditions as { type: string; status: string; reason: string; message: string }[] | undefined)?.find(
      (c) => c.type === type,
    );
  }

  deleted(): boolean {
    return !!this.obj.metadata?.deletionTimestamp && !(this.obj.metadata?.finalizers ?? []).length;
  }

  external(): External<O, R> {
    const record =
      <K extends keyof External<O, R>>(verb: K) =>
      (...args: unknown[]) => {
        this.calls.push({ verb, args });
        const fn = this.fns[verb] as ((...a: unknown[]) => unknown) | undefined;
        if (!fn) throw new Error(`unexpected cloud call ${verb}`);
        return fn(...args);
      };
    return {
      observe: record('observe') as External<O, R>['observe'],
      find: record('find') as External<O, R>['find'],
      create: record('create') as External<O, R>['create'],
      update: record('update') as External<O, R>['update'],
      delete: record('delete') as External<O, R>['delete'],
      nameHolder: record('nameHolder') as NonNullable<External<O, R>['nameHolder']>,
    };
  }

  ctx(): ReconcileContext<CustomObject> {
    const list = (type: { group: string; version: string; plural: string }, ns?: string) =>
      (this.others.get(typeId(type)) ?? []).filter((o) => !ns || o.metadata?.namespace === ns);
    const editFinalizers = async (change: (l: string[]) => string[]) => {
      this.obj = { ...this.obj, metadata: { ...this.obj.metadata, finalizers: change(this.obj.metadata?.finalizers ?? []) } };
      return structuredClone(this.obj);
    };
    return {
      key: `${this.obj.metadata?.namespace}/${this.obj.metadata?.name}`,
      ref: { namespace: this.obj.metadata?.namespace ?? 'default', name: this.obj.metadata?.name ?? '' },
      log: silentLogger(),
      refreshRequested: false,
      signal: new AbortController().signal,
      status: {
        write: async (_obj: CustomObject, update: unknown) => {
          const fn = update as (s: unknown, o: CustomObject) => unknown;
          const next = fn(this.obj.status, this.obj) as O['status'];
          if (mergePatch((this.obj.status ?? {}) as never, next as never) === undefined)
            return { obj: structuredClone(this.obj), changed: false };
          this.statusWrites++;
          this.obj = { ...this.obj, status: structuredClone(next) };
          return { obj: structuredClone(this.obj), changed: true };
        },
      },
      finalizers: {
        has: (o: KubeObject, f: string) => (o.metadata?.finalizers ?? []).includes(f),
        ensure: (_o: KubeObject, f: string) => editFinalizers((l) => (l.includes(f) ? l : [...l, f])),
        remove: (_o: KubeObject, f: string) => editFinalizers((l) => l.filter((x) => x !== f)),
      },
      events: {
        normal: (reason: string, message: string) => this.events.push({ type: 'Normal', reason, message }),
        warning: (reason: string, message: string) => this.events.push({ type: 'Warning', reason, message }),
      },
      metrics: {},
      client: {},
      cache: { get: () => undefined, list: () => [this.obj, ...this.peers] },
      lookup: (type: { group: string; version: string; plural: string }, ref: { namespace?: string; name: string }) =>
        list(type, ref.namespace).find((o) => o.metadata?.name === ref.name),
      list,
      now: () => this.now,
      readyFor: (generation: number | undefined) => this.readyFor.push(generation),
    } as unknown as ReconcileContext<CustomObject>;
  }

  /** The client every connect gives (CloudClients.forObject, or a kind's own connect): counted, failing on demand. */
  private async connectFake(): Promise<CceClient> {
    this.connects++;
    if (this.credentialsError) throw this.credentialsError;
    return this.fakeCloud();
  }

  private fakeCloud(): CceClient {
    return {
      flavor: 'standard',
      jobs: {
        get: async (id: string) => {
          this.calls.push({ verb: 'job', args: [id] });
          const j = this.jobs.get(id);
          return { metadata: { uid: id }, status: j ? { phase: j.phase, reason: j.reason } : { phase: 'Success' } };
        },
      },
    } as unknown as CceClient;
  }

  deps(): ManagedDeps {
    const clouds = new CloudClients();
    clouds.forObject = () => this.connectFake();
    return {
      clouds,
      secrets: {
        read: async () => ({ accessKey: 'ak', secretKey: 'sk' }),
        addFinalizer: async (_ns: string, name: string) => {
          this.secretFinalizerCalls.push({ op: 'add', name });
          return 'added' as const;
        },
        removeFinalizer: async (_ns: string, name: string) => {
          this.secretFinalizerCalls.push({ op: 'remove', name });
        },
      },
      defaultCredentials: { kind: 'aksk', accessKey: 'ak', secretKey: 'sk' },
      pollMs: 5000,
    };
  }

  /** One pass of the ladder with `kind`'s real logic and this world's fake External. Throws what the pass throws. */
  async pass<S>(kind: ManagedKind<O, R, S>): Promise<ReconcileResult> {
    const withFake: ManagedKind<O, R, S> = {
      ...kind,
      external: () => this.external(),
      ...(kind.connect ? { connect: () => this.connectFake() } : {}),
    };
    const ladder = new Ladder(withFake, this.deps(), structuredClone(this.obj), this.ctx());
    ladder.createJobs = this.createJobs;
    return ladder.run();
  }

  /** A pass whose thrown error is returned instead (Terminal, Transient, RequeueAfter...). */
  async tryPass<S>(kind: ManagedKind<O, R, S>): Promise<ReconcileResult | Error> {
    try {
      return await this.pass(kind);
    } catch (err) {
      return err as Error;
    }
  }
}
