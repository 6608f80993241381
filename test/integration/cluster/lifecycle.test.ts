/**
 * CceCluster end to end: the real operator process, the real kube-apiserver, the simulator over HTTP.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators, type OperatorProcess } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { autopilotCluster, standardCluster } from './fixtures.js';

const AK = 'AKIT0000000000000001';
const SK = 'integration-secret-key-0001';

describe('CceCluster lifecycle (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let crs: CceObjects;
  let operator: OperatorProcess;
  let secrets: CoreV1Api;

  before(async () => {
    installCrds();
    const kc = new KubeConfig();
    kc.loadFromDefault();
    secrets = kc.makeApiClient(CoreV1Api);
    const ns = await createTestNamespace('cluster-life');
    crs = new CceObjects(ns);
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    operator = startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `life-${ns}`, namespace: ns });
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  const cloudClusters = async (name?: string) =>
    (await admin.objects()).clusters.filter((c) => !name || (c.metadata as { name?: string }).name === name);
  const ready = (name: string) => waitFor(`${name} Ready`, async () => ((o) => (isReady(o) ? o : undefined))(await crs.get(name)), 45000);

  it('creates a cluster and reports Ready with phase Available for the current generation', async () => {
    await crs.create(standardCluster('alpha'));
    const cr = await ready('alpha');
    expect(cr.status?.phase).to.equal('Available');
    expect(cr.status?.clusterID).to.be.a('string').and.not.empty;
    expect(cr.status?.currentVersion).to.match(/^v1\.28/);
    expect(cr.status?.jobID).to.equal(undefined);
    expect(cr.status?.unobservedFields).to.include('spec.masters');
    expect(await cloudClusters('alpha')).to.have.length(1);
    expect(operator.child.exitCode).to.equal(null);
  });

  it('exports the kubeconfig once into the referenced Secret, with its expiry in status', async () => {
    await crs.patch('alpha', { spec: { kubeconfigSecretRef: { name: 'alpha-kubeconfig', duration: 10 } } });
    const cr = await waitFor('kubeconfig exported', async () =>
      ((o) => (o.status?.kubeconfig?.expiresAt && isReady(o) ? o : undefined))(await crs.get('alpha')),
    );
    const secret = await secrets.readNamespacedSecret({ namespace: crs.namespace, name: 'alpha-kubeconfig' });
    const kubeconfig = JSON.parse(Buffer.from(secret.data?.kubeconfig ?? '', 'base64').toString('utf8')) as {
      kind?: string;
      users?: unknown[];
    };
    expect(kubeconfig.kind).to.equal('Config');
    expect(kubeconfig.users).to.have.length.greaterThan(0);
    expect(secret.metadata?.ownerReferences?.[0]?.name).to.equal('alpha');
    const days = (Date.parse(cr.status!.kubeconfig!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).to.be.within(9.9, 10);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await admin.counts()).byOperation, 'fetched once: each call issues a new certificate').to.satisfy(
      (ops: Record<string, number>) => (ops.CreateKubernetesClusterCert ?? 0) + (ops.ShowClusterCert ?? 0) === 1,
    );
    expect(JSON.stringify(cr.status)).to.not.contain('client-key-data');
  });

  it('updates the description with exactly one UpdateCluster call', async () => {
    await admin.clearRequests();
    await crs.patch('alpha', { spec: { description: 'second description' } });
    await waitFor(
      'description in the cloud',
      async () =>
        (await cloudClusters('alpha'))[0]?.spec &&
        ((await cloudClusters('alpha'))[0]!.spec as { description?: string }).description === 'second description',
    );
    await ready('alpha');
    await new Promise((r) => setTimeout(r, 1500)); // a few more passes must not repeat the call
    expect((await admin.counts()).byOperation.UpdateCluster).to.equal(1);
  });

  it('upgrades through pre-check, upgrade and post-check to the new version', async () => {
    await crs.patch('alpha', { spec: { version: 'v1.29' } });
    const cr = await waitFor(
      'upgraded',
      async () => ((o) => (isReady(o) && /^v1\.29/.test(o.status?.currentVersion ?? '') ? o : undefined))(await crs.get('alpha')),
      60000,
    );
    expect(cr.status?.upgrade).to.equal(undefined);
    const ops = (await admin.counts()).byOperation;
    expect(ops.CreatePreCheck).to.equal(1);
    expect(ops.UpgradeCluster).to.equal(1);
    expect(ops.CreatePostCheck).to.equal(1);
  });

  it('hibernates and wakes the cluster', async () => {
    await crs.patch('alpha', { spec: { hibernate: true } });
    await waitFor('Hibernation', async () => ((o) => o.status?.phase === 'Hibernation' && isReady(o))(await crs.get('alpha')), 45000);
    await crs.patch('alpha', { spec: { hibernate: false } });
    await waitFor('Available again', async () => ((o) => o.status?.phase === 'Available' && isReady(o))(await crs.get('alpha')), 45000);
  });

  it('adopts an orphaned cloud cluster by name instead of creating a second one', async () => {
    await crs.create(standardCluster('bravo'));
    await ready('bravo');
    const before = await cloudClusters('bravo');
    await crs.patch('bravo', { spec: { deletionPolicy: 'Orphan' } });
    await crs.delete('bravo');
    await waitFor('bravo gone', async () => (await crs.tryGet('bravo')) === undefined);
    expect(await cloudClusters('bravo'), 'Orphan leaves the cloud cluster').to.have.length(1);
    // A new object for the same cloud name adopts it.
    await crs.create(standardCluster('bravo-2', { metadata: { name: 'bravo' } }));
    const cr = await ready('bravo-2');
    expect(cr.status?.clusterID).to.equal((before[0]!.metadata as { uid: string }).uid);
    expect(await cloudClusters('bravo')).to.have.length(1);
  });

  it('a second object for a managed cloud cluster is Stalled AlreadyManaged, and deleting it leaves the cluster alone', async () => {
    await admin.clearRequests();
    await crs.create(standardCluster('bravo-3', { metadata: { name: 'bravo' }, description: 'fights over it' }));
    const cr = await waitFor('Stalled', async () =>
      ((o) => (condition(o, 'Stalled')?.status === 'True' ? o : undefined))(await crs.get('bravo-3')),
    );
    expect(condition(cr, 'Stalled')?.reason).to.equal('AlreadyManaged');
    expect(condition(cr, 'Stalled')?.message).to.contain(`${crs.namespace}/bravo-2`);
    expect(cr.status?.clusterID).to.equal(undefined);
    await crs.delete('bravo-3');
    await waitFor('bravo-3 gone', async () => (await crs.tryGet('bravo-3')) === undefined);
    const writes = (await admin.requests()).filter((r) => r.method !== 'GET');
    expect(writes, JSON.stringify(writes)).to.have.length(0);
    expect(await cloudClusters('bravo')).to.have.length(1);
  });

  it('adopts by spec.clusterID and, under ObserveOnly, never writes to the cloud', async () => {
    const id = ((await cloudClusters('bravo'))[0]!.metadata as { uid: string }).uid;
    await admin.clearRequests();
    await crs.create(
      standardCluster('observer', { clusterID: id, managementPolicy: 'ObserveOnly', description: 'differs from the cloud' }),
    );
    const cr = await ready('observer');
    expect(cr.status?.clusterID).to.equal(id);
    expect(condition(cr, 'Ready')?.reason).to.equal('DriftDetected');
    const writes = (await admin.requests()).filter((r) => r.method !== 'GET');
    expect(writes, JSON.stringify(writes)).to.have.length(0);
  });

  it('does nothing while paused', async () => {
    await crs.create(standardCluster('paused-one', {}));
    await crs.patch('paused-one', { metadata: { annotations: { 'cce.operator.dev/paused': 'true' } } });
    // It may have been created before the annotation landed; from now on nothing changes in the cloud.
    await waitFor('Paused condition', async () => condition(await crs.get('paused-one'), 'Stalled')?.reason === 'Paused');
    await admin.clearRequests();
    await crs.patch('paused-one', { spec: { description: 'changed while paused' } });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await admin.requests()).filter((r) => r.method !== 'GET')).to.have.length(0);
  });

  it('Delete removes the cloud cluster once', async () => {
    await crs.delete('bravo-2');
    await waitFor('bravo-2 gone', async () => (await crs.tryGet('bravo-2')) === undefined, 45000);
    expect(await cloudClusters('bravo')).to.have.length(0);
    expect((await admin.counts()).byOperation.DeleteCluster).to.equal(1);
  });

  it('rejects hibernation on Autopilot with a clear condition, and runs Autopilot clusters to Ready', async () => {
    await crs.create(autopilotCluster('auto-one'));
    await ready('auto-one');
    await crs.patch('auto-one', { spec: { hibernate: true } });
    const cr = await waitFor('Stalled', async () =>
      ((o) => (condition(o, 'Stalled')?.status === 'True' ? o : undefined))(await crs.get('auto-one')),
    );
    expect(condition(cr, 'Stalled')?.reason).to.equal('UnsupportedOnAutopilot');
    expect(condition(cr, 'Stalled')?.message).to.match(/Autopilot/);
  });
});
