import { expect } from 'chai';
import { SecretDataCache } from '../../../operator/resources/secret-data-cache.js';

/** A function-record Secret store: what each read returned, and how many reads reached it. */
function store() {
  const data = new Map<string, Record<string, string>>();
  const reads: string[] = [];
  return {
    data,
    reads,
    read: async (namespace: string, name: string) => {
      reads.push(`${namespace}/${name}`);
      const d = data.get(`${namespace}/${name}`);
      return d ? { ...d } : undefined;
    },
  };
}

describe('SecretDataCache', () => {
  it('reads a Secret once per resourceVersion the informer shows, and again when it changes', async () => {
    const s = store();
    s.data.set('ns/creds', { accessKey: 'a1' });
    let version: string | undefined = '10';
    const reader = new SecretDataCache(s).reader(() => version);
    expect(await reader.read('ns', 'creds')).to.deep.equal({ accessKey: 'a1' });
    expect(await reader.read('ns', 'creds')).to.deep.equal({ accessKey: 'a1' });
    expect(s.reads).to.have.length(1);
    s.data.set('ns/creds', { accessKey: 'a2' }); // rotated; the watch brings version 11
    version = '11';
    expect(await reader.read('ns', 'creds')).to.deep.equal({ accessKey: 'a2' });
    expect(await reader.read('ns', 'creds')).to.deep.equal({ accessKey: 'a2' });
    expect(s.reads).to.have.length(2);
  });

  it('reads every time while the informer does not show the Secret', async () => {
    const s = store();
    s.data.set('ns/creds', { token: 't' });
    const reader = new SecretDataCache(s).reader(() => undefined);
    await reader.read('ns', 'creds');
    await reader.read('ns', 'creds');
    expect(s.reads).to.have.length(2);
  });

  it('never keeps a missing Secret: it is read again on the next pass', async () => {
    const s = store();
    const reader = new SecretDataCache(s).reader(() => '5');
    expect(await reader.read('ns', 'gone')).to.equal(undefined);
    s.data.set('ns/gone', { token: 't' });
    expect(await reader.read('ns', 'gone')).to.deep.equal({ token: 't' });
    expect(s.reads).to.have.length(2);
  });

  it('keeps at most `max` Secrets, dropping the least recently used', async () => {
    const s = store();
    for (const n of ['a', 'b', 'c']) s.data.set(`ns/${n}`, { token: n });
    const cache = new SecretDataCache(s, 2);
    const reader = cache.reader(() => '1');
    await reader.read('ns', 'a');
    await reader.read('ns', 'b');
    await reader.read('ns', 'a'); // a is now the most recent
    await reader.read('ns', 'c'); // evicts b
    expect(cache.size).to.equal(2);
    s.reads.length = 0;
    await reader.read('ns', 'a');
    await reader.read('ns', 'b');
    expect(s.reads).to.deep.equal(['ns/b']);
  });
});
