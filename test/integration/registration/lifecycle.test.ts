/**
 * CceClusterRegistration end to end: the operator against the test kube-apiserver, the CCE simulator and pf-sim over
 * HTTP. pf-sim's credential check reads /version through the kubeconfig the CceCluster exported, with the test
 * kube-apiserver standing in for the simulated cluster's endpoint. A Ready CceCluster appears in PaddleFlow (with a
 * credential that reaches the cluster) and as an Argo CD cluster Secret; a kubeconfig rotation is exactly one update;
 * hibernation is `offline`; Orphan keeps the record (and a new registration adopts it); deletion removes it; a
 * deleted CceCluster withdraws its registrations; bad registry credentials are a condition with PaddleFlow's own
 * error and no hot loop; a foreign Argo CD Secret is never overwritten.
 */
import { expect } from 'chai';
import { checkCredential } from '../../../sim/paddleflow/credential-check.js';
import { PaddleFlowSimAdmin } from '../../../sim/paddleflow/admin-client.js';
import { startPaddleFlowSim, type RunningPaddleFlowSim } from '../../../sim/paddleflow/server.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import type { CceClusterRegistration } from '../../../operator/resources/registration/types.js';
import { createTestNamespace, testEnv } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { eventsFor } from '../support/events.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { standardCluster } from '../cluster/fixtures.js';
import { core, decoded, readSecret, registered, registration, Registrations, writeSecret } from './fixtures.js';

