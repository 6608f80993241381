/**
 * The cloud layer's observability seam: an `onCall` callback per HTTP attempt (the runtime counts calls by
 * operation and status code with it) and a minimal logger interface that a winston logger satisfies.
 * Neither ever receives headers, bodies or credentials.
 */
import type { CceFlavor } from './models/common.js';

export type CallOutcome = 'success' | 'retry' | 'error' | 'outcome-unknown';

export interface CallEvent {
  /** Operation name, as in the official SDK (`CreateCluster`, `ListAddonInstances`, ...). */
  operation: string;
  flavor: CceFlavor;
  method: string;
  /** Request path without the query string. */
  path: string;
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status: number;
  durationMs: number;
  requestId?: string;
  /** 0 for the first attempt. */
  attempt: number;
  outcome: CallOutcome;
  /** CCE error code on failures. */
  errorCode?: string;
}

export type OnCall = (event: CallEvent) => void;

/** What the client logs with; `winston.Logger` fits. */
export interface CloudLogger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

/** Calls the hook, never letting an exception in user code break the request. */
export function emit(hook: OnCall | undefined, event: CallEvent): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // observability must never fail a call
  }
}
