/** A small typed client for the simulator's admin API (`/_sim/...`), for tests and tools. */
import type { Fault, FaultSpec } from './faults.js';
import type { RequestLogEntry } from './request-log.js';
import type { JsonObject } from './json.js';
import type { Quotas } from './state.js';

export type { Fault, FaultSpec, RequestLogEntry };

export interface SimObjects {
  clusters: JsonObject[];
  nodePools: JsonObject[];
  nodes: JsonObject[];
  addons: JsonObject[];
  jobs: JsonObject[];
  upgradeTasks: JsonObject[];
  preCheckTasks: JsonObject[];
  postCheckTasks: JsonObject[];
  snapshotTasks: JsonObject[];
}

export interface SimCounts {
  byOperation: Record<string, number>;
  byRoute: Record<string, number>;
}

export interface SimClock {
  now: string;
  offsetSeconds: number;
}

export class SimAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SimAdmin {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.baseUrl.replace(/\/$/, '') + path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new SimAdminError(res.status, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  health(): Promise<{ ok: boolean }> {
    return this.call('GET', '/_sim/health');
  }
  addFault(spec: FaultSpec): Promise<Fault> {
    return this.call('POST', '/_sim/faults', spec);
  }
  async faults(): Promise<Fault[]> {
    return (await this.call<{ items: Fault[] }>('GET', '/_sim/faults')).items;
  }
  removeFault(id: string): Promise<void> {
    return this.call('DELETE', `/_sim/faults/${encodeURIComponent(id)}`);
  }
  clearFaults(): Promise<void> {
    return this.call('DELETE', '/_sim/faults');
  }
  async requests(): Promise<RequestLogEntry[]> {
    return (await this.call<{ items: RequestLogEntry[] }>('GET', '/_sim/requests')).items;
  }
  clearRequests(): Promise<void> {
    return this.call('DELETE', '/_sim/requests');
  }
  counts(): Promise<SimCounts> {
    return this.call('GET', '/_sim/counts');
  }
  objects(): Promise<SimObjects> {
    return this.call('GET', '/_sim/objects');
  }
  reset(): Promise<void> {
    return this.call('POST', '/_sim/reset');
  }
  clock(): Promise<SimClock> {
    return this.call('GET', '/_sim/clock');
  }
  advanceClock(seconds: number): Promise<SimClock> {
    return this.call('POST', '/_sim/clock/advance', { seconds });
  }
  setQuotas(q: Partial<Quotas>): Promise<Quotas> {
    return this.call('PUT', '/_sim/quotas', q);
  }

  /** Every new pre-check fails on these items (unless its skippedCheckItemList names them); `[]` clears the knob. */
  setPreCheckFailures(items: Array<{ name: string; kind?: string; message?: string }>): Promise<{ items: unknown[] }> {
    return this.call('PUT', '/_sim/precheck-failures', { items });
  }
}
