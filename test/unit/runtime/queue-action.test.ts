import { expect } from 'chai';
import { toQueueAction, type Outcome, type QueueAction } from '../../../operator/runtime/queue-action.js';
import { NotFound, RequeueAfter, Terminal, requeueAfter, stable } from '../../../operator/runtime/result.js';

describe('runtime/queue-action', () => {
  const policy = { stableMs: 600_000, activeMs: 30_000, jitterFraction: 0.1 };
  const mid = () => 0.5; // jitter lands exactly on the period
  const cases: Record<string, { reason: string; in: Outcome; want: QueueAction }> = {
    stable: {
      reason: 'a stable result resyncs on the long period, in the background (it may wait for a busy cloud budget)',
      in: { result: stable() },
      want: { kind: 'schedule', outcome: 'success', delayMs: 600_000, jobInFlight: false, background: true },
    },
    void: {
      reason: 'returning nothing means not known to be stable: short period',
      in: { result: undefined },
      want: { kind: 'schedule', outcome: 'success', delayMs: 30_000, jobInFlight: false, background: false },
    },
    job: {
      reason: 'a job in flight is never stable and is reported',
      in: { result: { stable: true, jobInFlight: true } },
      want: { kind: 'schedule', outcome: 'success', delayMs: 30_000, jobInFlight: true, background: false },
    },
    requeue: {
      reason: 'an explicit requeue shorter than the period wins',
      in: { result: requeueAfter(5_000, { jobInFlight: true }) },
      want: { kind: 'schedule', outcome: 'requeue', delayMs: 5_000, jobInFlight: true, background: false },
    },
    'requeue capped': {
      reason: 'an explicit requeue longer than the resync period is capped by it; an explicit requeue is never background',
      in: { result: { stable: true, requeueAfterMs: 3_600_000 } },
      want: { kind: 'schedule', outcome: 'requeue', delayMs: 600_000, jobInFlight: false, background: false },
    },
    'RequeueAfter error': {
      reason: 'a thrown RequeueAfter schedules its delay, not the backoff',
      in: { error: new RequeueAfter(7_000) },
      want: { kind: 'schedule', outcome: 'requeue', delayMs: 7_000, jobInFlight: false, background: false },
    },
    terminal: {
      reason: 'Terminal stops retrying',
      in: { error: new Terminal('quota exceeded', 'QuotaExceeded') },
      want: { kind: 'drop', outcome: 'terminal' },
    },
    'not found': {
      reason: 'NotFound drops the key',
      in: { error: new NotFound('gone') },
      want: { kind: 'drop', outcome: 'not_found' },
    },
    'plain error': {
      reason: 'anything else is transient: backoff',
      in: { error: new Error('ECONNRESET') },
      want: { kind: 'backoff', outcome: 'error' },
    },
    'non-error throw': {
      reason: 'a thrown string is transient too',
      in: { error: 'boom' },
      want: { kind: 'backoff', outcome: 'error' },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(toQueueAction(c.in, policy, mid)).to.deep.equal(c.want));
  }
});
