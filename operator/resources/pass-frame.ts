/**
 * The frame every kind's reconcile pass runs in: the paused annotation stops it before any cloud call, and any
 * error becomes data — a status condition (through the kind's `report`), a Warning Event where the runtime would not
 * record one (throttling), and the typed error the runtime maps to a queue action.
 */
import type { EventRecorder } from '../runtime/events.js';
import type { KubeObject } from '../runtime/kube-object.js';
import { NotFound, RequeueAfter, stable, type ReconcileResult } from '../runtime/result.js';
import { describeError } from './cloud-errors.js';
import type { Outcome } from './status-report.js';

export const PAUSED_ANNOTATION = 'cce.operator.dev/paused';

export async function runPass(
  obj: KubeObject,
  events: EventRecorder,
  report: (outcome: Outcome) => Promise<unknown>,
  pass: () => Promise<ReconcileResult>,
): Promise<ReconcileResult> {
  if (obj.metadata?.annotations?.[PAUSED_ANNOTATION] === 'true') {
    await report({ state: 'stalled', reason: 'Paused', message: `${PAUSED_ANNOTATION}=true: not reconciling` });
    return stable();
  }
  try {
    return await pass();
  } catch (err) {
    if (err instanceof NotFound) throw err; // the object is gone: nothing to report on
    const e = describeError(err);
    const reason = (err as { reason?: string }).reason ?? e.reason;
    await report({ state: e.terminal ? 'stalled' : 'error', reason, message: e.message }).catch(() => undefined);
    // The runtime records an Event for thrown errors, except RequeueAfter (throttling): record that one here.
    if (e.error instanceof RequeueAfter) events.warning(reason, e.message);
    throw e.error;
  }
}
