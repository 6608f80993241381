/**
 * The informer (operator/runtime/informer.ts) against a scripted loopback server standing in for the API server, for
 * the sequences a real one produces only by chance: a watch the server ends (resumed from the last resourceVersion
 * seen, a BOOKMARK's included, without listing), an ERROR event with 410 (re-list, reporting what changed
 * meanwhile), a failing watch (backoff, onRestart, resumed), a handler that throws, and stop() while listing.
 * test/integration/runtime covers the same informer on the real kube-apiserver.
 */
import { expect } from 'chai';
import type { ServerResponse } from 'node:http';
import { ResourceInformer } from '../../../operator/runtime/informer.js';
import { UserCredentials } from '../../../operator/runtime/kube/credentials.js';
import { KubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import type { CustomObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { json, startLoopback, type Loopback, type Recorded } from '../cloud/loopback-server.js';

const type: ResourceType = { group: 'g.example', version: 'v1', plural: 'things', kind: 'Thing' };
const obj = (name: string, rv: string, extra: object = {}) => ({
  apiVersion: 'g.example/v1',
  kind: 'Thing',
  metadata: { name, namespace: 'ns', resourceVersion: rv, managedFields: [{ manager: 'kubectl' }] },
  ...extra,
});
const line = (type: string, object: object) => `${JSON.stringify({ type, object })}\n`;

/** One answer per request: a list, or a watch that writes its lines then ends ('end') or stays open ('open'). */
type Step = { list: object[]; rv: string } | { watch: string[]; then: 'end' | 'open' } | { status: number } | { hold: true };

async function server(steps: Step[]): Promise<Loopback & { urls: () => string[] }> {
  const lb = await startLoopback((_req: Recorded, res: ServerResponse, n: number) => {
    const step = steps[n - 1];
    if (!step || 'hold' in step) return 'hang';
    if ('status' in step) return json(res, step.status, { kind: 'Status', code: step.status, message: `scripted ${step.status}` });
    if ('list' in step) return json(res, 200, { kind: 'ThingList', metadata: { resourceVersion: step.rv }, items: step.list });
    res.writeHead(200, { 'content-type': 'application/json' });
    for (const l of step.watch) res.write(l);
    if (step.then === 'end') res.end();
  });
  return Object.assign(lb, { urls: () => lb.requests.map((r) => decodeURIComponent(r.url)) });
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('informer (scripted API server)', () => {
  let lb: (Loopback & { urls: () => string[] }) | undefined;
  let inf: ResourceInformer<CustomObject> | undefined;
  afterEach(async () => {
    await inf?.stop();
    await lb?.close();
    inf = lb = undefined;
  });
  const informer = (url: string, restarts: string[] = []) =>
    new ResourceInformer<CustomObject>(new KubeConfig({ server: url }, new UserCredentials({}), 'test'), type, {
      namespace: 'ns',
      log: silentLogger(),
      backoff: { baseMs: 10, maxMs: 20 },
      onRestart: () => restarts.push('restart'),
      minWatchTimeoutSeconds: 300,
    });

  it('resumes a watch the server ended from the last resourceVersion (a bookmark counts) without listing; 410 re-lists and reports what changed', async () => {
    lb = await server([
      { list: [obj('a', '5'), obj('b', '6')], rv: '10' },
      { watch: [line('MODIFIED', obj('a', '11')), line('BOOKMARK', { kind: 'Thing', metadata: { resourceVersion: '20' } })], then: 'end' },
      {
        watch: [line('ADDED', obj('c', '21')), line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' })],
        then: 'open',
      },
      // meanwhile b was deleted, c changed, d appeared; a is as it was
      { list: [obj('a', '11'), obj('c', '25'), obj('d', '26')], rv: '30' },
      { watch: [], then: 'open' },
    ]);
    inf = informer(lb.url);
    const seen: string[] = [];
    inf.on({
      add: (o) => seen.push(`add ${o.metadata?.name}`),
      update: (o) => seen.push(`update ${o.metadata?.name}@${o.metadata?.resourceVersion}`),
      delete: (o) => seen.push(`delete ${o.metadata?.name}`),
    });
    await inf.start();
    await until(() => lb!.requests.length === 5, 'the second list and its watch');
    const paths = lb.urls().map((u) => u.replace(/&timeoutSeconds=\d+/, ''));
    expect(paths).to.deep.equal([
      '/apis/g.example/v1/namespaces/ns/things',
      '/apis/g.example/v1/namespaces/ns/things?watch=true&allowWatchBookmarks=true&resourceVersion=10',
      '/apis/g.example/v1/namespaces/ns/things?watch=true&allowWatchBookmarks=true&resourceVersion=20',
      '/apis/g.example/v1/namespaces/ns/things',
      '/apis/g.example/v1/namespaces/ns/things?watch=true&allowWatchBookmarks=true&resourceVersion=30',
    ]);
    expect(seen).to.deep.equal(['add a', 'add b', 'update a@11', 'add c', 'update c@25', 'add d', 'delete b']);
    expect(inf.list('ns').map((o) => o.metadata?.name)).to.deep.equal(['a', 'c', 'd']);
    expect(inf.get({ namespace: 'ns', name: 'a' })?.metadata).to.deep.equal({ name: 'a', namespace: 'ns', resourceVersion: '11' });
    const t = Number(/timeoutSeconds=(\d+)/.exec(lb.urls()[1] ?? '')?.[1]);
    expect(t, 'a server-side timeout between 5 and 10 min').to.be.within(300, 599);
  });

  it('an index follows adds, changes, deletes and a re-list; a cache without the index answers undefined', async () => {
    const owner = (name: string, rv: string, id?: string) => obj(name, rv, id ? { status: { id } } : {});
    lb = await server([
      { list: [owner('a', '1', 'x'), owner('b', '2', 'x'), owner('c', '3')], rv: '10' },
      {
        watch: [
          line('MODIFIED', owner('b', '11', 'y')), // b moves from x to y
          line('ADDED', owner('d', '12', 'y')),
          line('DELETED', owner('a', '13', 'z')), // the deleted object's last state names another id: a leaves x all the same
          line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' }),
        ],
        then: 'open',
      },
      // meanwhile d was deleted and c took y
      { list: [owner('b', '11', 'y'), owner('c', '20', 'y')], rv: '30' },
      { watch: [], then: 'open' },
    ]);
    inf = informer(lb.url);
    inf.addIndex('id', (o) => {
      const id = (o.status as { id?: string } | undefined)?.id;
      return id ? [id] : [];
    });
    const names = (v: string) =>
      inf!
        .byIndex('id', v)
        ?.map((o) => o.metadata?.name)
        .sort();
    await inf.start();
    expect([names('x'), names('y')], 'after the first list').to.deep.equal([['a', 'b'], []]);
    await until(() => lb!.requests.length === 4, 'the re-list and its watch');
    expect([names('x'), names('y'), names('z')]).to.deep.equal([[], ['b', 'c'], []]);
    expect(inf.byIndex('no such index', 'y')).to.equal(undefined);
    // An index added to a filled cache indexes what is there.
    inf.addIndex('name', (o) => [o.metadata?.name ?? '']);
    expect(inf.byIndex('name', 'c')?.map((o) => o.metadata?.resourceVersion)).to.deep.equal(['20']);
  });

  it('a failing watch backs off, counts a restart and resumes from its resourceVersion; a throwing handler does not stop it', async () => {
    lb = await server([{ list: [obj('a', '5')], rv: '10' }, { status: 500 }, { watch: [line('ADDED', obj('b', '12'))], then: 'open' }]);
    const restarts: string[] = [];
    inf = informer(lb.url, restarts);
    inf.on({
      add: () => {
        throw new Error('handler bug');
      },
    });
    await inf.start();
    await until(() => inf!.get({ namespace: 'ns', name: 'b' }) !== undefined, 'b after the restart');
    expect(restarts).to.deep.equal(['restart']);
    expect(lb.urls()[2]).to.match(/resourceVersion=10&/);
  });

  it('stop() while the first list is in flight: start() resolves, and no watch is opened', async () => {
    lb = await server([{ hold: true }]);
    inf = informer(lb.url);
    const started = inf.start();
    await until(() => lb!.requests.length === 1, 'the list');
    await inf.stop();
    await started;
    expect([inf.hasSynced(), lb.requests.length]).to.deep.equal([false, 1]);
  });
});
