import { expect } from 'chai';
import { REFRESH_ANNOTATION, RefreshTracker, resyncDelay } from '../../../operator/runtime/resync.js';

describe('runtime/resync', () => {
  const policy = { stableMs: 600_000, activeMs: 20_000, jitterFraction: 0.1 };
  const cases = {
    'stable, low jitter': { result: { stable: true }, random: 0, want: 540_000 },
    'stable, high jitter': { result: { stable: true }, random: 0.999999, want: 660_000 },
    'not ready': { result: { stable: false }, random: 0.5, want: 20_000 },
    'job running overrides stable': { result: { stable: true, jobInFlight: true }, random: 0.5, want: 20_000 },
    'requeue shorter than period': { result: { requeueAfterMs: 2_000 }, random: 0.5, want: 2_000 },
    'requeue 0 means now': { result: { requeueAfterMs: 0 }, random: 0.5, want: 0 },
    'negative requeue clamps to now': { result: { requeueAfterMs: -5 }, random: 0.5, want: 0 },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(resyncDelay(c.result, policy, () => c.random)).to.equal(c.want));
  }

  it('stable resyncs spread over +/-10% of the period', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = Array.from({ length: 500 }, () => resyncDelay({ stable: true }, policy, random));
    expect(Math.min(...delays)).to.be.at.least(540_000);
    expect(Math.max(...delays)).to.be.at.most(660_000);
    expect(new Set(delays).size, 'not in lockstep').to.be.greaterThan(400);
  });

  describe('RefreshTracker', () => {
    const obj = (v?: string) => ({
      metadata: { annotations: (v === undefined ? {} : { [REFRESH_ANNOTATION]: v }) as Record<string, string> },
    });
    it('reports each new annotation value once per key', () => {
      const t = new RefreshTracker();
      const seen = [t.take('a', obj()), t.take('a', obj('t1')), t.take('a', obj('t1')), t.take('b', obj('t1')), t.take('a', obj('t2'))];
      expect(seen).to.deep.equal([false, true, false, true, true]);
      t.forget('a');
      expect(t.take('a', obj('t2'))).to.equal(true);
    });
  });
});
