// Leader election on a Lease, the client-go way: a candidate takes the Lease when it is free, released, or
// has not changed for leaseDuration *as observed locally* (no trust in other machines' clocks); the leader
// renews every retryPeriod and steps down when it could not renew for renewDeadline; on shutdown it releases
// the Lease (empty holder) so a standby takes over at its next retry instead of waiting for expiry.
import { sleep, systemClock, type Clock } from './clock.js';
import type { LeaseRecord, LeaseStore } from './lease-store.js';
import type { Logger } from './logger.js';

export interface LeaderElectionOptions {
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  log: Logger;
  clock?: Clock;
  onStartedLeading: () => void;
  /** Called when leadership is lost (not on stop()). The process should stop reconciling at once. */
  onStoppedLeading: () => void;
}

export class LeaderElector {
  private readonly clock: Clock;
  private readonly stopping = new AbortController();
  private observed: LeaseRecord | undefined;
  private observedAt = 0;
  private leader = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: LeaseStore,
    private readonly opts: LeaderElectionOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Campaigns until elected, then renews until the lease is lost or stop() is called. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Stops campaigning/renewing and releases the Lease if held. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    if (!this.leader) return;
    this.leader = false;
    await this.release();
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async loop(): Promise<void> {
    const { log, retryPeriodMs, renewDeadlineMs } = this.opts;
    log.info('waiting for leadership', { lease: this.store.description, identity: this.opts.identity });
    // A standby has nothing else keeping the event loop alive (no informers yet, the metrics server may be off with
    // --metrics-addr 0) and the clock's timers are unref'd: without this handle it would exit 0 while waiting.
    // (Tests drive a clock of their own and hold no such handle.)
    const keepAlive = this.clock === systemClock ? setInterval(() => undefined, 60_000) : undefined;
    try {
      while (!this.stopped && !(await this.attempt(renewDeadlineMs))) await this.pause(retryPeriodMs);
    } finally {
      clearInterval(keepAlive);
    }
    if (this.stopped) {
      // stop() raced a successful attempt: the lease may be ours, so let stop() release it.
      this.leader = this.observed?.holderIdentity === this.opts.identity;
      return;
    }
    this.leader = true;
    log.info('became leader', { lease: this.store.description, identity: this.opts.identity });
    this.opts.onStartedLeading();
    let lastRenew = this.clock.now();
    while (!this.stopped) {
      await this.pause(retryPeriodMs);
      if (this.stopped) return;
      const left = renewDeadlineMs - (this.clock.now() - lastRenew);
      if (await this.attempt(Math.max(left, 1))) {
        lastRenew = this.clock.now();
      } else if (this.clock.now() - lastRenew >= renewDeadlineMs) {
        this.leader = false;
        log.error('lost leadership: could not renew the lease in time', { lease: this.store.description });
        this.opts.onStoppedLeading();
        return;
      }
    }
  }

  /** One acquire-or-renew round, bounded by `timeoutMs`. */
  private async attempt(timeoutMs: number): Promise<boolean> {
    const timeout = sleep(timeoutMs, this.clock).then(() => false);
    return Promise.race([this.tryAcquireOrRenew().catch((err: unknown) => this.failed(err)), timeout]);
  }

  private failed(err: unknown): false {
    this.opts.log.debug('lease attempt failed', { lease: this.store.description, err });
    return false;
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const me = this.opts.identity;
    const desired: LeaseRecord = {
      holderIdentity: me,
      leaseDurationSeconds: Math.ceil(this.opts.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    const current = await this.store.get();
    if (!current) return this.remember(await this.store.create(desired), now);
    if (!this.observed || this.observed.resourceVersion !== current.resourceVersion) {
      this.observed = current;
      this.observedAt = now;
    }
    const heldByOther = current.holderIdentity !== '' && current.holderIdentity !== me;
    if (heldByOther && this.observedAt + current.leaseDurationSeconds * 1000 > now) return false;
    if (current.holderIdentity === me) {
      desired.acquireTime = current.acquireTime;
      desired.leaseTransitions = current.leaseTransitions;
    } else {
      desired.leaseTransitions = current.leaseTransitions + 1;
    }
    if (current.resourceVersion) desired.resourceVersion = current.resourceVersion;
    return this.remember(await this.store.update(desired), now);
  }

  private remember(record: LeaseRecord, now: number): true {
    this.observed = record;
    this.observedAt = now;
    return true;
  }

  private async release(): Promise<void> {
    try {
      const current = await this.store.get();
      if (!current || current.holderIdentity !== this.opts.identity) return;
      const now = this.clock.now();
      await this.store.update({ ...current, holderIdentity: '', leaseDurationSeconds: 1, renewTime: now });
      this.opts.log.info('released the lease', { lease: this.store.description });
    } catch (err) {
      this.opts.log.warn('could not release the lease', { lease: this.store.description, err });
    }
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, this.clock, this.stopping.signal);
  }
}
