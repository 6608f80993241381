/**
 * "Security and chaos": the holes a probe found, end to end (the real operator process with operator-wide
 * credentials in its environment, the real kube-apiserver, the simulator over HTTP):
 *   - an endpoint the operator does not trust (a trap server started here) receives no request with a credential;
 *   - an existing Secret the operator did not create survives a CceCluster that names it in kubeconfigSecretRef;
 *   - one certificate per rotation, even when the first Secret writes fail (a ResourceQuota refuses them);
 *   - a failing cloud call gives ONE Warning Event (count going up) without the request id in its message.
 * The CEL rules (cloud names, rotateBeforeDays) are in crd.test.ts.
 */
import { CoreV1Api, KubeConfig, type CoreV1Event } from '@kubernetes/client-node';
import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { addon } from '../addon/fixtures.js';
import { nodePool } from '../nodepool/fixtures.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { standardCluster } from './fixtures.js';

const AK = 'AKSECURITY0000000001';
const SK = 'security-secret-key-0001';
const REQUEST_ID_ANNOTATION = 'cce.operator.dev/request-id';

interface Trapped {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** A server that records every request and answers 500: the "endpoint of their choice". */
async function startTrap(): Promise<{ server: Server; url: string; seen: Trapped[] }> {
  const seen: Trapped[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"errorCode":"TRAP","errorMessage":"trap"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const credentialHeaders = (h: IncomingHttpHeaders) => [h.authorization, h['x-auth-token'], h['x-security-token']].filter(Boolean).join(' ');

describe('security: trust boundaries, Secrets, certificates and Events (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let ns: string;
  let clusters: CceObjects;
  let pools: CceObjects;
  let addons: CceObjects;
  let core: CoreV1Api;

  before(async () => {
    installCrds();
    const kc = new KubeConfig();
    kc.loadFromDefault();
    core = kc.makeApiClient(CoreV1Api);
    ns = await createTestNamespace('security');
    clusters = new CceObjects(ns);
    pools = new CceObjects(ns, 'ccenodepools');
    addons = new CceObjects(ns, 'cceaddons');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    trap = await startTrap();
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `security-${ns}`, namespace: ns });
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
    await new Promise((r) => trap?.server.close(r));
  });

  const stalled = (objects: CceObjects, name: string, reason: string) =>
    waitFor(
      `${objects.plural}/${name} Stalled ${reason}`,
      async () => {
        const o = await objects.get(name);
        const c = condition(o, 'Stalled');
        return c?.status === 'True' && c.reason === reason ? c : undefined;
      },
      30000,
    );

  const certificates = async () => {
    const ops = (await admin.counts()).byOperation;
    return (ops.CreateKubernetesClusterCert ?? 0) + (ops.ShowClusterCert ?? 0);
  };

  it('an untrusted endpoint (own, or inherited from the CceCluster) without a Secret is Stalled UntrustedEndpoint; the trap sees no request', async () => {
    await clusters.create(standardCluster('trap-cluster', { endpoint: trap.url }));
    await pools.create(nodePool('trap-pool', 'trap-cluster'));
    await addons.create(
      addon('trap-addon', {
        clusterID: 'c-1',
        region: 'cn-north-4',
        projectID: 'test-project',
        endpoint: `${trap.url}/v3`,
        addonTemplateName: 'coredns',
      }),
    );
    const own = await stalled(clusters, 'trap-cluster', 'UntrustedEndpoint');
    expect(own.message).to.contain(`spec.endpoint "${trap.url}"`).and.contain('credentialsSecretRef');
    expect((await stalled(pools, 'trap-pool', 'UntrustedEndpoint')).message).to.contain('spec.endpoint of CceCluster trap-cluster');
    await stalled(addons, 'trap-addon', 'UntrustedEndpoint');
    await new Promise((r) => setTimeout(r, 1500));
    expect(trap.seen, 'no request at all reached the untrusted endpoint').to.deep.equal([]);
  });

  it("with its own credentials Secret an object may use that endpoint: the trap sees the tenant's key, never the operator's", async () => {
    const tenant = { accessKey: 'TENANTACCESSKEY00001', secretKey: 'tenant-secret' };
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'tenant-creds' }, stringData: tenant } });
    await clusters.create(standardCluster('own-creds', { endpoint: trap.url, credentialsSecretRef: { name: 'tenant-creds' } }));
    await waitFor('a request at the trap', async () => trap.seen.length > 0);
    const auth = trap.seen.map((t) => credentialHeaders(t.headers));
    expect(
      auth.every((a) => a.includes(tenant.accessKey)),
      auth.join('\n'),
    ).to.equal(true);
    expect(auth.some((a) => a.includes(AK) || a.includes(SK))).to.equal(false);
  });

  it('an existing Secret it did not create (the credentials Secret) survives a CceCluster naming it in kubeconfigSecretRef', async () => {
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'cce-creds', labels: { team: 'a' } }, stringData: { accessKey: AK, secretKey: SK } },
    });
    const before = await certificates();
    await clusters.create(
      standardCluster('kc-foreign', { credentialsSecretRef: { name: 'cce-creds' }, kubeconfigSecretRef: { name: 'cce-creds' } }),
    );
    const c = await stalled(clusters, 'kc-foreign', 'SecretNotOwned');
    expect(c.message).to.contain(`Secret ${ns}/cce-creds`).and.contain('not created by cce-operator');
    const secret = await core.readNamespacedSecret({ namespace: ns, name: 'cce-creds' });
    expect(Object.keys(secret.data ?? {}).sort()).to.deep.equal(['accessKey', 'secretKey']);
    expect(Buffer.from(secret.data?.accessKey ?? '', 'base64').toString()).to.equal(AK);
    expect(secret.metadata?.ownerReferences ?? [], 'never owned: garbage collection would delete it with the cluster').to.deep.equal([]);
    expect(secret.metadata?.labels).to.deep.equal({ team: 'a' });
    expect(await certificates(), 'no certificate issued for a Secret that cannot be written').to.equal(before);
  });

  it('one certificate per rotation: Secret writes refused by a quota are retried with the certificate already fetched', async () => {
    const quota = await core.createNamespacedResourceQuota({
      namespace: ns,
      body: { metadata: { name: 'no-new-secrets' }, spec: { hard: { 'count/secrets': '0' } } },
    });
    // No quota controller runs here: the test sets the usage the admission plugin enforces.
    await core.replaceNamespacedResourceQuotaStatus({
      namespace: ns,
      name: 'no-new-secrets',
      body: { ...quota, status: { hard: { 'count/secrets': '0' }, used: { 'count/secrets': '0' } } },
    });
    const before = await certificates();
    await clusters.create(standardCluster('kc-retry', { kubeconfigSecretRef: { name: 'kc-retry-kubeconfig', duration: 10 } }));
    await waitFor(
      'the kubeconfig write refused twice',
      async () => {
        const warnings = (await core.listNamespacedEvent({ namespace: ns, fieldSelector: 'involvedObject.name=kc-retry' })).items.filter(
          (e) => e.type === 'Warning' && /exceeded quota/.test(e.message ?? ''),
        );
        return (warnings[0]?.count ?? 0) >= 2;
      },
      45000,
    );
    expect(await certificates(), 'one certificate for all the failed writes').to.equal(before + 1);
    await core.deleteNamespacedResourceQuota({ namespace: ns, name: 'no-new-secrets' });
    const cr = await waitFor(
      'kubeconfig exported',
      async () => ((o) => (o.status?.kubeconfig?.expiresAt && isReady(o) ? o : undefined))(await clusters.get('kc-retry')),
      45000,
    );
    const secret = await core.readNamespacedSecret({ namespace: ns, name: 'kc-retry-kubeconfig' });
    expect(secret.metadata?.labels?.['app.kubernetes.io/managed-by']).to.equal('cce-operator');
    expect(secret.metadata?.ownerReferences?.map((r) => [r.kind, r.name, r.uid])).to.deep.equal([
      ['CceCluster', 'kc-retry', cr.metadata?.uid],
    ]);
    expect(await certificates()).to.equal(before + 1);

    // A rotation (a refresh request) issues exactly one more, and rewrites the Secret the operator created.
    const fetched = cr.status?.kubeconfig?.fetchedAt;
    await new Promise((r) => setTimeout(r, 1100)); // fetchedAt has second resolution
    await clusters.patch('kc-retry', { metadata: { annotations: { 'cce.operator.dev/refresh-requested-at': new Date().toISOString() } } });
    await waitFor('rotated', async () => ((o) => o.status?.kubeconfig?.fetchedAt !== fetched)(await clusters.get('kc-retry')), 30000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await certificates()).to.equal(before + 2);
  });

  it('a failing cloud call gives ONE Warning Event per object and reason: count goes up, the request id is an annotation', async () => {
    // The create: every new cluster makes it (a lookup by name may be answered from a list shared with other objects).
    await admin.addFault({ kind: 'error', operation: 'CreateCluster', status: 500, count: 3 });
    await clusters.create(standardCluster('flaky'));
    let event: CoreV1Event | undefined;
    await waitFor(
      'a repeated CloudError Warning',
      async () => {
        const items = (await core.listNamespacedEvent({ namespace: ns, fieldSelector: 'involvedObject.name=flaky' })).items;
        const cloud = items.filter((e) => e.reason === 'CloudError');
        event = cloud[0];
        return cloud.length === 1 && (event?.count ?? 0) >= 2;
      },
      60000,
    );
    const all = (await core.listNamespacedEvent({ namespace: ns, fieldSelector: 'involvedObject.name=flaky' })).items.filter(
      (e) => e.reason === 'CloudError',
    );
    expect(all, 'aggregated: one Event object').to.have.length(1);
    expect(event?.message)
      .to.match(/^CreateCluster failed: HTTP 500/)
      .and.not.contain('request');
    expect(event?.metadata?.annotations?.[REQUEST_ID_ANNOTATION]).to.be.a('string').and.not.empty;
    const synced = condition(await clusters.get('flaky'), 'Synced');
    if (synced?.status === 'False')
      expect(synced.message, 'the condition keeps the request id').to.match(/CreateCluster \(request [0-9a-f]+\) failed/);
    await admin.clearFaults();
    await waitFor('flaky Ready after the faults', async () => isReady(await clusters.get('flaky')), 45000);
  });
});
