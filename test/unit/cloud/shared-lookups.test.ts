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
});
