// Control flow as typed values. A reconciler either returns a ReconcileResult or throws one of these error
// classes (or any other error, which means "transient: retry with backoff"). `queue-action.ts` maps them to
// what the work queue does next; nothing else in the runtime interprets them.

/** What a successful pass tells the runtime about the object. */
export interface ReconcileResult {
  /**
   * The cloud matches the spec, nothing is in flight and the object is Ready: re-observe it on the long,
   * jittered resync period. Anything else (false/absent) resyncs on the short, active period.
   */
  stable?: boolean;
  /** A cloud job is running for this object (counted in the jobs-in-flight gauge; implies not stable). */
  jobInFlight?: boolean;
  /** Run again after at most this many milliseconds (job polling); the resync period still applies if shorter. */
  requeueAfterMs?: number;
}

/** Shorthands so reconcilers read as sentences: `return stable()`, `return requeueAfter(10_000, { jobInFlight: true })`. */
export const stable = (): ReconcileResult => ({ stable: true });
export const active = (): ReconcileResult => ({ stable: false });
export const requeueAfter = (ms: number, extra: Omit<ReconcileResult, 'requeueAfterMs'> = {}): ReconcileResult => ({
  ...extra,
  requeueAfterMs: ms,
});

/**
 * Nothing to poll (waiting for the user, another party, or a backoff that is ours): come back after `ms`, which may
 * exceed the short resync period (the long, stable one still caps it).
 */
export const recheckAfter = (ms: number): ReconcileResult => ({ stable: true, requeueAfterMs: ms });

/** Retry after a fixed delay rather than the exponential backoff (e.g. 429 with Retry-After, a job running). */
export class RequeueAfter extends Error {
  override readonly name = 'RequeueAfter';
  constructor(
    readonly delayMs: number,
    message = `requeue after ${delayMs}ms`,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Retrying cannot help (validation error, quota, unsupported change): stop retrying. The key is reconciled
 * again only when the object changes (spec, labels, annotations — e.g. the refresh annotation) or the
 * operator restarts.
 */
export class Terminal extends Error {
  override readonly name = 'Terminal';
  constructor(
    message: string,
    readonly reason = 'Terminal',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A failure worth retrying with backoff, with the condition/Event reason it is reported under (e.g. CloudError for a
 * CCE 5xx). Any other error is retried the same way under the reason "ReconcileError".
 */
export class Transient extends Error {
  override readonly name = 'Transient';
  constructor(
    message: string,
    readonly reason = 'ReconcileError',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The reason an error is reported under (Terminal and Transient carry one). */
export function reasonOf(err: unknown): string {
  return err instanceof Terminal || err instanceof Transient ? err.reason : 'ReconcileError';
}

/** The object is gone: drop the key quietly. */
export class NotFound extends Error {
  override readonly name = 'NotFound';
}

export function isTerminal(err: unknown): err is Terminal {
  return err instanceof Terminal;
}
