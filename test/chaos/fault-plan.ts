/**
 * The cloud's misbehaviour during the chaos window, as simulator fault rules: 5xx and dropped answers both before
 * the cloud acted and after it (an "outcome unknown" write), 429 with Retry-After, latency before and after.
 */
import type { FaultSpec } from '../../sim/admin-client.js';

const WRITES = '^(POST|PUT|DELETE)$';

export function faultPlan(): { label: string; spec: FaultSpec; methods?: string }[] {
  return [
    { label: '429 + Retry-After 1 s', spec: { kind: 'throttle', rate: 0.05, retryAfterSeconds: 1 } },
    { label: '429 resource locked + Retry-After 2 s', spec: { kind: 'throttle', rate: 0.02, code: 'CCE.01429002', retryAfterSeconds: 2 } },
    { label: '503 before the cloud acted', spec: { kind: 'error', rate: 0.04, status: 503 } },
    { label: '500 after a write was carried out', spec: { kind: 'error', rate: 0.05, when: 'after' }, methods: WRITES },
    { label: 'latency 0.8 s before', spec: { kind: 'latency', rate: 0.05, delayMs: 800 } },
    { label: 'latency 3 s after a write', spec: { kind: 'latency', rate: 0.05, delayMs: 3000, when: 'after' }, methods: WRITES },
    { label: 'dropped before the cloud acted', spec: { kind: 'drop', rate: 0.02 } },
    { label: 'dropped after a write was carried out', spec: { kind: 'drop', rate: 0.05, when: 'after' }, methods: WRITES },
  ];
}

/** The rules as the simulator takes them (the write-only ones once per write method). */
export function faultRules(): FaultSpec[] {
  return faultPlan().flatMap((f) => (f.methods ? ['POST', 'PUT', 'DELETE'].map((method) => ({ ...f.spec, method })) : [f.spec]));
}
