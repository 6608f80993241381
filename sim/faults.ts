/**
 * Fault injection: rules matched by method/path/operation, applied at a rate, optionally a limited number of times.
 * Paths are matched by path-pattern.ts (a regular-expression subset run without backtracking), never by RegExp.
 */
import { compilePathPattern, PathPatternError, type PathPattern } from './path-pattern.js';

export type FaultKind = 'throttle' | 'error' | 'latency' | 'drop' | 'jobFailure';

export interface FaultSpec {
  kind: FaultKind;
  rate?: number;
  method?: string;
  path?: string;
  operation?: string;
  count?: number;
  code?: 'CCE.02429001' | 'CCE.01429002';
  retryAfterSeconds?: number;
  status?: number;
  delayMs?: number;
  when?: 'before' | 'after';
  reason?: string;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

/** Latency faults wait at most 10 minutes. */
export const MAX_DELAY_MS = 600_000;

const KINDS: FaultKind[] = ['throttle', 'error', 'latency', 'drop', 'jobFailure'];

/** Returns an error message when the spec is unusable. */
export function checkFaultSpec(s: unknown): string | undefined {
  if (typeof s !== 'object' || s === null) return 'body: must be a JSON object';
  const f = s as Record<string, unknown>;
  if (!KINDS.includes(f.kind as FaultKind)) return `kind: must be one of ${KINDS.join(', ')}`;
  if (f.rate !== undefined && (typeof f.rate !== 'number' || f.rate < 0 || f.rate > 1)) return 'rate: must be a number from 0 to 1';
  if (f.count !== undefined && (!Number.isInteger(f.count) || (f.count as number) < 1)) return 'count: must be a positive integer';
  if (f.path !== undefined) {
    if (typeof f.path !== 'string') return 'path: must be a string (a regular expression, see sim/README.md)';
    try {
      compilePathPattern(f.path);
    } catch (e) {
      if (e instanceof PathPatternError) return `path: ${e.message}`;
      throw e;
    }
  }
  for (const key of ['method', 'operation', 'reason'] as const)
    if (f[key] !== undefined && (typeof f[key] !== 'string' || f[key].length > 256))
      return `${key}: must be a string of at most 256 characters`;
  if (f.delayMs !== undefined && (typeof f.delayMs !== 'number' || !(f.delayMs >= 0 && f.delayMs <= MAX_DELAY_MS)))
    return `delayMs: must be a number from 0 to ${MAX_DELAY_MS}`;
  if (f.retryAfterSeconds !== undefined && (!Number.isInteger(f.retryAfterSeconds) || (f.retryAfterSeconds as number) < 0))
    return 'retryAfterSeconds: must be an integer >= 0';
  if (f.code !== undefined && f.code !== 'CCE.02429001' && f.code !== 'CCE.01429002') return 'code: must be CCE.02429001 or CCE.01429002';
  if (f.status !== undefined && (!Number.isInteger(f.status) || (f.status as number) < 500 || (f.status as number) > 599))
    return 'status: must be a 5xx status';
  if (f.when !== undefined && f.when !== 'before' && f.when !== 'after') return 'when: must be before or after';
  return undefined;
}

export class Faults {
  private list: Fault[] = [];
  private readonly patterns = new Map<string, PathPattern>();
  private seq = 0;
  /** Replaceable for deterministic tests. */
  random: () => number = Math.random;

  add(spec: FaultSpec): Fault {
    const f: Fault = { ...spec, id: `f${++this.seq}`, hits: 0 };
    if (spec.path !== undefined) this.patterns.set(f.id, compilePathPattern(spec.path));
    this.list.push(f);
    return f;
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    this.patterns.delete(id);
    return this.list.length < before;
  }

  clear(): void {
    this.list = [];
    this.patterns.clear();
  }

  /** Faults of the given kinds that fire for this request (each counted as a hit). */
  fire(kinds: FaultKind[], method: string, path: string, operation: string): Fault[] {
    const fired: Fault[] = [];
    for (const f of this.list) {
      if (!kinds.includes(f.kind)) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.operation && f.operation !== operation) continue;
      const pattern = this.patterns.get(f.id);
      if (pattern && !pattern.test(path)) continue;
      if (f.count !== undefined && f.hits >= f.count) continue;
      if (this.random() >= (f.rate ?? 1)) continue;
      f.hits++;
      fired.push(f);
    }
    return fired;
  }
}
