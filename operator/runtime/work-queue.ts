// A work queue of object keys ("namespace/name") with the guarantees client-go's workqueue gives:
// - a key is handed to at most one worker at a time (`processing`);
// - adding a key that is already waiting is a no-op, so bursts collapse into one reconcile (`dirty`);
// - a key added while it is being processed is handed out again after `done`, never concurrently;
// - `addAfter` delays a key (the earliest pending deadline wins); handing a key out cancels its deadline,
//   because the reconcile about to run will decide the next one;
// - `addRateLimited` delays a key by its per-key exponential backoff; `forget` resets that backoff.
import { KeyedBackoff, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';

export interface WorkQueueOptions {
  clock?: Clock;
  backoff?: BackoffPolicy;
  /** Called whenever the number of ready keys changes (feeds the queue-depth gauge). */
  onDepth?: (depth: number) => void;
  /** Feeds the `workqueue_*` metrics. */
  observer?: QueueObserver;
}

/** What the queue reports as it works (client-go's workqueue metrics provider, in spirit). */
export interface QueueObserver {
  /** A key was added that was not already waiting. */
  added(): void;
  /** A key was handed to a worker after waiting `seconds` since it was added. */
  waited(seconds: number): void;
  /** A worker finished a key it had for `seconds`. */
  worked(seconds: number): void;
  /** A key was re-added with its backoff (a retry). */
  retried(): void;
}

interface Deadline {
  at: number;
  timer: TimerHandle;
}

export class WorkQueue {
  private readonly ready: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly deadlines = new Map<string, Deadline>();
  /** When each dirty key was added, and when each key being processed was handed out (metrics). */
  private readonly addedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private readonly waiters: Array<(key: string | undefined) => void> = [];
  private readonly idle: Array<() => void> = [];
  private readonly clock: Clock;
  private readonly backoff: KeyedBackoff;
  private closed = false;

  constructor(private readonly opts: WorkQueueOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.backoff = new KeyedBackoff(opts.backoff ?? defaultBackoff);
  }

  /** Makes `key` ready now (unless it already is, or the queue is shut down). */
  add(key: string): void {
    this.insert(key, true);
  }

  /** `fresh`: a new add (timed and counted); not when done() hands back a key added while it was processing. */
  private insert(key: string, fresh: boolean): void {
    if (this.closed || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (fresh) {
      this.addedAt.set(key, this.clock.now());
      this.opts.observer?.added();
    }
    if (this.processing.has(key)) return; // re-queued by done()
    const waiter = this.waiters.shift();
    if (waiter) return this.handOut(key, waiter);
    this.ready.push(key);
    this.depthChanged();
  }

  /** Makes `key` ready after `ms`; an earlier pending deadline for the key is kept. */
  addAfter(key: string, ms: number): void {
    if (this.closed) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const existing = this.deadlines.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.clock.clearTimeout(existing.timer);
    const timer = this.clock.setTimeout(() => {
      this.deadlines.delete(key);
      this.add(key);
    }, ms);
    this.deadlines.set(key, { at, timer });
  }

  /** Re-adds `key` after its next backoff delay; returns that delay. */
  addRateLimited(key: string): number {
    const delay = this.backoff.next(key);
    this.opts.observer?.retried();
    this.addAfter(key, delay);
    return delay;
  }

  /** Clears the failure count of `key` (call after a successful reconcile). */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  /** Cancels a pending deadline and backoff for a key whose object is gone. */
  cancel(key: string): void {
    const d = this.deadlines.get(key);
    if (d) this.clock.clearTimeout(d.timer);
    this.deadlines.delete(key);
    this.backoff.forget(key);
  }

  failures(key: string): number {
    return this.backoff.failures(key);
  }

  /** Waits for the next ready key; resolves `undefined` once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const key = this.ready.shift();
    if (key !== undefined) {
      this.depthChanged();
      return new Promise((resolve) => this.handOut(key, resolve));
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks `key` finished; if it was added meanwhile it becomes ready again. */
  done(key: string): void {
    this.processing.delete(key);
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    if (started !== undefined) this.opts.observer?.worked((this.clock.now() - started) / 1000);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.insert(key, false);
    }
    if (this.processing.size === 0) this.idle.splice(0).forEach((fn) => fn());
  }

  /** Stops handing out keys and drops pending deadlines; keys being processed may still call done(). */
  shutDown(): void {
    this.closed = true;
    for (const d of this.deadlines.values()) this.clock.clearTimeout(d.timer);
    this.deadlines.clear();
    this.ready.length = 0;
    this.addedAt.clear();
    this.waiters.splice(0).forEach((w) => w(undefined));
    this.depthChanged();
  }

  /** Resolves when no key is being processed. */
  drain(): Promise<void> {
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Keys ready to be handed out. */
  len(): number {
    return this.ready.length;
  }

  /** Keys waiting for a deadline (resync, requeue-after, backoff). */
  scheduled(): number {
    return this.deadlines.size;
  }

  inFlight(): number {
    return this.processing.size;
  }

  /** Seconds the keys being processed have been at it: in total, and the longest (the unfinished-work gauges). */
  unfinishedSeconds(now: number = this.clock.now()): { total: number; longest: number } {
    let total = 0;
    let longest = 0;
    for (const at of this.startedAt.values()) {
      const s = Math.max(0, now - at) / 1000;
      total += s;
      longest = Math.max(longest, s);
    }
    return { total, longest };
  }

  isShutDown(): boolean {
    return this.closed;
  }

  private handOut(key: string, to: (key: string) => void): void {
    this.dirty.delete(key);
    this.processing.add(key);
    const now = this.clock.now();
    this.startedAt.set(key, now);
    const added = this.addedAt.get(key);
    this.addedAt.delete(key);
    if (added !== undefined) this.opts.observer?.waited((now - added) / 1000);
    const d = this.deadlines.get(key);
    if (d) {
      this.clock.clearTimeout(d.timer);
      this.deadlines.delete(key);
    }
    to(key);
  }

  private depthChanged(): void {
    this.opts.onDepth?.(this.ready.length);
  }
}
