import { expect } from 'chai';
import { bucketKey, projectBudgetBusyMs, resetSharedBuckets, sharedBucket, TokenBucket } from '../../../operator/cloud/token-bucket.js';
import { FakeClock } from './fake-clock.js';

describe('cloud/token-bucket', () => {
  afterEach(() => resetSharedBuckets());

  it('allows a burst, then paces at the rate', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ ratePerSecond: 2, burst: 3 }, clock);
    expect([b.reserve(), b.reserve(), b.reserve()]).to.deep.equal([0, 0, 0]);
    expect(b.reserve()).to.equal(500);
    expect(b.reserve()).to.equal(1000);
  });

  it('headroomWaitMs: 0 while the bucket is at least half full, then the time until it is again', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ ratePerSecond: 2, burst: 4 }, clock);
    expect(b.headroomWaitMs(), 'full').to.equal(0);
    b.reserve();
    b.reserve();
    expect(b.headroomWaitMs(), 'half full').to.equal(0);
    b.reserve();
    expect(b.headroomWaitMs(), 'one token under half').to.equal(500);
    b.reserve();
    b.reserve(); // a caller now waits 500 ms
    expect(b.headroomWaitMs(), 'three tokens under half, one of them owed').to.equal(1500);
    clock.t += 1_500;
    expect(b.headroomWaitMs(), 'refilled to half').to.equal(0);
  });

  it('projectBudgetBusyMs is the longest headroom wait in the shared budgets of that project only', () => {
    expect(projectBudgetBusyMs('p1'), 'no budget yet').to.equal(0);
    const a = sharedBucket('https://cce.example.com', 'p1', { ratePerSecond: 1, burst: 1 });
    sharedBucket('https://cce.other.example.com', 'p1', { ratePerSecond: 1, burst: 1 });
    sharedBucket('https://cce.example.com', 'p2', { ratePerSecond: 1, burst: 1 });
    sharedBucket('https://cce.example.com', 'xp1', { ratePerSecond: 1, burst: 1 });
    expect(projectBudgetBusyMs('p1')).to.equal(0);
    a.reserve();
    a.reserve();
    expect(projectBudgetBusyMs('p1'), 'p1 has a caller queued on one endpoint: 1.5 tokens under half').to.be.within(1400, 1500);
    expect(projectBudgetBusyMs('p2'), 'another project is not held up').to.equal(0);
    expect(projectBudgetBusyMs('xp1'), 'nor one whose id ends like it').to.equal(0);
  });

  it('refills with time, up to the burst', () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ ratePerSecond: 10, burst: 2 }, clock);
    b.reserve();
    b.reserve();
    clock.t += 60_000;
    expect(b.available()).to.equal(2);
  });

  it('take() waits for the reserved token', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ ratePerSecond: 4, burst: 1 }, clock);
    await b.take();
    await b.take();
    await b.take();
    expect(clock.sleeps).to.deep.equal([250, 250]);
  });

  const invalid = {
    'zero rate': { ratePerSecond: 0, burst: 1 },
    'burst below one': { ratePerSecond: 1, burst: 0 },
  };
  for (const [reason, limit] of Object.entries(invalid)) {
    it(`rejects ${reason}`, () => expect(() => new TokenBucket(limit)).to.throw(RangeError));
  }

  const keyCases = {
    'same origin and project share': { a: ['https://cce.x.com', 'p1'], b: ['https://cce.x.com/', 'p1'], same: true },
    'different projects do not': { a: ['https://cce.x.com', 'p1'], b: ['https://cce.x.com', 'p2'], same: false },
    'different endpoints do not': { a: ['https://cce.x.com', 'p1'], b: ['https://cce.y.com', 'p1'], same: false },
  };
  for (const [reason, c] of Object.entries(keyCases)) {
    it(`shared bucket: ${reason}`, () => {
      const a = sharedBucket(c.a[0]!, c.a[1]!);
      const b = sharedBucket(c.b[0]!, c.b[1]!);
      expect(a === b).to.equal(c.same);
      expect(bucketKey(c.a[0]!, c.a[1]!) === bucketKey(c.b[0]!, c.b[1]!)).to.equal(c.same);
    });
  }

  it('a new limit for the same key replaces the bucket', () => {
    const a = sharedBucket('https://cce.x.com', 'p', { ratePerSecond: 1, burst: 1 });
    const b = sharedBucket('https://cce.x.com', 'p', { ratePerSecond: 5, burst: 5 });
    expect(a).to.not.equal(b);
    expect(sharedBucket('https://cce.x.com', 'p', { ratePerSecond: 5, burst: 5 })).to.equal(b);
  });
});
