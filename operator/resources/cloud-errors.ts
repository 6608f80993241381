/**
 * Errors are data: a cloud (or credentials) error becomes a Synced=False condition carrying the CCE error code,
 * and a typed runtime error deciding the retry: terminal errors wait for a spec change, throttling waits the
 * server's Retry-After, everything else backs off.
 */
import { isCceApiError } from '../cloud/index.js';
import { RequeueAfter, Terminal } from '../runtime/result.js';
import { CredentialsError } from './credentials.js';

export interface ErrorReport {
  reason: string;
  message: string;
  terminal: boolean;
  /** What the runtime should see (thrown after the status is written). */
  error: Error;
}

export function describeError(err: unknown): ErrorReport {
  if (err instanceof Terminal) return { reason: err.reason, message: err.message, terminal: true, error: err };
  if (err instanceof RequeueAfter) return { reason: 'Waiting', message: err.message, terminal: false, error: err };
  if (err instanceof CredentialsError) {
    return { reason: 'CredentialsError', message: err.message, terminal: true, error: new Terminal(err.message, 'CredentialsError') };
  }
  if (isCceApiError(err)) {
    const where = `${err.operation}${err.requestId ? ` (request ${err.requestId})` : ''}`;
    const message = `${where} failed: HTTP ${err.httpStatus} ${err.code}: ${err.message}`;
    if (err.throttled) {
      return { reason: 'Throttled', message, terminal: false, error: new RequeueAfter(err.retryAfterMs ?? 30_000, message, { cause: err }) };
    }
    if (err.terminal) return { reason: 'CloudError', message, terminal: true, error: new Terminal(message, 'CloudError', { cause: err }) };
    return { reason: 'CloudError', message, terminal: false, error: withReason(new Error(message, { cause: err }), 'CloudError') };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { reason: 'ReconcileError', message, terminal: false, error: err instanceof Error ? err : new Error(message) };
}

function withReason(e: Error, reason: string): Error {
  return Object.assign(e, { reason });
}
