/**
 * Contract-test harness: starts the CCE simulator over real HTTP, builds clients aimed at it (standard and
 * Autopilot, AK/SK or token) and talks to its `/_sim` admin API through sim/admin-client.ts.
 */
import { SimAdmin, type FaultSpec } from '../../../sim/admin-client.js';
import { startSimulator } from '../../../sim/server.js';
import { CceClient, type CceClientOptions } from '../../../operator/cloud/client.js';
import type { CallEvent } from '../../../operator/cloud/observe.js';
import type { CceFlavor } from '../../../operator/cloud/models/common.js';

export const AK = 'SIMAKCONTRACT0000001';
export const SK = 'simSecretKeyForContractTests0123456789ab';
export const TOKEN = 'MIIsim-contract-token-0123456789';
export const PROJECT = '05f1e2c3d4b5a69780f1e2c3d4b5a697';

export interface Sim {
  url: string;
  close(): Promise<void>;
}

export async function startSim(jobSeconds = 0): Promise<Sim> {
  return startSimulator({ port: 0, accessKey: AK, secretKey: SK, projectId: PROJECT, jobSeconds, tokens: [TOKEN] });
}

export interface Harness {
  client: CceClient;
  events: CallEvent[];
  logs: string[];
}

/** A client on the simulator; retries are fast (small backoff) so the suite stays quick. */
export function clientFor(sim: Sim, flavor: CceFlavor, extra: Partial<CceClientOptions> = {}): Harness {
  const events: CallEvent[] = [];
  const logs: string[] = [];
  const client = new CceClient({
    endpoint: sim.url,
    addonHostMode: 'main',
    projectId: PROJECT,
    flavor,
    credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
    timeoutMs: 5000,
    maxRetries: 3,
    backoff: { baseDelayMs: 20, maxDelayMs: 200 },
    rateLimit: false,
    onCall: (e) => events.push(e),
    logger: {
      debug: (m, meta) => logs.push(`${m} ${JSON.stringify(meta)}`),
      warn: (m, meta) => logs.push(`${m} ${JSON.stringify(meta)}`),
    },
    ...extra,
  });
  return { client, events, logs };
}

export type { FaultSpec, RequestLogEntry } from '../../../sim/admin-client.js';

/** The simulator's admin API (`/_sim/...`): sim/admin-client.ts, with the short names these tests use. */
export class Admin extends SimAdmin {
  fault(spec: FaultSpec): Promise<{ id: string }> {
    return this.addFault(spec);
  }
  advance(seconds: number): Promise<unknown> {
    return this.advanceClock(seconds);
  }
}

/** Polls `probe` until it returns a value (not undefined), up to `tries` times. */
export async function eventually<T>(probe: () => Promise<T | undefined>, tries = 50, delayMs = 20): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error('condition not reached');
}
