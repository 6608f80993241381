import { expect } from 'chai';
import { pacedPollMs, PollPacing } from '../../../../operator/resources/managed/poll-pacing.js';
import { recheckAfter, requeueAfter, stable } from '../../../../operator/runtime/result.js';

describe('poll pacing', () => {
  it('polls about every second at first, then a quarter of the time taken, capped at 6 × the base', () => {
    expect(pacedPollMs(5000, 0)).to.equal(1000);
    expect(pacedPollMs(5000, 3000)).to.equal(1000);
    expect(pacedPollMs(5000, 20_000)).to.equal(5000);
    expect(pacedPollMs(5000, 60_000)).to.equal(15_000);
    expect(pacedPollMs(5000, 600_000)).to.equal(30_000);
    // A base shorter than a second (tests) is never shortened.
    expect(pacedPollMs(100, 0)).to.equal(100);
    expect(pacedPollMs(100, 10_000)).to.equal(600);
  });

  it('a 10-minute operation costs under a third of the polls a fixed 5 s interval makes', () => {
    const polls = (delay: (elapsed: number) => number) => {
      let n = 0;
      for (let t = 0; t < 600_000; t += delay(t)) n++;
      return n;
    };
    const paced = polls((t) => pacedPollMs(5000, t));
    expect(polls(() => 5000)).to.equal(120);
    expect(paced).to.be.within(25, 40);
  });

  it('paces only polls at the base interval, from the first one, and starts over after any other result', () => {
    const p = new PollPacing(5000);
    const poll = requeueAfter(5000, { jobInFlight: true });
    expect(p.pace('ns/a', poll, 0).requeueAfterMs).to.equal(1000);
    expect(p.pace('ns/a', poll, 40_000).requeueAfterMs).to.equal(10_000);
    // Another key has its own clock.
    expect(p.pace('ns/b', poll, 40_000).requeueAfterMs).to.equal(1000);
    // Not a poll: a recheck, a requeue at another interval, a stable result — passed through, and the key starts over.
    expect(p.pace('ns/a', recheckAfter(60_000), 41_000)).to.deep.equal(recheckAfter(60_000));
    expect(p.pace('ns/a', poll, 42_000).requeueAfterMs).to.equal(1000);
    const other = requeueAfter(200, { jobInFlight: true });
    expect(p.pace('ns/a', other, 43_000)).to.equal(other);
    expect(p.pace('ns/b', stable(), 44_000)).to.deep.equal(stable());
    expect(p.size()).to.equal(0);
    p.pace('ns/c', poll, 0);
    p.forget('ns/c');
    expect(p.size()).to.equal(0);
    // The result keeps what it said besides the delay.
    expect(p.pace('ns/d', poll, 0)).to.deep.equal({ ...poll, requeueAfterMs: 1000 });
  });
});
