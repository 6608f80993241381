/**
 * The managed reconciler: the one reconcile ladder every kind runs. A kind supplies a ManagedKind (kind.ts); this
 * file owns the order, each rung a small method:
 *
 *   paused → deleting with Orphan / ObserveOnly: release before connecting → target → connect (credentials; the
 *   Secret is protected while used) → gate (the kind's cluster gate) → deleting: delete-flow.ts → finalizer →
 *   identity (status id, spec id, adopt by name; one cloud object, one owner; never a second create after an
 *   unknown outcome) → create (id written first) → follow the job → the kind's work in flight → the resource's own
 *   state → diff (field table) → one operation family (convergence guard) → readiness → report.
 *
 * A pass writes the identity at once when it learns it, then at most one status write at its end (none when
 * nothing changed). Errors are data: one condition, one Event, one queue decision (errors.ts).
 */
import { isCceApiError, OutcomeUnknownError, projectBudgetBusyMs, type CceClient } from '../../cloud/index.js';
import { isConditionTrue, type Condition } from '../../runtime/conditions.js';
import type { ControllerSpec, ReconcileContext, WatchSpec } from '../../runtime/controller-spec.js';
import { isDeleting, type CustomObject } from '../../runtime/kube-object.js';
import { keyOf } from '../../runtime/keys.js';
import { recheckAfter, requeueAfter, stable, Terminal, type ReconcileResult } from '../../runtime/result.js';
import type { CceCredentials } from '../../cloud/index.js';
import type { CloudClients, ObjectTarget } from '../cloud-clients.js';
import { CredentialsError, type SecretReader } from '../credentials.js';
import { SecretDataCache } from '../secret-data-cache.js';
import {
  appliedHashesAfter,
  createHashes,
  describeFields,
  diffFingerprint,
  fieldDiffs,
  firstFamily,
  type FieldDiff,
} from '../field-diff.js';
import { rowKey, unobservedFields } from '../field-rules.js';
import { targetProblem } from '../spec-bounds.js';
import { rfc3339, type Outcome } from '../status-report.js';
import { convergence, defaultConvergence, type ConvergencePolicy } from './convergence.js';
import { protectSecret, SECRET_TYPE, type SecretFinalizers } from './credentials-guard.js';
import { finalize } from './delete-flow.js';
import { failPass } from './errors.js';
import type { CredentialsTarget, External, Gate, ManagedKind, ManagedObject, Pass, Step, Unreachable } from './kind.js';
import { claimedIds, CLAIMS_INDEX, otherOwner } from './ownership.js';
import { FINALIZER, ManagedReason as Reason, PAUSED_ANNOTATION } from './reasons.js';
import { nextStatus, type Report } from './report.js';
import { PollPacing } from './poll-pacing.js';
import { heldAsUnsupported } from './unsupported-hold.js';

export interface ManagedDeps {
  clouds: CloudClients;
  secrets: SecretReader & SecretFinalizers;
  /** Operator-wide credentials from the environment, used when an object names no Secret. */
  defaultCredentials?: CceCredentials | undefined;
  /** Base polling interval while a job or transition runs (default 5 s); paced per object by poll-pacing.ts: about 1 s at first, growing to 6× this. */
  pollMs?: number;
  convergence?: ConvergencePolicy;
}

/** While Stalled on something another party may fix (a name held elsewhere, another owner): re-check this often. */
export const STALLED_RECHECK_MS = 300_000;

/** A pass that finds the cache behind this controller's own last write comes back this soon (see managedController). */
export const CACHE_LAG_RETRY_MS = 200;
/** The base poll while something is in flight; paced per key from there (poll-pacing.ts). */
export const DEFAULT_POLL_MS = 5000;
/** ...for at most this long after that write (a lost watch event must not stall the object). */
const CACHE_LAG_MAX_MS = 30_000;

export type Ctx = ReconcileContext<CustomObject>;

/** A rung either hands the next rung its value or ends the pass. */
type Rung<T> = { next: T } | { done: ReconcileResult };

