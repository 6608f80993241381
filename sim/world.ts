/** The simulator's mutable world: state, clock, configuration, and the helpers every handler needs. */
import { randomUUID } from 'node:crypto';
import { Clock } from './time.js';
import { emptyState, type Op, type State } from './state.js';
import type { JsonObject } from './json.js';

/**
 * Which cloud the simulator plays: `public` (Huawei Cloud: seeds 003 + 004, every route), or `hcs-8.1.1` (Huawei
 * Cloud Stack 8.1.1: only the APIs seed 003 documents; the rest answer the gateway's 404 APIGW.0101).
 */
export type CloudStack = 'public' | 'hcs-8.1.1';
export const CLOUD_STACKS: readonly CloudStack[] = ['public', 'hcs-8.1.1'];

export interface WorldConfig {
  projectId: string;
  jobMs: number;
  cloudStack?: CloudStack;
}

/** The collections whose records run operations (`begin`, settle). */
export type OpCollection = 'clusters' | 'nodePools' | 'nodes' | 'addons';
export const OP_COLLECTIONS: readonly OpCollection[] = ['clusters', 'nodePools', 'nodes', 'addons'];

function emptyInFlight(): Record<OpCollection, Set<string>> {
  return { clusters: new Set(), nodePools: new Set(), nodes: new Set(), addons: new Set() };
}

export class World {
  state: State = emptyState();
  readonly clock = new Clock();
  /** Set whenever the state changed; the server persists and clears it. */
  dirty = false;
  /** Operations started so far (`begin`). */
  opsStarted = 0;
  /** What the last settle pass left: the state it ran on, `opsStarted` then, and when the next running op is due. */
  settled: { state: State | undefined; opsStarted: number; nextDue: number } = { state: undefined, opsStarted: 0, nextDue: 0 };
  /** Per collection, the uids of records with an operation (settle drops the ones that ended); for `inFlightOf`. */
  private inFlight: Record<OpCollection, Set<string>> = emptyInFlight();
  private inFlightOf: State | undefined;
  constructor(readonly config: WorldConfig) {}

  now(): number {
    return this.clock.now();
  }

  newId(): string {
    return randomUUID();
  }

  /** Starts an operation lasting `jobSeconds` on `rec` (a record of `where`), replacing any it had. */
  begin(
    where: OpCollection,
    rec: { uid: string; op?: Op },
    kind: string,
    now: number,
    fail?: string,
    data?: JsonObject,
    jobId?: string,
  ): Op {
    this.opsStarted++;
    const op: Op = { kind, startedAt: now, durationMs: this.config.jobMs };
    if (fail !== undefined) op.fail = fail;
    if (data !== undefined) op.data = data;
    if (jobId !== undefined) op.jobId = jobId;
    rec.op = op;
    this.inFlightSets()[where].add(rec.uid);
    return op;
  }

  /** The records with an operation, per collection, for the current state (one scan after it was replaced). */
  inFlightSets(): Record<OpCollection, Set<string>> {
    if (this.inFlightOf !== this.state) {
      this.inFlight = emptyInFlight();
      for (const where of OP_COLLECTIONS) {
        const recs = this.state[where] as Record<string, { op?: Op }>;
        for (const uid in recs) if (recs[uid]!.op) this.inFlight[where].add(uid);
      }
      this.inFlightOf = this.state;
    }
    return this.inFlight;
  }

  touch(): void {
    this.dirty = true;
  }

  reset(): void {
    this.state = emptyState();
    this.clock.offsetMs = 0;
    this.dirty = true;
  }
}

/** Whether an operation (or any started/duration pair) has finished at `now`. */
export function isDue(t: { startedAt: number; durationMs: number }, now: number): boolean {
  return now - t.startedAt >= t.durationMs;
}

/** Fraction of the duration elapsed, clamped to [0, 1]; 1 when the duration is 0. */
export function progress(t: { startedAt: number; durationMs: number }, now: number): number {
  if (t.durationMs <= 0) return 1;
  return Math.min(1, Math.max(0, (now - t.startedAt) / t.durationMs));
}