const AK = 'AKIT0000000000000011';
const SK = 'integration-secret-key-0011';
const ROOT_PASSWORD = 'paddleflow';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CceClusterRegistration (operator + kube-apiserver + CCE simulator + pf-sim)', function () {
  let cce: RunningSim;
  let pf: RunningPaddleFlowSim;
  let pfAdmin: PaddleFlowSimAdmin;
  let ns: string;
  let argoNs: string;
  let clusters: CceObjects;
  let regs: Registrations;
  let op: ReturnType<typeof startOperator>;

  const cluster = async (name: string) => (await clusters.get(name)) as CceCluster;
  const readyCluster = (name: string) =>
    waitFor(`CceCluster ${name} Ready`, async () => ((c) => (isReady(c) ? c : undefined))(await cluster(name)), 90000);
  const readyReg = (name: string, timeout = 60000) =>
    waitFor(`registration ${name} Ready`, async () => ((r) => (registered(r) ? r : undefined))(await regs.get(name)), timeout);
  const pfSpec = (extra: Record<string, unknown> = {}) => ({ server: pf.url, credentialsSecretRef: { name: 'pf-root' }, ...extra });
  const kubeconfigOf = async (name: string) => decoded(await readSecret(ns, `${name}-kubeconfig`), 'kubeconfig');

  before(async function () {
    this.timeout(180000);
    installCrds();
    ns = await createTestNamespace('registration');
    argoNs = await createTestNamespace('argocd');
    clusters = new CceObjects(ns, 'cceclusters');
    regs = new Registrations(ns);
    cce = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    const env = testEnv();
    pf = await startPaddleFlowSim({
      rootPassword: ROOT_PASSWORD,
      users: { alice: 'alice-pw' },
      credentialCheck: { standIns: [{ match: '*', url: env.server, caData: env.caData }] },
    });
    pfAdmin = new PaddleFlowSimAdmin(pf.url);
    op = startOperator({ simUrl: cce.url, accessKey: AK, secretKey: SK, leaseName: `registration-${ns}`, namespace: ns });
    await writeSecret(ns, 'pf-root', { username: 'root', password: ROOT_PASSWORD });
    await clusters.create(standardCluster('demo', { kubeconfigSecretRef: { name: 'demo-kubeconfig' } }));
    await readyCluster('demo');
  });

  after(async () => {
    if (process.env.REG_DEBUG) (await import('node:fs')).writeFileSync('/tmp/reg-operator.log', op.output());
    await stopAllOperators();
    await cce?.close();
    await pf?.close();
  });

  it('a Ready CceCluster is registered in PaddleFlow with a working credential, and as an Argo CD cluster Secret', async function () {
    this.timeout(90000);
    await regs.create(
      registration('demo-pf', {
        clusterRef: { name: 'demo' },
        paddleflow: pfSpec({ namespaceList: ['default', 'paddle'], description: 'CCE demo' }),
      }),
    );
    await regs.create(
      registration('demo-argo', {
        clusterRef: { name: 'demo' },
        argocd: { namespace: argoNs, project: 'team-a', labels: { env: 'test' } },
      }),
    );
    const [reg, argoReg] = [await readyReg('demo-pf'), await readyReg('demo-argo')];
    const c = await cluster('demo');
    const endpoint = c.status?.endpoints?.[0]?.url as string;
    const kubeconfig = (await kubeconfigOf('demo')) as string;

    const record = await pfAdmin.cluster('demo');
    const { credential, clusterId, createTime: _c, updateTime: _u, ...fields } = record ?? ({} as NonNullable<typeof record>);
    expect(fields).to.deep.equal({
      clusterName: 'demo',
      description: 'CCE demo',
      endpoint,
      source: 'CCE',
      clusterType: 'kubernetes',
      version: c.status?.currentVersion,
      status: 'online',
      setting: '',
      namespaceList: ['default', 'paddle'],
    });
    // the credential is the exported kubeconfig, and it reaches the cluster (the stand-in's /version)
    expect(Buffer.from(credential, 'base64').toString('utf8')).to.equal(kubeconfig);
    const version = await checkCredential(credential, {
      enabled: true,
      standIns: [{ match: '*', url: testEnv().server, caData: testEnv().caData }],
      timeoutMs: 5000,
    });
    expect(version).to.match(/^v1\.\d+/);
    expect(reg.status).to.include({
      registrationID: clusterId,
      target: 'paddleflow',
      recordName: 'demo',
      registryStatus: 'online',
      endpoint,
      phase: 'Online',
    });
    expect(reg.status?.appliedHashes?.['cluster.kubeconfig']).to.match(/^sha256:/);
    expect(JSON.stringify(reg.status)).to.not.include(credential.slice(0, 40));

    const secret = await readSecret(argoNs, 'cce-demo-argo');
    expect(secret?.metadata?.labels).to.deep.equal({
      env: 'test',
      'argocd.argoproj.io/secret-type': 'cluster',
      'app.kubernetes.io/managed-by': 'cce-operator',
    });
    const kc = JSON.parse(kubeconfig) as { clusters: { cluster: Record<string, string> }[]; users: { user: Record<string, string> }[] };
    expect({
      name: decoded(secret, 'name'),
      server: decoded(secret, 'server'),
      project: decoded(secret, 'project'),
      config: JSON.parse(decoded(secret, 'config') ?? '{}'),
    }).to.deep.equal({
      name: 'demo',
      server: endpoint,
      project: 'team-a',
      config: {
        tlsClientConfig: {
          insecure: false,
          caData: kc.clusters[0]?.cluster['certificate-authority-data'],
          certData: kc.users[0]?.user['client-certificate-data'],
          keyData: kc.users[0]?.user['client-key-data'],
        },
      },
    });
    expect(argoReg.status).to.include({
      registrationID: secret?.metadata?.uid,
      target: 'argocd',
      recordName: `${argoNs}/cce-demo-argo`,
      phase: 'Registered',
    });
  });

  it('a kubeconfig rotation (refresh annotation on the CceCluster) is exactly one update in each registry', async function () {
    this.timeout(90000);
    const before = { pf: await regs.get('demo-pf'), argo: await regs.get('demo-argo'), secret: await readSecret(argoNs, 'cce-demo-argo') };
    const fetchedAt = (await cluster('demo')).status?.kubeconfig?.fetchedAt;
    await pause(1100); // the export stamp has a one-second resolution
    await pfAdmin.clearRequests();
    await clusters.patch('demo', { metadata: { annotations: { 'cce.operator.dev/refresh-requested-at': new Date().toISOString() } } });
    await waitFor('kubeconfig re-exported', async () => (await cluster('demo')).status?.kubeconfig?.fetchedAt !== fetchedAt, 30000);
    const hash = (r: CceClusterRegistration) => r.status?.appliedHashes?.['cluster.kubeconfig'];
    await waitFor(
      'PaddleFlow registration pushed the new kubeconfig',
      async () => hash(await regs.get('demo-pf')) !== hash(before.pf),
      30000,
    );
    await waitFor(
      'Argo CD registration pushed the new kubeconfig',
      async () => hash(await regs.get('demo-argo')) !== hash(before.argo),
      30000,
    );
    await pause(3000); // nothing more follows
    const counts = await pfAdmin.counts();
    expect({ updates: counts.UpdateCluster ?? 0, creates: counts.CreateCluster ?? 0, deletes: counts.DeleteCluster ?? 0 }).to.deep.equal({
      updates: 1,
      creates: 0,
      deletes: 0,
    });
    const updated = (await eventsFor(ns, 'demo-argo')).filter((e) => e.reason === 'RecordUpdated');
    if (process.env.REG_DEBUG) console.log(JSON.stringify(await eventsFor(ns, 'demo-argo'), null, 1));
    expect(updated.map((e) => e.count ?? 1).reduce((a, b) => a + b, 0)).to.equal(1);
    // (the CCE simulator issues the same certificate again: the replaced Secret's content is unchanged)
    expect(decoded(await readSecret(argoNs, 'cce-demo-argo'), 'config')).to.equal(decoded(before.secret, 'config'));
    expect([await readyReg('demo-pf'), await readyReg('demo-argo')].every(registered)).to.equal(true);
  });

  it('a hibernated cluster is offline in PaddleFlow, online again once it wakes', async function () {
    this.timeout(120000);
    await clusters.patch('demo', { spec: { hibernate: true } });
    await waitFor('PaddleFlow record offline', async () => (await pfAdmin.cluster('demo'))?.status === 'offline', 60000);
    await waitFor(
      'registration reports offline',
      async () => ((r) => registered(r) && r.status?.registryStatus === 'offline')(await regs.get('demo-pf')),
      30000,
    );
    await clusters.patch('demo', { spec: { hibernate: false } });
    await waitFor('PaddleFlow record online', async () => (await pfAdmin.cluster('demo'))?.status === 'online', 60000);
    await readyCluster('demo');
    await waitFor(
      'registration reports online',
      async () => ((r) => registered(r) && r.status?.registryStatus === 'online')(await regs.get('demo-pf')),
      30000,
    );
  });

  it('deletionPolicy Orphan leaves the record; a new registration of the same name adopts it, pushing the kubeconfig once', async function () {
    this.timeout(90000);
    const id = (await pfAdmin.cluster('demo'))?.clusterId;
    await regs.patch('demo-pf', { spec: { deletionPolicy: 'Orphan' } });
    await waitFor(
      'Orphan observed',
      async () => ((r) => r.status?.observedGeneration === r.metadata?.generation)(await regs.get('demo-pf')),
      30000,
    );
    await regs.delete('demo-pf');
    await waitFor('registration gone', async () => (await regs.tryGet('demo-pf')) === undefined, 30000);
    expect((await pfAdmin.cluster('demo'))?.clusterId).to.equal(id);

    await pfAdmin.clearRequests();
    await regs.create(
      registration('demo-pf2', {
        clusterRef: { name: 'demo' },
        paddleflow: pfSpec({ clusterName: 'demo', namespaceList: ['default', 'paddle'], description: 'CCE demo' }),
      }),
    );
    const adopted = await readyReg('demo-pf2');
    const counts = await pfAdmin.counts();
    expect({ id: adopted.status?.registrationID, creates: counts.CreateCluster ?? 0, updates: counts.UpdateCluster ?? 0 }).to.deep.equal({
      id,
      creates: 0,
      updates: 1,
    });
    expect((await eventsFor(ns, 'demo-pf2')).map((e) => e.reason)).to.include('Adopted');
  });

  it('deleting a registration removes its record (PaddleFlow) and its cluster Secret (Argo CD)', async function () {
    this.timeout(60000);
    await regs.delete('demo-pf2');
    await regs.delete('demo-argo');
    await waitFor(
      'registrations gone',
      async () => (await regs.tryGet('demo-pf2')) === undefined && (await regs.tryGet('demo-argo')) === undefined,
      30000,
    );
    expect({ record: await pfAdmin.cluster('demo'), secret: await readSecret(argoNs, 'cce-demo-argo') }).to.deep.equal({
      record: undefined,
      secret: undefined,
    });
  });

  it("bad registry credentials: Stalled with PaddleFlow's own error, no hot loop; fixing the Secret resumes it", async function () {
    this.timeout(90000);
    await writeSecret(ns, 'pf-wrong', { username: 'root', password: 'not-the-password' });
    await pfAdmin.clearRequests();
    await regs.create(
      registration('wrong', {
        clusterRef: { name: 'demo' },
        paddleflow: { server: pf.url, credentialsSecretRef: { name: 'pf-wrong' }, clusterName: 'wrong-creds' },
      }),
    );
    const stalled = await waitFor(
      'Stalled on the credentials',
      async () => ((r) => (condition(r, 'Stalled')?.status === 'True' ? r : undefined))(await regs.get('wrong')),
      30000,
    );
    expect(condition(stalled, 'Stalled')).to.include({
      reason: 'RegistryAuthFailed',
      message: 'PaddleFlow login as root failed: HTTP 400 AuthFailed: Username or password not correct',
    });
    // a Stalled object is woken only by changes (the credentials-in-use finalizer on its Secret is one): let those
    // settle, then nothing more goes to PaddleFlow
    await pause(2000);
    const settled = await pfAdmin.counts();
    await pause(5000);
    const later = await pfAdmin.counts();
    expect({ logins: later.Login ?? 0, other: Object.keys(later).filter((k) => k !== 'Login') }).to.deep.equal({
      logins: settled.Login ?? 0,
      other: [],
    });
    expect(settled.Login ?? 0).to.be.within(1, 3);

    // a non-root user: PaddleFlow's OnlyRootAllowed, named
    await writeSecret(ns, 'pf-wrong', { username: 'alice', password: 'alice-pw' });
    await waitFor(
      'Stalled: not root',
      async () => condition(await regs.get('wrong'), 'Stalled')?.message?.includes('OnlyRootAllowed'),
      30000,
    );
    expect(condition(await regs.get('wrong'), 'Stalled')?.message).to.equal(
      'PaddleFlow list clusters failed: HTTP 403 OnlyRootAllowed: This operation is only allowed for root user (PaddleFlow lets only root manage clusters; user alice is not root)',
    );
    await writeSecret(ns, 'pf-wrong', { username: 'root', password: ROOT_PASSWORD });
    await readyReg('wrong');
    expect((await pfAdmin.cluster('wrong-creds'))?.status).to.equal('online');
  });

  it('an Argo CD Secret of the name that cce-operator did not create is never overwritten (Stalled NameTaken)', async function () {
    this.timeout(60000);
    const body = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cce-taken', namespace: argoNs, labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
      stringData: { name: 'theirs', server: 'https://theirs' },
    };
    await core().createNamespacedSecret({ namespace: argoNs, body });
    await regs.create(registration('taken', { clusterRef: { name: 'demo' }, argocd: { namespace: argoNs } }));
    await waitFor('Stalled NameTaken', async () => condition(await regs.get('taken'), 'Stalled')?.reason === 'NameTaken', 30000);
    const s = await readSecret(argoNs, 'cce-taken');
    expect({
      name: decoded(s, 'name'),
      server: decoded(s, 'server'),
      managedBy: s?.metadata?.labels?.['app.kubernetes.io/managed-by'],
    }).to.deep.equal({ name: 'theirs', server: 'https://theirs', managedBy: undefined });
    await regs.delete('taken');
    await waitFor('registration gone', async () => (await regs.tryGet('taken')) === undefined, 30000);
    expect(decoded(await readSecret(argoNs, 'cce-taken'), 'name')).to.equal('theirs');
  });

  it('a deleted CceCluster withdraws its registrations; the objects stay and wait for a cluster', async function () {
    this.timeout(150000);
    await clusters.create(standardCluster('edge', { kubeconfigSecretRef: { name: 'edge-kubeconfig' } }));
    await readyCluster('edge');
    await regs.create(registration('edge-pf', { clusterRef: { name: 'edge' }, paddleflow: pfSpec() }));
    await regs.create(registration('edge-argo', { clusterRef: { name: 'edge' }, argocd: { namespace: argoNs } }));
    await readyReg('edge-pf');
    await readyReg('edge-argo');
    expect((await pfAdmin.cluster('edge'))?.status).to.equal('online');

    await clusters.delete('edge');
    await waitFor(
      'PaddleFlow record and Argo CD Secret withdrawn',
      async () => (await pfAdmin.cluster('edge')) === undefined && (await readSecret(argoNs, 'cce-edge-argo')) === undefined,
      90000,
    );
    await waitFor('CceCluster gone', async () => (await clusters.tryGet('edge')) === undefined, 90000);
    const [p, a] = [await regs.get('edge-pf'), await regs.get('edge-argo')];
    expect([
      condition(p, 'Ready')?.reason,
      condition(a, 'Ready')?.reason,
      p.status?.registrationID,
      a.status?.registrationID,
    ]).to.deep.equal(['WaitingForCluster', 'WaitingForCluster', undefined, undefined]);
    expect((await eventsFor(ns, 'edge-pf')).map((e) => e.reason)).to.include('Unregistered');
  });
});