export function managedController<O extends ManagedObject, R, S, C = CceClient, T extends CredentialsTarget = ObjectTarget>(
  kind: ManagedKind<O, R, S, C, T>,
  deps: ManagedDeps,
): ControllerSpec<O> {
  /** Per key: the resourceVersions the last pass's own writes (status, finalizer) replaced. */
  const replaced = new Map<string, { versions: Set<string>; until: number }>();
  /** Credentials Secrets, read again only when the Secret cache shows a new version (secret-data-cache.ts). */
  const credentials = new SecretDataCache(deps.secrets);
  /** Per key: the job of the create this process sent (memory only: after a restart the job is asked, as before). */
  const createJobs = new Map<string, string>();
  /** Per key: how long it has been polled, so a long operation is polled less and less often (poll-pacing.ts). */
  const pacing = new PollPacing(deps.pollMs ?? DEFAULT_POLL_MS);
  return {
    ...kind.type,
    watches: [...(kind.watches ?? []), credentialsWatch<O>()],
    // Who claims which cloud id (ownership.ts), so a pass checks the few claimants of its id, not every object.
    indexes: { ...kind.indexes, [CLAIMS_INDEX]: (o: O) => claimedIds(o, kind.idField) },
    async reconcile(key, obj, ctx) {
      // A pass must not start from a version of the object that this controller's own last write replaced: the
      // informer cache lags the write (a requeue can come first), and the stale object lacks what that pass recorded
      // (the id of a create, the hashes of an update), so the create would be "adopted" and the update sent again.
      const rv = obj.metadata?.resourceVersion;
      const behind = replaced.get(key);
      if (rv && behind?.versions.has(rv) && ctx.now().getTime() < behind.until) return requeueAfter(CACHE_LAG_RETRY_MS);
      replaced.delete(key);
      const ladder = new Ladder(kind, deps, obj, ctx as unknown as Ctx);
      ladder.createJobs = createJobs;
      ladder.credentials = credentials.reader((namespace, name) => ctx.lookup(SECRET_TYPE, { namespace, name })?.metadata?.resourceVersion);
      try {
        return pacing.pace(key, await ladder.run(), ctx.now().getTime());
      } finally {
        if (ladder.replaced.length) {
          replaced.set(key, { versions: new Set(ladder.replaced), until: ctx.now().getTime() + CACHE_LAG_MAX_MS });
        }
      }
    },
    // A due stable resync waits while this object's project budget is less than half full (runtime/controller.ts). A
    // kind with its own connection (not a CCE project) never waits; nor does an object whose target is unknown.
    resyncGate(obj, ctx) {
      if (kind.connect) return 0;
      try {
        const where = kind.target(obj, ctx as unknown as Ctx);
        const project = 'target' in where ? (where.target as unknown as ObjectTarget).projectID : undefined;
        return project ? projectBudgetBusyMs(project) : 0;
      } catch {
        return 0; // the reconcile reports what is wrong with the target
      }
    },
    forget(key) {
      replaced.delete(key);
      createJobs.delete(key);
      pacing.forget(key);
      kind.forget?.(key);
    },
  };
}

