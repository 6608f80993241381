import { expect } from 'chai';
import { sdkDate, sign } from '../../../operator/cloud/signer.js';
import { AK, P, PROJECT, SK, TOKEN, clusterBody, rawRequest, startSim, type Sim } from './helpers.js';

describe('sim: authentication like the cloud', () => {
  let s: Sim;
  before(async () => {
    s = await startSim();
  });
  after(async () => s.sim.close());

  // Dates are computed when each test runs, not when the file loads: a long run would otherwise eat the skew.
  const minutesAgo = (m: number) => ({
    get date() {
      return new Date(Date.now() - m * 60_000);
    },
  });
  const cases: Record<string, { reason: string; opts: Parameters<Sim['call']>[3]; status: number; detail?: RegExp }> = {
    good: { reason: 'a correctly signed request passes', opts: {}, status: 200 },
    badSignature: { reason: 'wrong SK → 401', opts: { secretKey: 'wrong' }, status: 401, detail: /signature does not match/ },
    unknownAk: { reason: 'unknown AK → 401', opts: { accessKey: 'NOPE' }, status: 401, detail: /access key is unknown/ },
    staleDate: { reason: 'X-Sdk-Date 16 minutes old → 401', opts: minutesAgo(16), status: 401, detail: /15 minutes/ },
    futureDate: { reason: 'X-Sdk-Date 16 minutes ahead → 401', opts: minutesAgo(-16), status: 401 },
    slightSkew: { reason: '10 minutes of skew is accepted', opts: minutesAgo(10), status: 200 },
    noAuth: { reason: 'no credentials → 401', opts: { anonymous: true }, status: 401 },
    token: { reason: 'a configured IAM token passes', opts: { token: TOKEN }, status: 200 },
    badToken: { reason: 'an unknown token → 401', opts: { token: 'nope' }, status: 401, detail: /X-Auth-Token/ },
    hostUnsigned: {
      reason: 'Terraform style: host not signed, X-Project-Id added after signing',
      opts: { signedHeaders: ['content-type', 'x-sdk-date'], unsigned: { 'x-project-id': PROJECT } },
      status: 200,
    },
    sdkStyle: {
      reason: 'SDK style: content-type;host;x-project-id;x-sdk-date signed',
      opts: { headers: { 'x-project-id': PROJECT } },
      status: 200,
    },
    tamperedSignedHeader: {
      reason: 'a signed header changed after signing → 401',
      opts: { headers: { 'x-project-id': PROJECT }, unsigned: { 'x-project-id': 'other' } },
      status: 401,
    },
    wrongProjectHeader: {
      reason: 'X-Project-Id of another project → 403',
      opts: { unsigned: { 'x-project-id': 'another' }, signedHeaders: ['content-type', 'x-sdk-date'] },
      status: 403,
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () => {
      const res = await s.call('GET', `${P}/clusters`, undefined, c.opts);
      expect(res.status).to.equal(c.status);
      if (c.status === 401) expect(res.body.error_code).to.equal('CCE.01401001');
      if (c.status === 403) expect(res.body.error_code).to.equal('CCE.01403001');
      if (c.detail) expect(res.body.error_msg).to.match(c.detail);
      expect(res.text).not.to.contain(SK);
    });
  }

  it('a path with another project id → 403', async () => {
    const res = await s.call('GET', '/api/v3/projects/another/clusters');
    expect(res.status).to.equal(403);
  });

  it('GET with a {} body hashed into the signature (official SDK) passes', async () => {
    const url = `${s.sim.url}${P}/clusters`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      host: new URL(s.sim.url).host,
      'x-project-id': PROJECT,
      'x-sdk-date': sdkDate(),
    };
    headers.authorization = sign({ method: 'GET', url, headers, body: '{}' }, { accessKey: AK, secretKey: SK }).authorization;
    const res = await rawRequest(url, 'GET', headers, '{}');
    expect(res.status).to.equal(200);
    const signedEmpty = sign(
      { method: 'GET', url, headers: { ...headers, authorization: '' }, body: '' },
      { accessKey: AK, secretKey: SK },
      ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
    );
    const bad = await rawRequest(url, 'GET', { ...headers, authorization: signedEmpty.authorization }, '{}');
    expect(bad.status, 'signature over an empty body must not match a {} body').to.equal(401);
  });

  it('absolute-form request target with a {cluster_id}. host is routed by path', async () => {
    const c = await s.call('POST', `${P}/clusters`, clusterBody('abs-form'));
    const cid = c.body.metadata.uid as string;
    const absolute = `http://${cid}.127.0.0.1:${s.sim.port}/api/v3/addons?cluster_id=${cid}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-sdk-date': sdkDate(),
      host: `${cid}.127.0.0.1:${s.sim.port}`,
    };
    headers.authorization = sign({ method: 'GET', url: `/api/v3/addons?cluster_id=${cid}`, headers }, { accessKey: AK, secretKey: SK }, [
      'content-type',
      'x-sdk-date',
    ]).authorization;
    const res = await rawRequest(s.sim.url, 'GET', headers, undefined, absolute);
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.text).kind).to.equal('Addon');
  });

  it('unknown paths answer 404 APIGW.0101', async () => {
    const res = await s.call('GET', '/api/v3/nothing-here');
    expect(res.status).to.equal(404);
    expect(res.body.error_code).to.equal('APIGW.0101');
  });

  it('every response carries X-Request-Id', async () => {
    const res = await s.call('GET', `${P}/clusters`);
    expect(res.headers['x-request-id']).to.match(/^[0-9a-f]{32}$/);
  });
});
