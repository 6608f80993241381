// Prometheus metrics (prom-client), on a registry of their own so several managers can live in one process
// (tests). `recordCloudCall` fits the cloud client's `onCall` hook structurally.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The fields of the cloud client's call event that metrics use. */
export interface CloudCallSample {
  operation: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  durationMs: number;
}

export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({
    name: 'cce_operator_reconcile_total',
    help: 'Reconciles by kind and result (success, requeue, error, terminal, not_found).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  readonly reconcileDuration = new Histogram({
    name: 'cce_operator_reconcile_duration_seconds',
    help: 'Reconcile duration by kind.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'cce_operator_workqueue_depth',
    help: 'Keys ready to be reconciled, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly jobsInFlight = new Gauge({
    name: 'cce_operator_jobs_in_flight',
    help: 'Objects with a cloud job running, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly cloudCalls = new Counter({
    name: 'cce_operator_cloud_api_calls_total',
    help: 'CCE API calls (per HTTP attempt) by operation and status code (0 = no response).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly cloudCallDuration = new Histogram({
    name: 'cce_operator_cloud_api_call_duration_seconds',
    help: 'CCE API call duration by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly informerRestarts = new Counter({
    name: 'cce_operator_informer_restarts_total',
    help: 'Informer restarts after a list/watch error, by resource.',
    labelNames: ['resource'] as const,
    registers: [this.registry],
  });
  readonly isLeader = new Gauge({
    name: 'cce_operator_leader',
    help: '1 while this process holds the leader Lease.',
    registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'cce_operator_' });
  }

  /** Feed for the cloud client's `onCall` hook. Never throws. */
  readonly recordCloudCall = (call: CloudCallSample): void => {
    this.cloudCalls.inc({ operation: call.operation, code: String(call.status) });
    this.cloudCallDuration.observe({ operation: call.operation }, Math.max(0, call.durationMs) / 1000);
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
