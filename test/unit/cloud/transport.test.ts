import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { CceClient, type CceClientOptions } from '../../../operator/cloud/client.js';
import { CceApiError, OutcomeUnknownError } from '../../../operator/cloud/errors.js';
import type { CallEvent } from '../../../operator/cloud/observe.js';
import { canonicalRequest, parseAuthorization, signature } from '../../../operator/cloud/signer.js';
import { FakeClock } from './fake-clock.js';
import { json, startLoopback, type Loopback, type Recorded, type Script } from './loopback-server.js';

const AK = 'AKTESTAKTESTAKTEST01';
const SK = 'SKsecretSKsecretSKsecretSKsecret0123456';
const PROJECT = '0123456789abcdef0123456789abcdef';

function verify(r: Recorded, secretKey = SK): boolean {
  const auth = parseAuthorization(String(r.headers['authorization'] ?? ''));
  if (!auth) return false;
  const canon = canonicalRequest(
    { method: r.method, url: r.url, headers: r.headers as Record<string, string>, body: r.body },
    auth.signedHeaders,
  );
  return signature(secretKey, String(r.headers['x-sdk-date']), canon) === auth.signature;
}

const cluster = (status: Record<string, unknown> = {}) => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name: 'c1', uid: 'cid' },
  spec: {},
  status,
});
const createBody = {
  kind: 'Cluster' as const,
  apiVersion: 'v3' as const,
  metadata: { name: 'c1' },
  spec: {
    flavor: 'cce.s1.small',
    type: 'VirtualMachine',
    hostNetwork: { vpc: 'v', subnet: 's' },
    containerNetwork: { mode: 'overlay_l2' },
  },
};