/** A credentials Secret that appears or changes wakes the objects that wait for it or are being deleted. */
function credentialsWatch<O extends ManagedObject>(): WatchSpec<O> {
  return {
    ...SECRET_TYPE,
    metadataOnly: true,
    map: (secret, own) =>
      own
        .list(secret.metadata?.namespace)
        .filter((o) => !o.spec?.credentialsSecretRef || o.spec.credentialsSecretRef.name === secret.metadata?.name)
        .filter((o) => isDeleting(o) || !isReady(o))
        .map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`),
  };
}

function isReady(o: ManagedObject): boolean {
  return isConditionTrue(o.status?.conditions as Condition[] | undefined, 'Ready');
}

export class Ladder<O extends ManagedObject, R, S, C = CceClient, T extends CredentialsTarget = ObjectTarget> {
  readonly poll: number;
  /** Status fields learned early in the pass and written with its verdict (e.g. a finished job's id removed). */
  private carry: Record<string, unknown> = {};
  private current: O;
  /** The resourceVersions of the object that this pass's own writes replaced. */
  readonly replaced: string[] = [];
  /** Where connect reads a credentials Secret (a cache across passes); `deps.secrets` when unset. */
  credentials: SecretReader | undefined;
  /** The jobs of creates sent by this process, by key (see followJob); none when unset. */
  createJobs: Map<string, string> | undefined;

  constructor(
    readonly kind: ManagedKind<O, R, S, C, T>,
    readonly deps: ManagedDeps,
    obj: O,
    readonly ctx: Ctx,
  ) {
    this.poll = deps.pollMs ?? DEFAULT_POLL_MS;
    this.current = obj;
  }

  /** The object as this pass last wrote or read it. */
  get obj(): O {
    return this.current;
  }

  set obj(next: O) {
    const rv = this.current.metadata?.resourceVersion;
    if (rv && rv !== next.metadata?.resourceVersion) this.replaced.push(rv);
    this.current = next;
  }

  get key(): string {
    return keyOf(this.obj);
  }

  get observeOnly(): boolean {
    return this.obj.spec.managementPolicy === 'ObserveOnly';
  }

  /** The cloud id this object recorded (status), else the one its spec names. */
  get recordedId(): string | undefined {
    return this.statusField(this.kind.idField) ?? this.specField(this.kind.idField);
  }

  statusField(name: string): string | undefined {
    const v = this.obj.status?.[name];
    return typeof v === 'string' && v ? v : undefined;
  }

  specField(name: string): string | undefined {
    const v = (this.obj.spec as Record<string, unknown>)[name];
    return typeof v === 'string' && v ? v : undefined;
  }

  async run(): Promise<ReconcileResult> {
    if (this.obj.metadata?.annotations?.[PAUSED_ANNOTATION] === 'true') {
      await this.report({ outcome: { state: 'stalled', reason: Reason.Paused, message: `${PAUSED_ANNOTATION}=true: not reconciling` } });
      return stable();
    }
    try {
      return await this.ladder();
    } catch (err) {
      return failPass(this, err);
    }
  }

  private async ladder(): Promise<ReconcileResult> {
    const deleting = isDeleting(this.obj);
    if (deleting) {
      if (!this.ctx.finalizers.has(this.obj, FINALIZER)) return {};
      if (this.obj.spec.deletionPolicy === 'Orphan' || this.observeOnly)
        return this.release(`deletionPolicy ${this.obj.spec.deletionPolicy ?? 'Delete'}`);
    }
    // Stalled on an API this cloud lacks: no call until the spec changes (unsupported-hold.ts).
    if (!deleting && heldAsUnsupported(this.obj, this.ctx.refreshRequested)) return stable();
    if (!deleting) {
      const problem = this.kind.validate?.(this.obj);
      if (problem) throw new Terminal(problem, Reason.InvalidSpec);
    }
    const where = this.kind.target(this.obj, this.ctx);
    if ('state' in where) return this.notReachable(where, deleting);
    // The target's fields reach HTTP headers and URLs: a control character would fail like a network error. A kind
    // with its own connect (not a CCE target) checks its own.
    const malformed = this.kind.connect ? undefined : targetProblem(where.target as unknown as ObjectTarget);
    if (malformed) throw new Terminal(malformed, Reason.InvalidSpec);
    const cloud = await this.connect(where.target, deleting);
    if ('done' in cloud) return cloud.done;
    const gate = await this.kind.gate(this.obj, this.ctx, cloud.next);
    if (deleting) return finalize(this, cloud.next, gate);
    if (gate.state === 'unsupported') throw new Terminal(gate.message, gate.reason);
    if (gate.state === 'release') throw new Error(`internal: gate 'release' for a live object (${gate.message})`);
    if (gate.state === 'wait')
      return this.progress({ outcome: { state: 'progressing', reason: gate.reason, message: gate.message } }, gate.requeueMs ?? 60_000);
    if (!this.observeOnly) this.obj = (await this.ctx.finalizers.ensure(this.obj, FINALIZER)) as O;
    const external = this.kind.external(cloud.next, gate.scope, this.deps.secrets);
    const found = await this.identify(cloud.next, external, gate);
    if ('done' in found) return found.done;
    const pass: Pass<O, R, S, C> = { obj: this.obj, ctx: this.ctx, cloud: cloud.next, scope: gate.scope, external, observed: found.next };
    return this.live(pass, gate);
  }

  // ---- connect ----

  /** Release the finalizer without touching the cloud resource. */
  async release(why: string, warning = false): Promise<ReconcileResult> {
    const id = this.recordedId;
    const name = this.kind.cloudName(this.obj);
    if (id || warning) {
      const message = `left ${this.kind.noun} ${name}${id ? ` (${id})` : ''} in the cloud: ${why}`;
      if (warning) this.ctx.events.warning(Reason.Orphaned, message);
      else this.ctx.events.normal(Reason.Orphaned, message);
    }
    await this.ctx.finalizers.remove(this.obj, FINALIZER);
    return {};
  }

  private async notReachable(g: Unreachable, deleting: boolean): Promise<ReconcileResult> {
    if (g.state === 'release' || deleting) {
      const warn = g.state === 'release' ? g.warning : !!this.recordedId;
      return this.release(g.message, warn);
    }
    if (g.state === 'unsupported') throw new Terminal(g.message, g.reason);
    return this.progress({ outcome: { state: 'progressing', reason: g.reason, message: g.message } }, g.requeueMs ?? 60_000);
  }

  /**
   * Credentials and the client (the kind's own `connect`, else a CCE client). A missing Secret is a wait for a
   * deleting object (the Secret watch resumes it).
   */
  private async connect(target: T, deleting: boolean): Promise<Rung<C>> {
    const namespace = this.obj.metadata?.namespace ?? 'default';
    let cloud: C;
    try {
      cloud = this.kind.connect
        ? await this.kind.connect(target, this.deps.secrets, namespace)
        : ((await this.deps.clouds.forObject(
            this.credentials ?? this.deps.secrets,
            namespace,
            target as unknown as ObjectTarget,
            this.deps.defaultCredentials,
          )) as unknown as C);
    } catch (err) {
      if (!(err instanceof CredentialsError) || !deleting) throw err;
      const outcome: Outcome = {
        state: 'progressing',
        reason: Reason.WaitingForCredentials,
        message: `${err.message}: waiting for it to delete the ${this.kind.noun}`,
      };
      return { done: await this.progress({ outcome }, STALLED_RECHECK_MS) };
    }
    const ref = target.credentialsSecretRef?.name;
    if (ref && !deleting) await protectSecret(this.ctx, this.deps.secrets, namespace, ref);
    return { next: cloud };
  }

  // ---- identity ----

  private async identify(cloud: C, external: External<O, R>, gate: Extract<Gate<S>, { state: 'go' | 'hold' }>): Promise<Rung<R>> {
    const id = this.recordedId;
    const noun = this.kind.noun;
    let vanished = false;
    let found: R | undefined;
    if (id) {
      found = await external.observe(id, this.ctx.refreshRequested);
      if (!found) {
        if (this.specField(this.kind.idField) && !this.statusField(this.kind.idField)) {
          throw new Terminal(`spec.${this.kind.idField} ${id} does not exist in the cloud`, Reason.NotFoundInCloud);
        }
        if (this.obj.status?.jobID) {
          // Just created, its job still recorded: the cloud may not show it yet. Never create a second one while the
          // job runs; a failed job is reported (and forgotten, so a later pass may create again, saying so).
          const job = await this.followJob(cloud, undefined);
          if (job) return { done: job };
          // The job finished, yet the resource is not there: it vanished (below).
        }
        vanished = true;
        this.ctx.log.warn(`${noun} vanished from the cloud; looking it up by name`, { id });
      }
    }
    // Held (e.g. its cluster not Ready yet) and never recorded: nothing to adopt or create until the gate opens, so
    // no lookup either — a fleet's new pools would otherwise list their cluster on every wait.
    if (!found && !vanished && gate.state === 'hold') return { done: await this.hold(gate) };
    found ??= await external.find(this.obj);
    if (found) {
      const stalled = await this.claim(found);
      return stalled ? { done: stalled } : { next: found };
    }
    const name = this.kind.cloudName(this.obj);
    if (this.observeOnly) {
      const outcome: Outcome = {
        state: 'stalled',
        reason: Reason.NotFoundInCloud,
        message: `${noun} ${name} not found in the cloud (ObserveOnly: not creating)`,
      };
      return { done: await this.progress({ outcome }, 60_000) };
    }
    if (gate.state === 'hold') return { done: await this.hold(gate) };
    if (vanished) this.ctx.events.warning(Reason.Recreating, `${noun} ${name} (${id}) no longer exists in the cloud: creating it again`);
    return { done: await this.create(external, gate.scope) };
  }

  private hold(gate: Extract<Gate<S>, { state: 'hold' }>): Promise<ReconcileResult> {
    return this.progress({ outcome: { state: 'progressing', reason: gate.reason, message: gate.message } }, gate.requeueMs ?? 60_000);
  }

  /** One cloud object, one owner: adopt `found` unless another object owns it. Returns the pass result when Stalled. */
  private async claim(found: R): Promise<ReconcileResult | undefined> {
    const id = this.kind.idOf(found) ?? '';
    const claimants = this.ctx.cache.byIndex?.(CLAIMS_INDEX, id) ?? this.ctx.cache.list();
    const owner = otherOwner(this.obj, id, claimants, this.kind.idField);
    if (owner) {
      const message = `${this.kind.noun} ${this.kind.cloudName(this.obj)} (${id}) is already managed by ${this.kind.type.kind} ${owner}: not adopting it`;
      this.ctx.events.warning(Reason.AlreadyManaged, message);
      return this.progress({ outcome: { state: 'stalled', reason: Reason.AlreadyManaged, message } }, STALLED_RECHECK_MS);
    }
    if (this.statusField(this.kind.idField) === id) return undefined;
    this.ctx.events.normal(Reason.Adopted, `adopted ${this.kind.noun} ${this.kind.cloudName(this.obj)} (${id})`);
    const set = { [this.kind.idField]: id, ...(this.kind.onAdopt?.(this.obj, found) ?? {}) };
    await this.report({
      observed: found,
      outcome: { state: 'progressing', reason: Reason.Adopted, message: `adopted ${this.kind.noun} ${id}` },
      set,
    });
    return undefined;
  }

  /** Create once; the id (and job) go to status before anything else. An unknown outcome is resolved by name. */
  private async create(external: External<O, R>, scope: S): Promise<ReconcileResult> {
    const noun = this.kind.noun;
    const name = this.kind.cloudName(this.obj);
    let created;
    try {
      created = await external.create(this.obj);
    } catch (err) {
      if (err instanceof OutcomeUnknownError) {
        const outcome: Outcome = {
          state: 'progressing',
          reason: Reason.CreateRequested,
          message: `create of ${noun} ${name} sent, its answer lost: looking it up by name next`,
        };
        return this.progress({ outcome }, this.poll);
      }
      if (!isCceApiError(err) || !err.conflict) throw err;
      if (await external.find(this.obj)) return requeueAfter(0); // it exists after all: the next pass adopts it
      const holder = (await external.nameHolder?.(this.obj)) ?? 'a resource this operator cannot see';
      const message = `cannot create ${noun} ${name}: the name is taken by ${holder} (${err.code}); choose another name or remove it`;
      this.ctx.events.warning(Reason.NameTaken, message);
      return this.progress({ outcome: { state: 'stalled', reason: Reason.NameTaken, message } }, STALLED_RECHECK_MS);
    }
    const set = {
      [this.kind.idField]: created.id,
      jobID: created.jobID,
      appliedHashes: createHashes(this.kind.fields, this.obj, scope),
      lastUpdate: undefined,
      ...(created.set ?? {}),
    };
    const message =
      created.message ?? `created ${noun} ${name} (${created.id ?? 'id n/a'})${created.jobID ? `, job ${created.jobID}` : ''}`;
    await this.report({ observed: created.observed, outcome: { state: 'progressing', reason: Reason.CreateRequested, message }, set });
    if (created.jobID) this.createJobs?.set(this.key, created.jobID);
    this.ctx.events.normal(Reason.CreateRequested, message, { requestId: created.requestId });
    return requeueAfter(this.poll, { jobInFlight: true });
  }

  // ---- the live resource ----

  private async live(pass: Pass<O, R, S, C>, gate: Extract<Gate<S>, { state: 'go' | 'hold' }>): Promise<ReconcileResult> {
    const observed = pass.observed;
    const job = await this.followJob(pass.cloud, observed);
    if (job) return job;
    const inFlight = await this.kind.inFlight?.({ ...pass, obj: this.obj });
    if (inFlight) return this.step(observed, inFlight);
    const activity = this.kind.activity(observed, this.obj);
    if (activity.state === 'busy' || activity.state === 'deleting' || activity.state === 'gone') {
      const outcome: Outcome = { state: 'progressing', reason: Reason.InProgress, message: activity.message };
      return this.progress({ observed, outcome }, this.poll, activity.state !== 'gone');
    }
    const diffs = fieldDiffs(this.kind.fields, this.obj, observed, this.observeOnly, pass.scope);
    if (this.observeOnly) return this.observeOnlyVerdict(observed, diffs);
    if (gate.state === 'hold' && diffs.length) {
      const message = `${gate.message}; holding changes to ${describeFields(diffs)}`;
      return this.progress({ observed, outcome: { state: 'progressing', reason: gate.reason, message } }, gate.requeueMs ?? 60_000);
    }
    const change = gate.state === 'go' ? firstFamily(this.kind.families, diffs) : undefined;
    const operable = activity.state === 'ready' || activity.state === 'degraded' || activity.operable === true;
    if (change && operable) return this.apply({ ...pass, obj: this.obj }, change.family, change.diffs);
    if (activity.state === 'failed') {
      if (this.obj.status?.phase !== this.kind.facts(observed, this.obj).phase)
        this.ctx.events.warning(Reason.PhaseNotReady, activity.message);
      return this.progress(
        { observed, outcome: { state: 'error', reason: Reason.PhaseNotReady, message: activity.message } },
        this.poll * 6,
      );
    }
    if (activity.state === 'degraded')
      return this.progress(
        { observed, outcome: { state: 'progressing', reason: Reason.InProgress, message: activity.message } },
        this.poll,
      );
    const waiting = this.kind.readiness?.({ ...pass, obj: this.obj });
    if (waiting) return this.step(observed, waiting);
    const before = await this.kind.beforeReady?.({ ...pass, obj: this.obj });
    if (before && (before.outcome.state === 'stalled' || before.outcome.state === 'error')) return this.step(observed, before);
    if (before) {
      if (before.event) this.ctx.events.normal(before.outcome.reason, before.outcome.message);
      Object.assign(this.carry, before.set ?? {});
    }
    const ready = this.kind.readyMessage?.(observed, this.obj) ?? { reason: Reason.Available, message: `${this.kind.noun} is available` };
    const message = gate.state === 'hold' ? `${ready.message} (${gate.message})` : ready.message;
    await this.report({ observed, outcome: { state: 'ready', reason: ready.reason, message }, set: { lastUpdate: undefined } });
    return gate.state === 'hold' ? recheckAfter(gate.requeueMs ?? 60_000) : stable();
  }

  /**
   * The job of the last call: failed → reported with the cloud's reason; running → wait; done → forgotten. Jobs are
   * CCE's: a client without a jobs API (a kind's own) never records one.
   */
  private async followJob(cloud: C, observed: R | undefined): Promise<ReconcileResult | undefined> {
    const jobID = this.obj.status?.jobID;
    const jobs = (cloud as { jobs?: CceClient['jobs'] }).jobs;
    if (!jobID || !jobs) return undefined;
    // The job of a create this process sent is over once the resource it made is settled: the resource is what the
    // user asked for, and asking the job too would be one more call per object created. (An update's job is always
    // asked: a resource can look settled before the job has touched it.)
    if (observed && this.createJobs?.get(this.key) === jobID && this.kind.activity(observed, this.obj).state === 'ready') {
      this.createJobs.delete(this.key);
      this.carry.jobID = undefined;
      return undefined;
    }
    const job = await jobs.get(jobID).catch((e: unknown) => (isCceApiError(e) && e.notFound ? undefined : Promise.reject(e)));
    const phase = job?.status?.phase;
    if (phase === 'Failed') {
      const message = `job ${jobID} failed: ${job?.status?.reason ?? 'the cloud gave no reason'}`;
      this.ctx.events.warning(Reason.JobFailed, message);
      return this.progress(
        { observed, outcome: { state: 'error', reason: Reason.JobFailed, message }, set: { jobID: undefined } },
        this.poll * 6,
      );
    }
    if (phase && phase !== 'Success') {
      return this.progress(
        { observed, outcome: { state: 'progressing', reason: Reason.JobRunning, message: `job ${jobID} ${phase}` } },
        this.poll,
        true,
      );
    }
    this.carry.jobID = undefined;
    return undefined;
  }

  private async observeOnlyVerdict(observed: R, diffs: FieldDiff[]): Promise<ReconcileResult> {
    const outcome: Outcome = diffs.length
      ? { state: 'ready', reason: Reason.DriftDetected, message: `ObserveOnly: the cloud differs from spec in ${describeFields(diffs)}` }
      : { state: 'ready', reason: Reason.Available, message: `${this.kind.noun} observed (ObserveOnly)` };
    await this.report({ observed, outcome });
    return stable();
  }

  /** One operation family, unless the same update already went out and the cloud did not apply it. */
  private async apply(pass: Pass<O, R, S, C>, family: FieldDiff['via'], diffs: FieldDiff[]): Promise<ReconcileResult> {
    const fingerprint = diffFingerprint(diffs);
    const last = this.obj.status?.lastUpdate;
    const verdict = convergence(last, fingerprint, this.ctx.now(), this.deps.convergence ?? defaultConvergence);
    if (!verdict.send) {
      const limits = [...new Set(diffs.map((d) => this.limitation(d)).filter(Boolean))];
      const message =
        `the cloud accepted the ${family} of ${describeFields(diffs)} ${verdict.attempts} time(s) but still differs; ` +
        // An absolute time, so the message (and so status) does not change on every wake while it waits.
        `retrying at ${rfc3339(new Date(this.ctx.now().getTime() + verdict.retryInMs))}${limits.length ? ` (${limits.join('; ')})` : ''}`;
      return this.progress(
        { observed: pass.observed, outcome: { state: 'error', reason: Reason.NotConverged, message } },
        verdict.retryInMs,
      );
    }
    const applied = await pass.external.update(this.obj, pass.observed, family, diffs);
    this.ctx.events.normal(applied.reason, applied.message, { requestId: applied.requestId });
    const lastUpdate = applied.multiStep
      ? undefined
      : { family, fields: diffs.map((d) => d.path), fingerprint, attempts: verdict.attempts, at: this.ctx.now().toISOString() };
    const set = {
      appliedHashes: appliedHashesAfter(this.obj.status?.appliedHashes, diffs),
      lastUpdate,
      ...(applied.jobID ? { jobID: applied.jobID } : {}),
      ...(applied.set ?? {}),
    };
    const observed = applied.observed ?? pass.observed;
    await this.report({ observed, outcome: { state: 'progressing', reason: applied.reason, message: applied.message }, set });
    return requeueAfter(this.poll, { jobInFlight: true });
  }

  private limitation(d: FieldDiff): string | undefined {
    return this.kind.fields.find((f) => rowKey(f) === d.path)?.limitation?.(this.obj);
  }

  // ---- reporting ----

  async step(observed: R | undefined, s: Step): Promise<ReconcileResult> {
    if (s.event) this.ctx.events.normal(s.outcome.reason, s.outcome.message);
    return this.progress(
      { observed, outcome: s.outcome, set: s.set },
      s.requeueMs ?? this.poll,
      s.jobInFlight ?? s.outcome.state === 'progressing',
    );
  }

  /**
   * Report and come back after `ms`: polling while something runs (the short resync period may come sooner), or
   * a recheck beyond it while waiting (a Stalled verdict, a backoff of ours) — never a loop at the resync rate.
   */
  async progress(r: Report<R>, ms: number, jobInFlight = false): Promise<ReconcileResult> {
    await this.report(r);
    if (jobInFlight) return requeueAfter(ms, { jobInFlight: true });
    return ms > this.poll ? recheckAfter(ms) : requeueAfter(ms);
  }

  /** One status write (none when nothing changed); the carried fields go with it. */
  async report(r: Report<R>): Promise<void> {
    const kind = this.kind;
    const unobserved = unobservedFields(kind.fields);
    const set = { ...this.carry, ...(r.set ?? {}) };
    this.carry = {};
    const out = await this.ctx.status.write(this.obj, (current, fresh) =>
      nextStatus(
        current as O['status'],
        { ...r, set },
        (obs) => kind.facts(obs, fresh as O),
        fresh.metadata?.generation,
        unobserved,
        this.ctx.now(),
      ),
    );
    this.obj = out.obj as O;
    if (r.outcome.state === 'ready') this.ctx.readyFor(this.obj.metadata?.generation);
  }
}
