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
  /** For the condition: carries the CCE request id of a failed call. */
  message: string;
  /** For the Event (and the thrown error): the same without the request id, so repeats aggregate. */
  eventMessage: string;
  requestId?: string | undefined;
  terminal: boolean;
  /** What the runtime should see (thrown after the status is written). */
  error: Error;
}

export function describeError(err: unknown): ErrorReport {
  const same = (message: string) => ({ message, eventMessage: message });
  if (err instanceof Terminal) return { reason: err.reason, ...same(err.message), terminal: true, error: err };
  if (err instanceof Transient) return { reason: err.reason, ...same(err.message), terminal: false, error: err };
  if (err instanceof RequeueAfter) return { reason: ManagedReason.Waiting, ...same(err.message), terminal: false, error: err };
  if (err instanceof CredentialsError) {
    const reason = ManagedReason.CredentialsError;
    return { reason, ...same(err.message), terminal: true, error: new Terminal(err.message, reason) };
  }
  if (isCceApiError(err)) {
    const what = `failed: HTTP ${err.httpStatus} ${err.code}: ${err.message}`;
    const message = `${err.operation}${err.requestId ? ` (request ${err.requestId})` : ''} ${what}`;
    const eventMessage = `${err.operation} ${what}`;
    const base = { message, eventMessage, requestId: err.requestId };
    if (err.throttled) {
      const error = new RequeueAfter(err.retryAfterMs ?? 30_000, eventMessage, { cause: err });
      return { reason: ManagedReason.Throttled, ...base, terminal: false, error };
    }
    if (err.apiMissing) {
      const why = `this cloud does not offer the API of ${err.operation} (HTTP ${err.httpStatus} ${err.code}): not retried until the spec changes`;
      const error = new Terminal(why, ManagedReason.UnsupportedByCloud, { cause: err });
      return {
        reason: ManagedReason.UnsupportedByCloud,
        message: `${why}${err.requestId ? ` (request ${err.requestId})` : ''}`,
        eventMessage: why,
        requestId: err.requestId,
        terminal: true,
        error,
      };
    }
    const reason = ManagedReason.CloudError;
    if (err.terminal) return { reason, ...base, terminal: true, error: new Terminal(eventMessage, reason, { cause: err }) };
    return { reason, ...base, terminal: false, error: new Transient(eventMessage, reason, { cause: err }) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    reason: ManagedReason.ReconcileError,
    ...same(message),
    terminal: false,
    error: err instanceof Error ? err : new Error(message),
  };
}