describe('cloud/transport (loopback)', () => {
  let srv: Loopback;
  let clock: FakeClock;
  let events: CallEvent[];
  let logs: string[];

  async function client(script: Script, extra: Partial<CceClientOptions> = {}): Promise<CceClient> {
    srv = await startLoopback(script);
    clock = new FakeClock(Date.parse('2024-05-01T10:00:00Z'));
    events = [];
    logs = [];
    return new CceClient({
      endpoint: srv.url,
      projectId: PROJECT,
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      clock,
      random: () => 0.5,
      maxRetries: 3,
      timeoutMs: 2000,
      onCall: (e) => events.push(e),
      logger: { debug: (m, meta) => logs.push(m + JSON.stringify(meta)), warn: (m, meta) => logs.push(m + JSON.stringify(meta)) },
      ...extra,
    });
  }
  afterEach(async () => srv && (await srv.close()));

  it('signs every request over the exact body bytes, with X-Project-Id', async () => {
    const c = await client((r, res) =>
      json(res, r.method === 'POST' ? 201 : 200, cluster({ phase: 'Creating', jobID: 'job-1' }), { 'x-request-id': 'req-1' }),
    );
    const m = await c.clusters.create(createBody);
    await c.clusters.get('cid', { detail: true });
    expect(m.jobId).to.equal('job-1');
    expect(m.requestId).to.equal('req-1');
    expect(srv.requests.map((r) => verify(r))).to.deep.equal([true, true]);
    const [post, get] = srv.requests;
    expect(parseAuthorization(String(post!.headers['authorization']))!.signedHeaders).to.deep.equal([
      'content-type',
      'host',
      'x-project-id',
      'x-sdk-date',
    ]);
    expect(post!.headers['x-project-id']).to.equal(PROJECT);
    expect(JSON.parse(post!.body.toString())).to.deep.equal(createBody);
    expect(get!.url).to.equal('/api/v3/projects/' + PROJECT + '/clusters/cid?detail=true');
  });

  it('signs each retry afresh (new X-Sdk-Date, valid signature)', async () => {
    const c = await client((_r, res, n) => (n === 1 ? json(res, 503, { error_code: 'X', error_msg: 'busy' }) : json(res, 200, cluster())), {
      backoff: { baseDelayMs: 4000 },
    });
    await c.clusters.get('cid');
    expect(srv.requests).to.have.length(2);
    expect(srv.requests.map((r) => verify(r))).to.deep.equal([true, true]);
    expect(srv.requests[0]!.headers['x-sdk-date']).to.not.equal(srv.requests[1]!.headers['x-sdk-date']);
  });

  it('signs X-Security-Token for temporary credentials; token auth sends X-Auth-Token only', async () => {
    const c = await client((_r, res) => json(res, 200, { quotas: [] }), {
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK, securityToken: 'sts-token-value' },
    });
    await c.quotas.get();
    expect(verify(srv.requests[0]!)).to.equal(true);
    expect(parseAuthorization(String(srv.requests[0]!.headers['authorization']))!.signedHeaders).to.include('x-security-token');
    await srv.close();
    const t = await client((_r, res) => json(res, 200, { quotas: [] }), {
      credentials: { kind: 'token', token: async () => 'iam-token-abcdef' },
    });
    await t.quotas.get();
    expect(srv.requests[0]!.headers['x-auth-token']).to.equal('iam-token-abcdef');
    expect(srv.requests[0]!.headers['authorization']).to.equal(undefined);
  });

  it('decodes a gzip body, and reuses one kept-alive connection for consecutive calls', async () => {
    const c = await client((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-request-id': 'r-gz' });
      res.end(gzipSync(JSON.stringify(cluster({ phase: 'Available' }))));
    });
    const first = await c.clusters.get('cid');
    const second = await c.clusters.get('cid');
    expect([first.status?.phase, second.status?.phase]).to.deep.equal(['Available', 'Available']);
    expect(srv.requests[0]!.headers['accept-encoding']).to.contain('gzip');
    expect(new Set(srv.requests.map((r) => r.remotePort)).size).to.equal(1);
    c.close();
  });

  it('honours Retry-After on 429, even for POST', async () => {
    const c = await client((_r, res, n) =>
      n === 1
        ? json(res, 429, { errorCode: 'CCE.02429001', errorMessage: 'The throttling threshold has been reached.' }, { 'retry-after': '3' })
        : json(res, 201, cluster({ jobID: 'j' })),
    );
    const m = await c.clusters.create(createBody);
    expect(m.jobId).to.equal('j');
    expect(srv.requests).to.have.length(2);
    expect(clock.sleeps.some((ms) => ms >= 3000)).to.equal(true);
    expect(events.map((e) => [e.status, e.outcome])).to.deep.equal([
      [429, 'retry'],
      [201, 'success'],
    ]);
  });

  const noRepeat = {
    '500 on POST is not retried': {
      script: ((_r, res) => json(res, 500, { errorCode: 'CCE.01500001', errorMessage: 'Internal error.' })) as Script,
      type: CceApiError,
      unknown: false,
    },
    '504 on POST is outcome unknown': { script: ((_r, res) => json(res, 504, {})) as Script, type: OutcomeUnknownError, unknown: true },
    'dropped connection on POST is outcome unknown': { script: (() => 'drop') as Script, type: OutcomeUnknownError, unknown: true },
    'timeout on POST is outcome unknown': { script: (() => 'hang') as Script, type: OutcomeUnknownError, unknown: true },
  };
  for (const [reason, tc] of Object.entries(noRepeat)) {
    it(reason, async () => {
      const c = await client(tc.script, { timeoutMs: 300 });
      const err = await c.clusters.create(createBody).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(tc.type);
      expect((err as CceApiError).outcomeUnknown).to.equal(tc.unknown);
      expect(srv.requests).to.have.length(1);
    });
  }

  it('retries 5xx and dropped connections for idempotent calls, then gives up with a retryable error', async () => {
    const c = await client((_r, res, n) =>
      n % 2 === 1 ? 'drop' : json(res, 502, { code: 'SVCSTG.CCE-ADDONMGR.500', message: 'internal error' }),
    );
    const err = (await c.addons.list('cid').catch((e: unknown) => e)) as CceApiError;
    expect(srv.requests).to.have.length(4);
    expect(err.retryable).to.equal(true);
    expect(err.code).to.equal('SVCSTG.CCE-ADDONMGR.500');
    expect(events.map((e) => e.outcome)).to.deep.equal(['retry', 'retry', 'retry', 'error']);
  });

  it('retries a POST that never reached the server (connection refused)', async () => {
    const c = await client((_r, res) => json(res, 200, {}));
    const url = srv.url;
    await srv.close();
    const refused = new CceClient({
      endpoint: url,
      projectId: PROJECT,
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      clock,
      maxRetries: 2,
      onCall: (e) => events.push(e),
    });
    const err = (await refused.clusters.create(createBody).catch((e: unknown) => e)) as CceApiError;
    expect(err).to.be.instanceOf(CceApiError).and.not.instanceOf(OutcomeUnknownError);
    expect(err.code).to.equal('CLIENT.NetworkError');
    expect(events).to.have.length(3);
    c.close();
  });

  it('maps error bodies to CceApiError with code, status, request id and operation', async () => {
    const c = await client((_r, res) =>
      json(res, 404, { errorCode: 'CCE.01404001', errorMessage: 'Resource not found.' }, { 'x-request-id': 'rid-9' }),
    );
    const err = (await c.nodePools.get('cid', 'np').catch((e: unknown) => e)) as CceApiError;
    expect(err.toJSON()).to.include({
      httpStatus: 404,
      code: 'CCE.01404001',
      message: 'Resource not found.',
      requestId: 'rid-9',
      operation: 'ShowNodePool',
      terminal: false,
    });
    expect(err.notFound).to.equal(true);
  });

  it('never puts AK, SK, tokens, signatures or key material in errors or logs', async () => {
    const c = await client(
      (r, res) =>
        json(res, 401, {
          error_code: 'APIGW.0301',
          error_msg: `bad signature for ${String(r.headers['authorization'])} sk=${SK} key -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----`,
        }),
      { credentials: { kind: 'aksk', accessKey: AK, secretKey: SK, securityToken: 'sts-secret-token' } },
    );
    const err = (await c.clusters.list().catch((e: unknown) => e)) as CceApiError;
    expect(err.httpStatus).to.equal(401);
    expect(err.terminal).to.equal(true);
    const sig = parseAuthorization(String(srv.requests[0]!.headers['authorization']))!.signature;
    const surfaces = [
      err.message,
      String(err.stack),
      JSON.stringify(err),
      JSON.stringify(err.toJSON()),
      ...logs,
      JSON.stringify(events),
    ].join('\n');
    for (const secret of [AK, SK, 'sts-secret-token', sig, 'BEGIN PRIVATE KEY']) expect(surfaces).to.not.include(secret);
    expect(err.message).to.include('bad signature');
  });

  it('refuses standard-only calls on Autopilot without any HTTP', async () => {
    const c = await client((_r, res) => json(res, 200, {}), { flavor: 'autopilot' });
    const calls: Array<() => Promise<unknown>> = [
      () => c.nodePools.list('cid'),
      () => c.nodes.list('cid'),
      () => c.clusters.hibernate('cid'),
    ];
    for (const call of calls) {
      const err = (await Promise.resolve()
        .then(call)
        .catch((e: unknown) => e)) as CceApiError;
      expect(err.code).to.equal('CLIENT.UnsupportedOperation');
      expect(err.terminal).to.equal(true);
    }
    expect(srv.requests).to.have.length(0);
  });

  it('rejects (never throws synchronously) on a missing id', async () => {
    const c = await client((_r, res) => json(res, 200, {}));
    const p = c.clusters.get('');
    expect(p).to.be.instanceOf(Promise);
    const err = (await p.catch((e: unknown) => e)) as CceApiError;
    expect([err.code, err.terminal]).to.deep.equal(['CLIENT.InvalidArgument', true]);
    expect(srv.requests).to.have.length(0);
  });

  it('Autopilot: /autopilot paths, POST clustercert with duration, delete options in the query', async () => {
    const c = await client((r, res) => json(res, 200, r.url.includes('clustercert') ? { kind: 'Config' } : cluster({ jobID: 'dj' })), {
      flavor: 'autopilot',
    });
    await c.clusters.getCert('cid', { duration: 7 });
    const del = await c.clusters.delete('cid', { delete_efs: 'true', lts_reclaim_policy: 'Retain' });
    expect(del.jobId).to.equal('dj');
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
      `POST /autopilot/v3/projects/${PROJECT}/clusters/cid/clustercert`,
      `DELETE /autopilot/v3/projects/${PROJECT}/clusters/cid?delete_efs=true&lts_reclaim_policy=Retain`,
    ]);
    expect(JSON.parse(srv.requests[0]!.body.toString())).to.deep.equal({ duration: 7 });
    expect(c.withFlavor('standard').flavor).to.equal('standard');
  });
});
