import { expect } from 'chai';
import { LeaderElector } from '../../../operator/runtime/leader-election.js';
import type { LeaseRecord, LeaseStore } from '../../../operator/runtime/lease-store.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { FakeClock, flush } from './fake-clock.js';
import { apiError } from './fakes.js';

/** One Lease shared by several candidates; `down` makes one candidate's calls fail (crash/partition). */
class SharedLease {
  record: LeaseRecord | undefined;
  private rv = 0;
  readonly down = new Set<string>();
  readonly writes: string[] = [];

  storeFor(who: string): LeaseStore {
    const check = () => {
      if (this.down.has(who)) throw new Error(`${who} cannot reach the API server`);
    };
    return {
      description: 'ns/lease',
      get: async () => (check(), this.record && { ...this.record }),
      create: async (r) => {
        check();
        if (this.record) throw apiError(409);
        return this.save(who, r);
      },
      update: async (r) => {
        check();
        if (r.resourceVersion !== this.record?.resourceVersion) throw apiError(409);
        return this.save(who, r);
      },
    };
  }

  private save(who: string, r: LeaseRecord): LeaseRecord {
    this.record = { ...r, resourceVersion: String(++this.rv) };
    this.writes.push(`${who}:${r.holderIdentity || '(released)'}`);
    return { ...this.record };
  }
}

const timings = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

function candidate(lease: SharedLease, clock: FakeClock, identity: string) {
  const log: string[] = [];
  const elector = new LeaderElector(lease.storeFor(identity), {
    ...timings,
    identity,
    clock,
    log: silentLogger(),
    onStartedLeading: () => log.push('started'),
    onStoppedLeading: () => log.push('stopped'),
  });
  void elector.run();
  return { elector, log };
}

/** Advances fake time in small steps, letting promise chains run between them. */
async function tick(clock: FakeClock, ms: number, step = 250): Promise<void> {
  await flush();
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await flush();
  }
}

describe('runtime/leader-election', () => {
  it('exactly one candidate leads; the standby waits while the leader renews', async () => {
    const clock = new FakeClock();
    const lease = new SharedLease();
    const a = candidate(lease, clock, 'a');
    await tick(clock, 250);
    const b = candidate(lease, clock, 'b');
    await tick(clock, 60_000);
    expect([a.elector.isLeader(), b.elector.isLeader(), a.log, b.log]).to.deep.equal([true, false, ['started'], []]);
    expect(lease.record?.holderIdentity).to.equal('a');
    expect(
      lease.writes.filter((w) => w.startsWith('b')),
      'standby never writes',
    ).to.deep.equal([]);
    expect(lease.writes.length, 'leader renews every retry period').to.be.within(29, 32);
  });

  it('a standby takes over within lease duration + retry period after the leader dies', async () => {
    const clock = new FakeClock();
    const lease = new SharedLease();
    const a = candidate(lease, clock, 'a');
    await tick(clock, 250);
    const b = candidate(lease, clock, 'b');
    await tick(clock, 10_000);
    lease.down.add('a'); // the leader's process dies / is cut off
    const diedAt = clock.now();
    let tookOverAt = 0;
    for (let i = 0; i < 200 && !b.elector.isLeader(); i++) {
      await tick(clock, 250);
      tookOverAt = clock.now();
    }
    expect(b.log).to.deep.equal(['started']);
    expect(tookOverAt - diedAt).to.be.at.most(timings.leaseDurationMs + timings.retryPeriodMs);
    expect(lease.record).to.include({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(a.log, 'the cut-off leader stepped down after the renew deadline').to.deep.equal(['started', 'stopped']);
  });

  it('a leader that cannot renew steps down before a standby could take over', async () => {
    const clock = new FakeClock();
    const lease = new SharedLease();
    const a = candidate(lease, clock, 'a');
    await tick(clock, 250);
    lease.down.add('a');
    const cutAt = clock.now();
    while (a.log.length < 2) await tick(clock, 250);
    expect(clock.now() - cutAt).to.be.below(timings.leaseDurationMs);
    expect(a.elector.isLeader()).to.equal(false);
  });

  it('stop() releases the lease so the standby takes over at its next retry', async () => {
    const clock = new FakeClock();
    const lease = new SharedLease();
    const a = candidate(lease, clock, 'a');
    await tick(clock, 250);
    const b = candidate(lease, clock, 'b');
    await tick(clock, 5_000);
    const stopping = a.elector.stop();
    await tick(clock, 250);
    await stopping;
    expect(lease.writes.at(-1)).to.equal('a:(released)');
    const releasedAt = clock.now();
    while (!b.elector.isLeader()) await tick(clock, 250);
    expect(clock.now() - releasedAt).to.be.at.most(timings.retryPeriodMs + 250);
    expect(a.log, 'stop is not a loss').to.deep.equal(['started']);
  });

  it('stop() while campaigning does not touch a lease held by someone else', async () => {
    const clock = new FakeClock();
    const lease = new SharedLease();
    candidate(lease, clock, 'a');
    await tick(clock, 250);
    const b = candidate(lease, clock, 'b');
    await tick(clock, 4_000);
    const stopping = b.elector.stop();
    await tick(clock, 250);
    await stopping;
    expect(lease.record?.holderIdentity).to.equal('a');
  });
});
