/**
 * Errors are data: a cloud (or credentials) error becomes a Synced=False condition carrying the CCE error code,
 * and a typed runtime error deciding the retry: terminal errors wait for a spec change, throttling waits the
 * server's Retry-After, everything else backs off.
 */
import { isCceApiError } from '../cloud/index.js';
import { RequeueAfter, Terminal, Transient } from '../runtime/result.js';
import { CredentialsError } from './credentials.js';
import { ManagedReason } from './managed/reasons.js';

export interface ErrorReport {
  reason: string;
  message: string;
  terminal: boolean;
  /** What the runtime should see (thrown after the status is written). */
  error: Error;
}

export function describeError(err: unknown): ErrorReport {
  if (err instanceof Terminal) return { reason: err.reason, message: err.message, terminal: true, error: err };
  if (err instanceof Transient) return { reason: err.reason, message: err.message, terminal: false, error: err };
  if (err instanceof RequeueAfter) return { reason: ManagedReason.Waiting, message: err.message, terminal: false, error: err };
  if (err instanceof CredentialsError) {
    const reason = ManagedReason.CredentialsError;
    return { reason, message: err.message, terminal: true, error: new Terminal(err.message, reason) };
  }
  if (isCceApiError(err)) {
    const where = `${err.operation}${err.requestId ? ` (request ${err.requestId})` : ''}`;
    const message = `${where} failed: HTTP ${err.httpStatus} ${err.code}: ${err.message}`;
    if (err.throttled) {
      const error = new RequeueAfter(err.retryAfterMs ?? 30_000, message, { cause: err });
      return { reason: ManagedReason.Throttled, message, terminal: false, error };
    }
    const reason = ManagedReason.CloudError;
    if (err.terminal) return { reason, message, terminal: true, error: new Terminal(message, reason, { cause: err }) };
    return { reason, message, terminal: false, error: new Transient(message, reason, { cause: err }) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { reason: ManagedReason.ReconcileError, message, terminal: false, error: err instanceof Error ? err : new Error(message) };
}
