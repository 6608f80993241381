// Prometheus metrics (prom-client), on a registry of their own so several managers can live in one process
// (tests). Named as stock dashboards expect: controller-runtime's `controller_runtime_*` and client-go's
// `workqueue_*` families (label `controller` / `name` = the lower-case kind, e.g. `ccecluster`), prom-client's
// unprefixed `process_*` / `nodejs_*` defaults, and ours under `cce_operator_*`. docs/metrics.md lists them all.
// `recordCloudCall` fits the cloud client's `onCall` hook structurally.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The fields of the cloud client's call event that metrics use. */
export interface CloudCallSample {
  operation: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  durationMs: number;
}

/** What a work queue reports for the `workqueue_*` gauges computed at scrape time. */
export interface QueueProbe {
  /** Seconds that keys being processed have been processing, in total and the longest. */
  unfinishedSeconds(now: number): { total: number; longest: number };
}

/** controller-runtime's result label values. */
export type ReconcileResultLabel = 'success' | 'error' | 'requeue' | 'requeue_after';

/** The controller / work-queue label of a kind: its lower-case name, as controller-runtime names controllers. */
export function controllerName(kind: string): string {
  return kind.toLowerCase();
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const QUEUE_BUCKETS = [1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10, 60, 300];

export class OperatorMetrics {
  readonly registry = new Registry();
  private readonly probes = new Map<string, QueueProbe>();

  // ---- controller-runtime ----
  readonly reconciles = new Counter({
    name: 'controller_runtime_reconcile_total',
    help: 'Total number of reconciliations per controller (result: success, error, requeue, requeue_after).',
    labelNames: ['controller', 'result'] as const,
    registers: [this.registry],
  });
  readonly reconcileErrors = new Counter({
    name: 'controller_runtime_reconcile_errors_total',
    help: 'Total number of reconciliation errors per controller (transient and terminal).',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });
  readonly terminalErrors = new Counter({
    name: 'controller_runtime_terminal_reconcile_errors_total',
    help: 'Total number of terminal reconciliation errors per controller (not retried until the object changes).',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });
  readonly reconcileTime = new Histogram({
    name: 'controller_runtime_reconcile_time_seconds',
    help: 'Length of time per reconciliation per controller.',
    labelNames: ['controller'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly activeWorkers = new Gauge({
    name: 'controller_runtime_active_workers',
    help: 'Number of currently used workers per controller.',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });
  readonly maxConcurrentReconciles = new Gauge({
    name: 'controller_runtime_max_concurrent_reconciles',
    help: 'Maximum number of concurrent reconciles per controller.',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });

  // ---- client-go workqueue ----
  readonly queueDepth = new Gauge({
    name: 'workqueue_depth',
    help: 'Current depth of workqueue (keys ready to be reconciled).',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });
  readonly queueAdds = new Counter({
    name: 'workqueue_adds_total',
    help: 'Total number of adds handled by workqueue.',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });
  readonly queueDuration = new Histogram({
    name: 'workqueue_queue_duration_seconds',
    help: 'How long in seconds an item stays in workqueue before being requested.',
    labelNames: ['name'] as const,
    buckets: QUEUE_BUCKETS,
    registers: [this.registry],
  });
  readonly workDuration = new Histogram({
    name: 'workqueue_work_duration_seconds',
    help: 'How long in seconds processing an item from workqueue takes.',
    labelNames: ['name'] as const,
    buckets: QUEUE_BUCKETS,
    registers: [this.registry],
  });
  readonly queueRetries = new Counter({
    name: 'workqueue_retries_total',
    help: 'Total number of retries (rate-limited re-adds) handled by workqueue.',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });
  readonly unfinishedWork = new Gauge({
    name: 'workqueue_unfinished_work_seconds',
    help: 'How many seconds of work has been done that is in progress and has not been observed by work_duration.',
    labelNames: ['name'] as const,
    registers: [this.registry],
    collect: () => this.collectQueues('total'),
  });
  readonly longestRunning = new Gauge({
    name: 'workqueue_longest_running_processor_seconds',
    help: 'How many seconds has the longest running processor for workqueue been running.',
    labelNames: ['name'] as const,
    registers: [this.registry],
    collect: () => this.collectQueues('longest'),
  });

  // ---- cce-operator ----
  readonly jobsInFlight = new Gauge({
    name: 'cce_operator_jobs_in_flight',
    help: 'Objects with a cloud job running, per controller.',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });
  readonly resyncsDeferred = new Counter({
    name: 'cce_operator_resyncs_deferred_total',
    help: 'Stable resyncs put off because their cloud budget was less than half full (new and changed objects go first), per controller.',
    labelNames: ['controller'] as const,
    registers: [this.registry],
  });
  readonly cloudCalls = new Counter({
    name: 'cce_operator_cloud_api_calls_total',
    help: 'CCE API calls (per HTTP attempt) by operation, status code (0 = no response) and outcome (ok, client_error, throttled, server_error, no_response).',
    labelNames: ['operation', 'code', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly cloudCallDuration = new Histogram({
    name: 'cce_operator_cloud_api_call_duration_seconds',
    help: 'CCE API call duration by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly apiWrites = new Counter({
    name: 'cce_operator_apiserver_writes_total',
    help: 'Writes the operator sent to the Kubernetes API server, by resource (cceclusters/status, events, secrets, leases, ...) and verb (create, update, patch, delete).',
    labelNames: ['resource', 'verb'] as const,
    registers: [this.registry],
  });
  readonly timeToReady = new Histogram({
    name: 'cce_operator_time_to_ready_seconds',
    help: 'From the operator seeing a new generation (spec change, or the object at start-up) to the object being Ready for it, per controller.',
    labelNames: ['controller'] as const,
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
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
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Lets the unfinished-work gauges read a queue at scrape time. */
  addQueue(name: string, probe: QueueProbe): void {
    this.probes.set(name, probe);
  }

  /** Feed for the cloud client's `onCall` hook. Never throws. */
  readonly recordCloudCall = (call: CloudCallSample): void => {
    this.cloudCalls.inc({ operation: call.operation, code: String(call.status), outcome: callOutcome(call.status) });
    this.cloudCallDuration.observe({ operation: call.operation }, Math.max(0, call.durationMs) / 1000);
  };

  /** Feed for countWrites (write-counter.ts). Never throws. */
  readonly recordWrite = (resource: string, verb: string): void => {
    this.apiWrites.inc({ resource, verb });
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }

  private collectQueues(which: 'total' | 'longest'): void {
    const now = Date.now();
    const gauge = which === 'total' ? this.unfinishedWork : this.longestRunning;
    for (const [name, probe] of this.probes) gauge.set({ name }, probe.unfinishedSeconds(now)[which]);
  }
}

function callOutcome(status: number): string {
  if (status === 0) return 'no_response';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}
