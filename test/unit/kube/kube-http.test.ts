/**
 * The operator's HTTP client to the API server (operator/runtime/kube/kube-http.ts, object-api.ts, watch.ts) against
 * a loopback HTTP server: the wire requests, the error shape api-errors.ts reads, the write listener, a 401 answered
 * with fresh exec credentials and one retry, and watch streams split at any byte.
 */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorMessage, isConflict, isNotFound, statusCodeOf } from '../../../operator/runtime/api-errors.js';
import { KubeApiError } from '../../../operator/runtime/kube/api-error.js';
import { UserCredentials } from '../../../operator/runtime/kube/credentials.js';
import { ExecCredentials } from '../../../operator/runtime/kube/exec-credential.js';
import { KubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import { KubeHttp } from '../../../operator/runtime/kube/kube-http.js';
import { ObjectApi, SECRETS } from '../../../operator/runtime/kube/object-api.js';
import type { WatchEvent } from '../../../operator/runtime/kube/types.js';
import { startLoopback, type Loopback, type Script } from '../cloud/loopback-server.js';

const json = (res: Parameters<Script>[1], code: number, body: unknown) => {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('kube-http: requests, errors, 401, watch streams', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = (url: string, token = 't0') => new KubeHttp(new KubeConfig({ server: url }, new UserCredentials({ token }), 'test'));

  it('sends the requests client-node sent: path, query, content types, Accept, bearer token; parses JSON', async () => {
    server = await startLoopback((_req, res) => json(res, 200, { kind: 'Secret', metadata: { name: 's' } }));
    const api = new ObjectApi(client(`${server.url}/prefix/`), SECRETS);
    await api.get({ namespace: 'ns', name: 's' }, { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' });
    await api.patch({ namespace: 'ns', name: 's' }, { metadata: { finalizers: ['f'] } }, { type: 'merge', fieldManager: 'cce-operator' });
    const crs = new ObjectApi(client(server.url), { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters' });
    await crs.patchStatus({ namespace: 'ns', name: 'c/1' }, { status: {} }, { type: 'merge', fieldManager: 'cce-operator' });
    await crs.list(undefined);
    await crs.patch({ namespace: 'ns', name: 'c' }, [{ op: 'add', path: '/x', value: 1 }], { type: 'json' });
    await crs.patch({ namespace: 'ns', name: 'c' }, { spec: {} }, { type: 'apply', fieldManager: 'm', force: true });
    await api.delete({ namespace: 'ns', name: 's' }, { body: { preconditions: { uid: 'u1' } } });
    const seen = server.requests.map((r) => [
      r.method,
      r.url,
      r.headers['content-type'],
      r.headers.accept,
      r.headers.authorization,
      r.body.toString(),
    ]);
    expect(seen).to.deep.equal([
      [
        'GET',
        '/prefix/api/v1/namespaces/ns/secrets/s',
        undefined,
        'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
        'Bearer t0',
        '',
      ],
      [
        'PATCH',
        '/prefix/api/v1/namespaces/ns/secrets/s?fieldManager=cce-operator',
        'application/merge-patch+json',
        'application/json',
        'Bearer t0',
        '{"metadata":{"finalizers":["f"]}}',
      ],
      [
        'PATCH',
        '/apis/cce.operator.dev/v1alpha1/namespaces/ns/cceclusters/c%2F1/status?fieldManager=cce-operator',
        'application/merge-patch+json',
        'application/json',
        'Bearer t0',
        '{"status":{}}',
      ],
      ['GET', '/apis/cce.operator.dev/v1alpha1/cceclusters', undefined, 'application/json', 'Bearer t0', ''],
      [
        'PATCH',
        '/apis/cce.operator.dev/v1alpha1/namespaces/ns/cceclusters/c',
        'application/json-patch+json',
        'application/json',
        'Bearer t0',
        '[{"op":"add","path":"/x","value":1}]',
      ],
      [
        'PATCH',
        '/apis/cce.operator.dev/v1alpha1/namespaces/ns/cceclusters/c?fieldManager=m&force=true',
        'application/apply-patch+yaml',
        'application/json',
        'Bearer t0',
        '{"spec":{}}',
      ],
      [
        'DELETE',
        '/prefix/api/v1/namespaces/ns/secrets/s',
        'application/json',
        'application/json',
        'Bearer t0',
        '{"preconditions":{"uid":"u1"}}',
      ],
    ]);
  });

  it('an error answer is a KubeApiError with the HTTP code and the Status body, as api-errors.ts reads it', async () => {
    const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'secrets "s" not found', reason: 'NotFound', code: 404 };
    server = await startLoopback((req, res) => {
      if (req.url.includes('conflict'))
        return json(res, 409, { ...status, reason: 'Conflict', code: 409, message: 'the object has been modified' });
      if (req.url.includes('text')) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        return void res.end('upstream connect error\nmore');
      }
      json(res, 404, status);
    });
    const api = new ObjectApi(client(server.url), SECRETS);
    const fail = (p: Promise<unknown>) =>
      p.then(
        () => expect.fail('no error'),
        (e: unknown) => e as KubeApiError,
      );
    const notFound = await fail(api.get({ namespace: 'ns', name: 's' }));
    expect(notFound).to.be.instanceOf(KubeApiError);
    expect([notFound.code, notFound.body, notFound.reason, notFound.method, notFound.path]).to.deep.equal([
      404,
      status,
      'NotFound',
      'GET',
      '/api/v1/namespaces/ns/secrets/s',
    ]);
    expect([statusCodeOf(notFound), isNotFound(notFound), apiErrorMessage(notFound)]).to.deep.equal([404, true, 'secrets "s" not found']);
    expect(notFound.message).to.equal('GET /api/v1/namespaces/ns/secrets/s: HTTP 404: secrets "s" not found');
    expect(Object.keys(notFound).sort(), 'what a logged error shows (no response headers)').to.deep.equal([
      'body',
      'code',
      'method',
      'name',
      'path',
    ]);
    expect(notFound.headers['content-type']).to.equal('application/json');
    const conflict = await fail(api.replace({ namespace: 'ns', name: 'conflict' }, { metadata: { resourceVersion: '1' } }));
    expect([isConflict(conflict), apiErrorMessage(conflict)]).to.deep.equal([true, 'the object has been modified']);
    const text = await fail(api.get({ namespace: 'ns', name: 'text' }));
    expect([statusCodeOf(text), text.body, apiErrorMessage(text)]).to.deep.equal([
      503,
      'upstream connect error\nmore',
      'GET /api/v1/namespaces/ns/secrets/text: HTTP 503: upstream connect error',
    ]);
  });

  it('tells write listeners about every write sent (not reads), with the method and path', async () => {
    server = await startLoopback((_req, res) => json(res, 200, {}));
    const http = client(server.url);
    const writes: string[] = [];
    const off = http.onWrite((m, p) => writes.push(`${m} ${p}`));
    const api = new ObjectApi(http, SECRETS);
    await api.get({ namespace: 'ns', name: 'a' });
    await api.create('ns', { metadata: { name: 'a' } });
    await api.replace({ namespace: 'ns', name: 'a' }, { metadata: { name: 'a' } });
    off();
    await api.delete({ namespace: 'ns', name: 'a' });
    expect(writes).to.deep.equal(['POST /api/v1/namespaces/ns/secrets', 'PUT /api/v1/namespaces/ns/secrets/a']);
  });

  describe('401 with an exec plugin', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'cce-401-'));
      // prints token-<n>, n counting its runs
      writeFileSync(
        join(dir, 'plugin.mjs'),
        `#!${process.execPath}
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const f = process.env.STATE; const n = existsSync(f) ? Number(readFileSync(f, 'utf8')) + 1 : 1; writeFileSync(f, String(n));
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'token-' + n } }));
`,
      );
      chmodSync(join(dir, 'plugin.mjs'), 0o755);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const execClient = (url: string, state: string) => {
      const exec = new ExecCredentials(
        { command: join(dir, 'plugin.mjs'), apiVersion: 'client.authentication.k8s.io/v1' },
        { user: 'u', baseDir: dir, env: { ...process.env, STATE: join(dir, state) } },
      );
      return { exec, http: new KubeHttp(new KubeConfig({ server: url }, new UserCredentials({}, exec), 'test')) };
    };

    it('runs the plugin again and retries once: the request succeeds with the fresh token', async () => {
      server = await startLoopback((req, res) =>
        req.headers.authorization === 'Bearer token-2'
          ? json(res, 200, { ok: true })
          : json(res, 401, { kind: 'Status', code: 401, reason: 'Unauthorized' }),
      );
      const { exec, http } = execClient(server.url, 'a');
      const writes: string[] = [];
      http.onWrite((m) => writes.push(m));
      expect(await http.request({ method: 'POST', path: '/api/v1/namespaces/ns/events', body: { a: 1 } })).to.deep.equal({ ok: true });
      expect(server.requests.map((r) => [r.headers.authorization, r.body.toString()])).to.deep.equal([
        ['Bearer token-1', '{"a":1}'],
        ['Bearer token-2', '{"a":1}'],
      ]);
      expect([exec.runs, writes.length], 'each attempt is a write sent').to.deep.equal([2, 2]);
      await http.request({ path: '/api/v1/namespaces' });
      expect(exec.runs, 'the fresh token is kept').to.equal(2);
    });

    it('retries only once: a second 401 is the error', async () => {
      server = await startLoopback((_req, res) =>
        json(res, 401, { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }),
      );
      const { exec, http } = execClient(server.url, 'b');
      const err = await http.request({ path: '/api/v1/namespaces' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect([statusCodeOf(err), server.requests.length, exec.runs]).to.deep.equal([401, 2, 2]);
    });
  });

  describe('watch', () => {
    const events: WatchEvent[] = [
      { type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '11' } } },
      { type: 'MODIFIED', object: { metadata: { name: 'a', resourceVersion: '12', annotations: { note: 'ünïcödé' } } } },
      { type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } },
      { type: 'DELETED', object: { metadata: { name: 'a', resourceVersion: '16' } } },
    ];

    it('asks for bookmarks from a resourceVersion and hands over events however the bytes are split', async () => {
      const bytes = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
      server = await startLoopback((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        // 7-byte pieces: lines and multi-byte characters are cut in the middle
        let i = 0;
        const next = () => {
          if (i >= bytes.length) return void res.end();
          res.write(bytes.subarray(i, (i += 7)));
          setImmediate(next);
        };
        next();
      });
      const api = new ObjectApi(client(server.url), { group: 'g.example', version: 'v1', plural: 'things' });
      const got: WatchEvent[] = [];
      await api.watch('ns', { resourceVersion: '10', timeoutSeconds: 300 }, (e) => got.push(e));
      expect(got).to.deep.equal(events);
      expect(server.requests[0]?.url).to.equal(
        '/apis/g.example/v1/namespaces/ns/things?watch=true&allowWatchBookmarks=true&resourceVersion=10&timeoutSeconds=300',
      );
    });

    it('a non-200 answer rejects with its code (410 Gone: the caller re-lists); abort ends a watch', async () => {
      server = await startLoopback((req, res) => {
        if (req.url.includes('resourceVersion=1&'))
          return json(res, 410, { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(JSON.stringify(events[0]) + '\n'); // then stays open
      });
      const api = new ObjectApi(client(server.url), SECRETS);
      const gone = await api
        .watch('ns', { resourceVersion: '1', timeoutSeconds: 5 }, () => undefined)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect([statusCodeOf(gone), apiErrorMessage(gone)]).to.deep.equal([410, 'too old resource version: 1 (5)']);
      const ctl = new AbortController();
      const got: WatchEvent[] = [];
      const done = api.watch('ns', { resourceVersion: '2', signal: ctl.signal }, (e) => {
        got.push(e);
        ctl.abort(new Error('stopped'));
      });
      const err = await done.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect([got.length, err?.message]).to.deep.equal([1, 'stopped']);
    });
  });
});
