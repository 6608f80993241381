/**
 * pf-sim over HTTP: PaddleFlow's login and token header, root-only cluster management, its error bodies and codes,
 * marker paging, soft delete, faults and token revocation, and the credential check of create and update — reading
 * /version of the test kube-apiserver through a kubeconfig's own TLS, through a stand-in for the CCE simulator's
 * unreachable endpoints, and failing for an endpoint nobody serves.
 */
import { expect } from 'chai';
import { PaddleFlowSimAdmin } from '../../../sim/paddleflow/admin-client.js';
import { startPaddleFlowSim, type RunningPaddleFlowSim } from '../../../sim/paddleflow/server.js';
import { testEnv } from '../setup.js';

const API = '/api/paddleflow/v1';

function kubeconfig(server: string, cluster: Record<string, unknown> = {}, user: Record<string, unknown> = {}): string {
  const kc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server, ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  };
  return Buffer.from(JSON.stringify(kc)).toString('base64');
}

describe('pf-sim: the PaddleFlow cluster registry over HTTP', () => {
  let sim: RunningPaddleFlowSim;
  let admin: PaddleFlowSimAdmin;
  let root: string;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> | undefined }> => {
    const res = await fetch(`${sim.url}${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { 'x-pf-authorization': token } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  const error = (r: { status: number; body: Record<string, unknown> | undefined }) => ({
    status: r.status,
    code: r.body?.code,
    message: r.body?.message,
  });
  const login = async (username: string, password: string) =>
    (await call('POST', '/login', { username, password })).body?.authorization as string;
  const record = (name: string, extra: Record<string, unknown> = {}) => ({
    clusterName: name,
    endpoint: 'https://x:6443',
    clusterType: 'kubernetes',
    version: 'v1.28',
    ...extra,
  });

  before(async () => {
    const env = testEnv();
    sim = await startPaddleFlowSim({
      users: { alice: 'alice-pw' },
      credentialCheck: { standIns: [{ match: 'https://192.168.', url: env.server, caData: env.caData }], timeoutMs: 3000 },
    });
    admin = new PaddleFlowSimAdmin(sim.url);
    root = await login('root', 'paddleflow');
  });

  after(async () => {
    await sim?.close();
  });

  it('login: a token for the right password, AuthFailed otherwise; no token or another token is refused', async () => {
    const alice = await login('alice', 'alice-pw');
    expect({
      bad: error(await call('POST', '/login', { username: 'root', password: 'nope' })),
      noToken: error(await call('GET', '/cluster')),
      badToken: error(await call('GET', '/cluster', undefined, 'forged')),
      notRoot: error(await call('GET', '/cluster', undefined, alice)),
      notRootCreate: error(await call('POST', '/cluster', record('by-alice'), alice)),
    }).to.deep.equal({
      bad: { status: 400, code: 'AuthFailed', message: 'Username or password not correct' },
      noToken: { status: 400, code: 'AuthWithoutToken', message: 'Request should login first' },
      badToken: { status: 400, code: 'AuthInvalidToken', message: 'Invalid token. Please re-login' },
      notRoot: { status: 403, code: 'OnlyRootAllowed', message: 'This operation is only allowed for root user' },
      notRootCreate: { status: 403, code: 'OnlyRootAllowed', message: 'create cluster failed' },
    });
  });

  it("create reads /version through the credential: the kubeconfig's own TLS, or a stand-in; an unreachable endpoint is refused", async function () {
    this.timeout(20000);
    const env = testEnv();
    const direct = await call(
      'POST',
      '/cluster',
      record('direct', { credential: kubeconfig(env.server, { 'certificate-authority-data': env.caData }) }),
      root,
    );
    const standIn = await call(
      'POST',
      '/cluster',
      record('via-stand-in', {
        credential: kubeconfig(
          'https://192.168.7.11:5443',
          { 'certificate-authority-data': 'cGxhY2Vob2xkZXI=' },
          { 'client-key-data': 'cGxhY2Vob2xkZXI=' },
        ),
      }),
      root,
    );
    const unreachable = await call(
      'POST',
      '/cluster',
      record('unreachable', { credential: kubeconfig('https://127.0.0.1:1', { 'insecure-skip-tls-verify': true }) }),
      root,
    );
    const untrusted = await call('POST', '/cluster', record('untrusted', { credential: kubeconfig(env.server) }), root);
    const garbage = await call('POST', '/cluster', record('garbage', { credential: 'not base64!' }), root);
    expect({
      direct: [direct.status, direct.body?.clusterName, (direct.body?.clusterId as string).startsWith('cluster-')],
      standIn: [standIn.status, standIn.body?.status],
      unreachable: [
        error(unreachable).status,
        error(unreachable).code,
        String(error(unreachable).message).startsWith('Get "https://127.0.0.1:1/version": '),
      ],
      untrusted: [error(untrusted).status, error(untrusted).code],
      garbage: error(garbage),
    }).to.deep.equal({
      direct: [200, 'direct', true],
      standIn: [200, 'online'],
      unreachable: [400, 'InvalidClusterCredential', true],
      untrusted: [400, 'InvalidClusterCredential'],
      garbage: { status: 400, code: 'InvalidClusterCredential', message: 'illegal base64 data at input byte 3' },
    });
    // an update that carries a credential is checked too (and fails as PaddleFlow's update does: properties wrong)
    expect(error(await call('PUT', '/cluster/direct', { credential: kubeconfig('https://127.0.0.1:1') }, root))).to.deep.equal({
      status: 400,
      code: 'InvalidClusterProperties',
      message: 'Cluster properties wrong',
    });
  });

  it("validation and lookups answer with PaddleFlow's codes and messages", async () => {
    expect({
      name: error(await call('POST', '/cluster', record('x'), root)),
      duplicate: error(
        await call(
          'POST',
          '/cluster',
          record('direct', { credential: kubeconfig(testEnv().server, { 'certificate-authority-data': testEnv().caData }) }),
          root,
        ),
      ),
      noCredential: error(await call('POST', '/cluster', record('no-credential'), root)),
      status: error(await call('POST', '/cluster', record('bad-status', { status: 'up' }), root)),
      namespace: String(error(await call('POST', '/cluster', record('bad-ns', { namespaceList: ['UPPER'] }), root)).message).slice(0, 60),
      json: error(await call('POST', '/cluster', '{', root)).code,
      showUnknown: error(await call('GET', '/cluster/nope', undefined, root)),
      updateUnknown: error(await call('PUT', '/cluster/nope', { status: 'offline' }, root)),
      deleteUnknown: error(await call('DELETE', '/cluster/nope', undefined, root)),
      method: error(await call('PATCH', '/cluster/direct', {}, root)).code,
      path: error(await call('GET', '/nothing', undefined, root)).code,
    }).to.deep.equal({
      name: {
        status: 400,
        code: 'InvalidNamePattern',
        message: 'name[x] for [cluster] does not compile with regex rule[^[A-Za-z0-9_][A-Za-z0-9-_]{0,253}[A-Za-z0-9_]$]',
      },
      duplicate: { status: 500, code: 'InternalError', message: "Error 1062: Duplicate entry 'direct-' for key 'idx_name'" },
      status: { status: 500, code: 'InternalError', message: "clusterStatus can only be 'online' or 'offline'" },
      noCredential: { status: 400, code: 'InvalidClusterCredential', message: 'invalid configuration: no configuration has been provided' },
      namespace: 'namespace[UPPER] is invalid, err: a lowercase RFC 1123 label',
      json: 'MalformedJSON',
      showUnknown: { status: 500, code: 'InternalError', message: 'record not found' },
      updateUnknown: { status: 400, code: 'ClusterNameNotFound', message: 'ClusterName does not exist' },
      deleteUnknown: { status: 400, code: 'ClusterNotFound', message: 'Cluster not found' },
      method: 'MethodNotAllowed',
      path: 'PathNotFound',
    });
  });

  it('list pages by marker, filters by names and status; update applies what it is given; delete frees the name', async function () {
    this.timeout(20000);
    const credentialCheckOff = await startPaddleFlowSim({ credentialCheck: { enabled: false } });
    try {
      const c = async (method: string, path: string, body?: unknown, token?: string) => {
        const res = await fetch(`${credentialCheckOff.url}${API}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { 'x-pf-authorization': token } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
      };
      const t = (await c('POST', '/login', { username: 'root', password: 'paddleflow' })).authorization as string;
      for (const n of ['a1', 'a2', 'a3']) await c('POST', '/cluster', record(n), t);
      const names = (page: Record<string, unknown>) =>
        ((page.clusterList as { clusterName: string }[] | null) ?? []).map((x) => x.clusterName);
      const p1 = await c('GET', '/cluster?maxKeys=2', undefined, t);
      const p2 = await c('GET', `/cluster?maxKeys=2&marker=${p1.nextMarker as string}`, undefined, t);
      await c('PUT', '/cluster/a2', { status: 'offline', description: '', namespaceList: [] }, t);
      const offline = await c('GET', '/cluster?clusterStatus=offline', undefined, t);
      await c('DELETE', '/cluster/a3', undefined, t);
      const again = await c('POST', '/cluster', record('a3'), t);
      expect({
        p1: [names(p1), p1.isTruncated],
        p2: [names(p2), p2.isTruncated, p2.nextMarker],
        offline: names(offline),
        a2: (await c('GET', '/cluster/a2', undefined, t)).status,
        recreated: typeof again.clusterId,
      }).to.deep.equal({ p1: [['a1', 'a2'], true], p2: [['a3'], false, ''], offline: ['a2'], a2: 'offline', recreated: 'string' });
    } finally {
      await credentialCheckOff.close();
    }
  });

  it('admin: request counts, one-shot faults, token revocation', async () => {
    await admin.clearRequests();
    await admin.fault('ListCluster', 'InternalError', { message: 'injected' });
    const faulted = error(await call('GET', '/cluster', undefined, root));
    const fine = (await call('GET', '/cluster', undefined, root)).status;
    await admin.revokeTokens();
    const revoked = error(await call('GET', '/cluster', undefined, root)).code;
    root = await login('root', 'paddleflow');
    expect({ faulted, fine, revoked, counts: await admin.counts() }).to.deep.equal({
      faulted: { status: 500, code: 'InternalError', message: 'injected' },
      fine: 200,
      revoked: 'AuthInvalidToken',
      counts: { ListCluster: 3, Login: 1 },
    });
  });
});
