/**
 * A failed pass, as data: one condition (Stalled for terminal errors, Synced=False otherwise, with the CCE code and
 * request id in the message), the typed error the runtime maps to a queue action and records as one Warning Event
 * (its message without the request id, which goes to the Event's annotation, so repeats aggregate), and for
 * throttling — which the runtime does not record — the Event here.
 */
import { NotFound, RequeueAfter } from '../../runtime/result.js';
import { describeError } from '../cloud-errors.js';

export interface FailureSink {
  report(r: { outcome: { state: 'stalled' | 'error'; reason: string; message: string } }): Promise<void>;
  readonly ctx: { events: { warning(reason: string, message: string, details?: { requestId?: string | undefined }): void } };
}

export async function failPass(sink: FailureSink, err: unknown): Promise<never> {
  if (err instanceof NotFound) throw err; // the object is gone: nothing to report on
  const e = describeError(err);
  await sink.report({ outcome: { state: e.terminal ? 'stalled' : 'error', reason: e.reason, message: e.message } }).catch(() => undefined);
  if (e.error instanceof RequeueAfter) sink.ctx.events.warning(e.reason, e.eventMessage, { requestId: e.requestId });
  throw e.error;
}
