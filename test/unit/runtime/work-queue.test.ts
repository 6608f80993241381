import { expect } from 'chai';
import { WorkQueue } from '../../../operator/runtime/work-queue.js';
import { FakeClock, flush } from './fake-clock.js';

const backoff = { baseMs: 100, maxMs: 1_000, factor: 2 };

function setup() {
  const clock = new FakeClock();
  const depths: number[] = [];
  const q = new WorkQueue({ clock, backoff, onDepth: (d) => depths.push(d) });
  return { clock, q, depths };
}

/** Takes every key that is ready right now, without waiting. */
async function takeReady(q: WorkQueue): Promise<string[]> {
  const out: string[] = [];
  while (q.len() > 0) out.push((await q.get()) as string);
  return out;
}

describe('runtime/work-queue', () => {
  const cases: Record<string, { reason: string; run: (q: WorkQueue, c: FakeClock) => Promise<string[]>; want: string[] }> = {
    'collapse': {
      reason: 'a burst of adds for one key yields one item',
      run: async (q) => {
        ['ns/a', 'ns/a', 'ns/b', 'ns/a'].forEach((k) => q.add(k));
        return takeReady(q);
      },
      want: ['ns/a', 'ns/b'],
    },
    'fifo': {
      reason: 'distinct keys come out in insertion order',
      run: async (q) => {
        ['c', 'a', 'b'].forEach((k) => q.add(k));
        return takeReady(q);
      },
      want: ['c', 'a', 'b'],
    },
    'no concurrent processing': {
      reason: 'a key added while processing is not handed out until done, then exactly once',
      run: async (q) => {
        q.add('k');
        const k = (await q.get()) as string;
        q.add('k');
        q.add('k');
        const during = await takeReady(q);
        q.done(k);
        const after = await takeReady(q);
        return [...during, '|', ...after];
      },
      want: ['|', 'k'],
    },
    'not re-added when clean': {
      reason: 'done without a new add does not re-queue',
      run: async (q) => {
        q.add('k');
        q.done((await q.get()) as string);
        return takeReady(q);
      },
      want: [],
    },
    'addAfter': {
      reason: 'delayed keys become ready at their deadline, not before',
      run: async (q, c) => {
        q.addAfter('late', 500);
        q.addAfter('early', 100);
        c.advance(99);
        const none = await takeReady(q);
        c.advance(1);
        const one = await takeReady(q);
        c.advance(400);
        return [...none, '|', ...one, '|', ...(await takeReady(q))];
      },
      want: ['|', 'early', '|', 'late'],
    },
    'earliest deadline wins': {
      reason: 'a later addAfter does not postpone an earlier one; an earlier one replaces a later one',
      run: async (q, c) => {
        q.addAfter('k', 300);
        q.addAfter('k', 1_000);
        q.addAfter('k', 200);
        c.advance(200);
        const first = await takeReady(q);
        return [...first, String(q.scheduled())];
      },
      want: ['k', '0'],
    },
    'hand-out cancels deadline': {
      reason: 'a key picked up now drops its pending deadline (the reconcile sets the next one)',
      run: async (q, c) => {
        q.addAfter('k', 100);
        q.add('k');
        q.done((await q.get()) as string);
        c.advance(1_000);
        return [...(await takeReady(q)), String(q.scheduled())];
      },
      want: ['0'],
    },
    'deadline while queued collapses': {
      reason: 'a deadline firing for a key that is already ready does not duplicate it',
      run: async (q, c) => {
        q.add('k');
        q.addAfter('k', 10);
        c.advance(10);
        return takeReady(q);
      },
      want: ['k'],
    },
  };
  for (const [name, tc] of Object.entries(cases)) {
    it(`${name}: ${tc.reason}`, async () => {
      const { q, clock } = setup();
      expect(await tc.run(q, clock)).to.deep.equal(tc.want);
    });
  }

  it('backs off per key exponentially and caps; forget resets', () => {
    const { q, clock } = setup();
    const delays = [1, 2, 3, 4, 5, 6].map(() => q.addRateLimited('a'));
    expect(delays).to.deep.equal([100, 200, 400, 800, 1_000, 1_000]);
    expect(q.addRateLimited('b'), 'other keys have their own count').to.equal(100);
    expect(q.failures('a')).to.equal(6);
    q.forget('a');
    expect(q.failures('a')).to.equal(0);
    expect(q.addRateLimited('a')).to.equal(100);
    expect(clock.delays()[0], 'one timer per key, earliest kept').to.equal(100);
  });

  it('a waiting worker receives a key as soon as it is added', async () => {
    const { q } = setup();
    const got = q.get();
    q.add('k');
    expect(await got).to.equal('k');
  });

  it('shutDown releases waiting workers, stops handing out and drops deadlines', async () => {
    const { q, clock } = setup();
    const waiting = q.get();
    q.addAfter('later', 100);
    q.shutDown();
    expect(await waiting).to.equal(undefined);
    q.add('x');
    expect(await q.get()).to.equal(undefined);
    expect(clock.pending()).to.equal(0);
  });

  it('drain resolves when the last in-flight key is done', async () => {
    const { q } = setup();
    q.add('a');
    q.add('b');
    const a = (await q.get()) as string;
    const b = (await q.get()) as string;
    q.shutDown();
    let drained = false;
    void q.drain().then(() => (drained = true));
    q.done(a);
    await flush();
    expect(drained).to.equal(false);
    q.done(b);
    await flush();
    expect(drained).to.equal(true);
  });

  it('cancel drops a pending deadline and the failure count', () => {
    const { q, clock } = setup();
    q.addRateLimited('k');
    q.cancel('k');
    expect([q.scheduled(), q.failures('k'), clock.pending()]).to.deep.equal([0, 0, 0]);
  });

  it('reports queue depth changes', async () => {
    const { q, depths } = setup();
    q.add('a');
    q.add('b');
    await q.get();
    expect(depths).to.deep.equal([1, 2, 1]);
  });
});
