/**
 * The managed ladder's rules, end to end on CceCluster (real operator process, real kube-apiserver, the simulator):
 * credentials outlive their users, a name held where adoption cannot look is NameTaken (not a create loop), an update
 * the cloud ignores is not a hot loop (NotConverged), a delete after a lost create answer leaves nothing behind, and
 * a failed upgrade can be retried or abandoned.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { autopilotCluster, standardCluster } from './fixtures.js';

const AK = 'AKIT0000000000000003';
const SK = 'integration-secret-key-0003';
const CREDENTIALS_FINALIZER = 'cce.operator.dev/credentials-in-use';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CceCluster on the managed ladder (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let crs: CceObjects;
  let core: CoreV1Api;

  before(async () => {
    installCrds();
    const kc = new KubeConfig();
    kc.loadFromDefault();
    core = kc.makeApiClient(CoreV1Api);
    const ns = await createTestNamespace('cluster-ladder');
    crs = new CceObjects(ns);
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `ladder-${ns}`, namespace: ns });
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  const cloudClusters = async (name: string) =>
    (await admin.objects()).clusters.filter((c) => (c.metadata as { name?: string }).name === name);
  const ready = (name: string, timeout = 45000) =>
    waitFor(`${name} Ready`, async () => ((o) => (isReady(o) ? o : undefined))(await crs.get(name)), timeout);
  const stalled = (name: string) =>
    waitFor(`${name} Stalled`, async () => ((o) => (condition(o, 'Stalled')?.status === 'True' ? o : undefined))(await crs.get(name)));
  const gone = (name: string, timeout = 45000) => waitFor(`${name} gone`, async () => (await crs.tryGet(name)) === undefined, timeout);
  const secretExists = async (name: string) =>
    core.readNamespacedSecret({ namespace: crs.namespace, name }).then(
      (s) => s,
      (e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e)),
    );
  const createSecret = (name: string) =>
    core.createNamespacedSecret({ namespace: crs.namespace, body: { metadata: { name }, stringData: { accessKey: AK, secretKey: SK } } });
  const ops = async () => (await admin.counts()).byOperation;

  it('a credentials Secret created after the object: Stalled on it, then Ready once it appears (watched)', async () => {
    await crs.create(standardCluster('late', { credentialsSecretRef: { name: 'late-creds' } }));
    const cr = await stalled('late');
    expect(condition(cr, 'Stalled')).to.include({ reason: 'CredentialsError' });
    expect(condition(cr, 'Stalled')?.message).to.contain('late-creds');
    await createSecret('late-creds');
    await ready('late');
    expect((await secretExists('late-creds'))?.metadata?.finalizers).to.include(CREDENTIALS_FINALIZER);
  });

  it('a prune deletes the objects and their Secret together: the cloud cluster is deleted, then the Secret goes', async () => {
    await createSecret('prune-creds');
    await crs.create(standardCluster('pruned', { credentialsSecretRef: { name: 'prune-creds' } }));
    await ready('pruned');
    await waitFor('Secret protected', async () =>
      (await secretExists('prune-creds'))?.metadata?.finalizers?.includes(CREDENTIALS_FINALIZER),
    );
    await Promise.all([crs.delete('pruned'), core.deleteNamespacedSecret({ namespace: crs.namespace, name: 'prune-creds' })]);
    await gone('pruned');
    expect(await cloudClusters('pruned')).to.have.length(0);
    await waitFor('Secret gone last', async () => (await secretExists('prune-creds')) === undefined);
  });

  it('Orphan with its Secret deleted first: the finalizer is released, the cloud cluster stays', async () => {
    await createSecret('orphan-creds');
    await crs.create(standardCluster('orphaned', { credentialsSecretRef: { name: 'orphan-creds' }, deletionPolicy: 'Orphan' }));
    await ready('orphaned');
    await core.deleteNamespacedSecret({ namespace: crs.namespace, name: 'orphan-creds' });
    await crs.delete('orphaned');
    await gone('orphaned', 20000);
    expect(await cloudClusters('orphaned')).to.have.length(1);
    await waitFor('Secret let go', async () => (await secretExists('orphan-creds')) === undefined);
  });

  it('a name held by an Autopilot cluster: Stalled NameTaken naming it, no create loop', async () => {
    await crs.create(autopilotCluster('taken'));
    await ready('taken');
    await admin.clearRequests();
    await crs.create(standardCluster('taken-std', { metadata: { name: 'taken' } }));
    const cr = await stalled('taken-std');
    expect(condition(cr, 'Stalled')?.reason).to.equal('NameTaken');
    expect(condition(cr, 'Stalled')?.message).to.match(/Autopilot cluster taken/);
    await sleep(5000);
    expect((await ops()).CreateCluster, 'one create, then a slow re-check').to.equal(1);
  });

  it('customSan on a standard cluster (not updatable there): NotConverged with the documented reason, no hot loop', async () => {
    await crs.create(standardCluster('san-std'));
    await ready('san-std');
    await admin.clearRequests();
    await crs.patch('san-std', { spec: { customSan: ['api.example.com'] } });
    const cr = await waitFor('NotConverged', async () =>
      ((o) => (condition(o, 'Synced')?.reason === 'NotConverged' ? o : undefined))(await crs.get('san-std')),
    );
    expect(condition(cr, 'Synced')?.message).to.contain('spec.customSan');
    expect(condition(cr, 'Synced')?.message).to.match(/only spec.description .* standard clusters/);
    await sleep(5000);
    expect((await ops()).UpdateCluster, 'sent once; retried only after the backoff').to.equal(1);
  });

  it('deleted right after a create whose answer was lost: found by name and deleted, nothing left behind', async () => {
    await admin.addFault({ kind: 'drop', operation: 'CreateCluster', when: 'after', count: 1 });
    await crs.create(standardCluster('lost'));
    await waitFor('create sent', async () => ((await ops()).CreateCluster ?? 0) >= 1 && (await cloudClusters('lost')).length === 1);
    await crs.delete('lost');
    await gone('lost');
    await waitFor('cloud cluster deleted', async () => (await cloudClusters('lost')).length === 0);
  });

  it("a failed upgrade task is reported with the cloud's state and retried on the retry annotation", async () => {
    await crs.create(standardCluster('upg-std'));
    await ready('upg-std');
    await admin.addFault({ kind: 'jobFailure', operation: 'UpgradeCluster', count: 1, reason: 'node drain timed out' });
    await crs.patch('upg-std', { spec: { version: 'v1.29' } });
    const cr = await stalled('upg-std');
    expect(condition(cr, 'Stalled')?.reason).to.equal('UpgradeFailed');
    expect(condition(cr, 'Stalled')?.message).to.contain('cce.operator.dev/retry-upgrade');
    expect((await ops()).RetryUpgradeClusterTask ?? 0).to.equal(0);
    await crs.patch('upg-std', { metadata: { annotations: { 'cce.operator.dev/retry-upgrade': '1' } } });
    const done = await waitFor(
      'upgraded',
      async () => ((o) => (isReady(o) && /^v1\.29/.test(o.status?.currentVersion ?? '') ? o : undefined))(await crs.get('upg-std')),
      60000,
    );
    expect(done.status?.upgrade).to.equal(undefined);
    expect((await ops()).RetryUpgradeClusterTask).to.equal(1);
  });

  it('a failed upgrade is abandoned by setting spec.version back to the current version', async () => {
    await crs.create(standardCluster('upg-old', { version: 'v1.27' }));
    await ready('upg-old');
    await admin.addFault({ kind: 'jobFailure', operation: 'UpgradeCluster', count: 1, reason: 'injected' });
    await crs.patch('upg-old', { spec: { version: 'v1.28' } });
    expect(condition(await stalled('upg-old'), 'Stalled')?.reason).to.equal('UpgradeFailed');
    await crs.patch('upg-old', { spec: { version: 'v1.27' } });
    const cr = await ready('upg-old');
    expect(cr.status?.upgrade).to.equal(undefined);
    expect(cr.status?.currentVersion).to.match(/^v1\.27/);
  });
});
