import { expect } from 'chai';
import { SharedLookups } from '../../../operator/cloud/shared-lookups.js';

describe('cloud/shared-lookups', () => {
  const setup = (ttlMs = 5_000) => {
    let now = 0;
    let fetches = 0;
    const resolvers: Array<(v: string[]) => void> = [];
    const lookups = new SharedLookups(ttlMs, () => now);
    const fetch = () => {
      fetches++;
      return new Promise<string[]>((r) => resolvers.push(r));
    };
    return { lookups, fetch, fetches: () => fetches, resolve: (v: string[]) => resolvers.shift()!(v), at: (t: number) => (now = t) };
  };

  it('lookups of one scope share one list while it is in flight and for ttl after; another scope lists on its own', async () => {
    const s = setup();
    const a = s.lookups.get('clusters', 'a', s.fetch);
    const b = s.lookups.get('clusters', 'b', s.fetch);
    const other = s.lookups.get('nodepools/c1', 'p', s.fetch);
    expect(s.fetches()).to.equal(2);
    s.resolve(['a', 'b']);
    s.resolve(['p']);
    expect([await a, await b, await other]).to.deep.equal([['a', 'b'], ['a', 'b'], ['p']]);
    s.at(4_999);
    await s.lookups.get('clusters', 'c', s.fetch);
    expect(s.fetches(), 'within ttl').to.equal(2);
    s.at(5_000);
    const late = s.lookups.get('clusters', 'c', s.fetch);
    expect(s.fetches(), 'after ttl').to.equal(3);
    s.resolve(['a', 'b', 'c']);
    expect(await late).to.deep.equal(['a', 'b', 'c']);
  });

  it('after a create of a name, its lookups always list afresh (a lost answer, a slow cloud, a 409)', async () => {
    const s = setup();
    const first = s.lookups.get('clusters', 'a', s.fetch);
    s.resolve([]);
    expect(await first).to.deep.equal([]);
    s.lookups.created('clusters', 'a');
    for (const seen of [[], ['a']]) {
      // The cloud may show the create only later (a slow create): every lookup of the name asks again.
      const again = s.lookups.get('clusters', 'a', s.fetch);
      s.resolve(seen);
      expect(await again).to.deep.equal(seen);
    }
    expect(s.fetches(), 'a fresh list for each lookup of the created name').to.equal(3);
    // Other names still share.
    await s.lookups.get('clusters', 'b', s.fetch);
    expect(s.fetches()).to.equal(3);
  });

  it('a create attempt is remembered for 10 minutes, then its name shares lists again and the memory is dropped', async () => {
    const s = setup();
    s.lookups.created('clusters', 'a');
    s.at(599_999);
    const fresh = s.lookups.get('clusters', 'a', s.fetch);
    s.resolve(['a']);
    await fresh;
    s.lookups.get('clusters', 'x', s.fetch); // a shared list, started after the fresh one
    s.resolve(['a']);
    expect(s.fetches(), 'a fresh list just before 10 min, and the shared one').to.equal(2);
    s.at(600_000);
    expect(await s.lookups.get('clusters', 'a', s.fetch)).to.deep.equal(['a']);
    expect(s.fetches(), 'from 10 min on, a shares the list').to.equal(2);
    // a later create drops every expired attempt (oldest first), keeps the recent ones
    s.lookups.created('clusters', 'b');
    expect(s.lookups.rememberedCreates()).to.equal(1);
    s.at(900_000);
    s.lookups.created('clusters', 'c');
    s.at(1_200_000);
    s.lookups.created('clusters', 'd');
    expect(s.lookups.rememberedCreates(), 'b expired at 1,200,000; c and d remembered').to.equal(2);
    // a second attempt of a name renews its memory past the first attempt's 10 minutes (900,000 + 600,000)
    s.lookups.created('clusters', 'c');
    s.at(1_600_000);
    s.lookups.created('clusters', 'e');
    expect(s.lookups.rememberedCreates(), 'c (renewed at 1,200,000), d and e').to.equal(3);
    const renewed = s.lookups.get('clusters', 'c', s.fetch);
    expect(s.fetches(), 'c is still looked up fresh').to.equal(3);
    s.resolve(['c']);
    await renewed;
  });

  it('a failed list is not shared with later lookups; ttl 0 disables sharing', async () => {
    const s = setup();
    const failing = s.lookups.get('clusters', 'a', () => Promise.reject(new Error('503')));
    await failing.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    const next = s.lookups.get('clusters', 'a', s.fetch);
    expect(s.fetches()).to.equal(1);
    s.resolve(['a']);
    expect(await next).to.deep.equal(['a']);
    const off = setup(0);
    void off.lookups.get('x', 'a', off.fetch);
    void off.lookups.get('x', 'a', off.fetch);
    expect(off.fetches()).to.equal(2);
  });

  it('observations share a list only when it started after this process last changed the resource', async () => {
    const s = setup();
    // A lookup's list serves observations of resources nobody here changed.
    const lookup = s.lookups.get('nodepools/c1', 'p', s.fetch);
    s.resolve(['p1', 'p2']);
    await lookup;
    expect(await s.lookups.observe('nodepools/c1', 'p1', s.fetch)).to.deep.equal(['p1', 'p2']);
    expect(s.fetches()).to.equal(1);

    // A change in flight: no list serves p1 (the caller reads it itself); p2 still shares.
    let answer!: (v: { uid: string }) => void;
    const change = s.lookups.mutation('nodepools/c1', 'p1', () => new Promise<{ uid: string }>((r) => (answer = r)));
    expect(s.lookups.observe('nodepools/c1', 'p1', s.fetch)).to.equal(undefined);
    expect(await s.lookups.observe('nodepools/c1', 'p2', s.fetch)).to.deep.equal(['p1', 'p2']);
    answer({ uid: 'p1' });
    await change;
    // Answered: the list from before the change does not serve p1; a new one does, and serves p2 too.
    const after = s.lookups.observe('nodepools/c1', 'p1', s.fetch)!;
    expect(s.fetches()).to.equal(2);
    s.resolve(['p1*', 'p2']);
    expect(await after).to.deep.equal(['p1*', 'p2']);
    expect(await s.lookups.observe('nodepools/c1', 'p2', s.fetch)).to.deep.equal(['p1*', 'p2']);
    expect(s.fetches()).to.equal(2);
    // The new list followed the change, so nothing is held for it any more.
    expect(s.lookups.pendingChanges()).to.equal(0);

    // A create: the id it answers with is recorded as changed, so its first observation lists afresh.
    const created = await s.lookups.mutation(
      'nodepools/c1',
      undefined,
      async () => ({ uid: 'p3' }),
      (m) => m.uid,
    );
    expect(created).to.deep.equal({ uid: 'p3' });
    expect(s.lookups.pendingChanges()).to.equal(1);
    void s.lookups.observe('nodepools/c1', 'p3', s.fetch);
    expect(s.fetches()).to.equal(3);
    s.resolve(['p1*', 'p2', 'p3']);

    // A change that fails still counts as a change (the cloud may have acted).
    await s.lookups.mutation('nodepools/c1', 'p2', () => Promise.reject(new Error('500'))).catch(() => undefined);
    void s.lookups.observe('nodepools/c1', 'p2', s.fetch);
    expect(s.fetches()).to.equal(4);
    s.resolve([]);
    await new Promise((r) => setImmediate(r)); // the list settles (at t=0)

    // Past the ttl a list is not shared; with ttl 0 observations never share.
    s.at(10_000);
    void s.lookups.observe('nodepools/c1', 'p9', s.fetch);
    expect(s.fetches()).to.equal(5);
    expect(setup(0).lookups.observe('x', 'a', () => Promise.resolve([]))).to.equal(undefined);
  });
});
