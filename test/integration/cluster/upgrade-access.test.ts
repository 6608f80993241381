/**
 * Upgrade control and the public endpoint, end to end (real operator, kube-apiserver, simulator): an upgrade across
 * two minor versions planned up front and sent with the policy's step size; a target no path reaches refused before
 * any upgrade call; failed pre-check items by name, skipped through the policy; an EIP bound and the exported
 * kubeconfig pointing at the external address, then unbound; and, on a Huawei Cloud Stack 8.1.1 endpoint, the
 * upgrade reported as UnsupportedByCloud without retries.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { startRecordingProxy, type RecordingProxy } from '../nodepool/recording-proxy.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { standardCluster } from './fixtures.js';

const AK = 'AKIT0000000000000010';
const SK = 'integration-secret-key-0010';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Cr = Awaited<ReturnType<CceObjects['get']>>;

describe('CceCluster upgrade control and public endpoint (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let hcs: RunningSim;
  let proxy: RecordingProxy;
  let admin: SimAdmin;
  let hcsAdmin: SimAdmin;
  let crs: CceObjects;
  let hcsCrs: CceObjects;
  let core: CoreV1Api;

  before(async () => {
    installCrds();
    const kc = new KubeConfig();
    kc.loadFromDefault();
    core = kc.makeApiClient(CoreV1Api);
    const ns = await createTestNamespace('upgrade-access');
    const hcsNs = await createTestNamespace('hcs');
    crs = new CceObjects(ns);
    hcsCrs = new CceObjects(hcsNs);
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    hcs = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0, cloudStack: 'hcs-8.1.1' });
    proxy = await startRecordingProxy(sim.url);
    admin = new SimAdmin(sim.url);
    hcsAdmin = new SimAdmin(hcs.url);
    startOperator({ simUrl: proxy.url, accessKey: AK, secretKey: SK, leaseName: `upgacc-${ns}`, namespace: ns });
    startOperator({ simUrl: hcs.url, accessKey: AK, secretKey: SK, leaseName: `hcs-${hcsNs}`, namespace: hcsNs });
  });

  after(async () => {
    await stopAllOperators();
    await proxy?.close();
    await sim?.close();
    await hcs?.close();
  });

  const until = (objects: CceObjects, name: string, what: string, ok: (o: Cr) => boolean, timeout = 60000) =>
    waitFor(`${name} ${what}`, async () => ((o) => (ok(o) ? o : undefined))(await objects.get(name)), timeout);
  const ready = (name: string) => until(crs, name, 'Ready', isReady);
  const stalled = (objects: CceObjects, name: string) => until(objects, name, 'Stalled', (o) => condition(o, 'Stalled')?.status === 'True');
  const ops = async () => (await admin.counts()).byOperation;
  const sent = (path: RegExp) => proxy.requests.filter((r) => r.method !== 'GET' && path.test(r.path));

  it('an upgrade across two minor versions: the path planned first, each step sent with the step size', async () => {
    await crs.create(
      standardCluster('two-minors', { version: 'v1.27', upgradePolicy: { userDefinedStep: 7, nodePoolOrder: { DefaultPool: 1 } } }),
    );
    await ready('two-minors');
    await crs.patch('two-minors', { spec: { version: 'v1.29' } });
    const planned = await until(crs, 'two-minors', 'planned', (o) => (o.status?.upgrade?.path?.length ?? 0) > 0);
    expect(planned.status?.upgrade?.path).to.deep.equal(['v1.28.15-r0', 'v1.29.10-r0']);
    const done = await until(crs, 'two-minors', 'at v1.29', (o) => isReady(o) && /^v1\.29/.test(o.status?.currentVersion ?? ''), 90000);
    expect(done.status?.upgrade).to.equal(undefined);
    const upgrades = sent(/\/operation\/upgrade$/).map(
      (r) => (r.body as { spec: { clusterUpgradeAction: Record<string, unknown> } }).spec.clusterUpgradeAction,
    );
    expect(upgrades.map((a) => a.targetVersion)).to.deep.equal(['v1.28.15-r0', 'v1.29.10-r0']);
    for (const a of upgrades) {
      expect(a.strategy).to.deep.equal({ type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 7 } });
      expect(a.nodePoolOrder).to.deep.equal({ DefaultPool: 1 });
    }
  });

  it('a target no upgrade path reaches: Stalled NoUpgradePath naming what the cloud offers, before any upgrade call', async () => {
    await crs.create(standardCluster('no-path'));
    await ready('no-path');
    const before = await ops();
    await crs.patch('no-path', { spec: { version: 'v1.30' } });
    const cr = await stalled(crs, 'no-path');
    expect(condition(cr, 'Stalled')?.reason).to.equal('NoUpgradePath');
    expect(condition(cr, 'Stalled')?.message).to.contain('CCE offers v1.29.10-r0');
    const after = await ops();
    for (const op of ['CreatePreCheck', 'UpgradeCluster', 'CreateClusterMasterSnapshot'])
      expect(after[op] ?? 0, op).to.equal(before[op] ?? 0);
    expect(cr.status?.currentVersion).to.match(/^v1\.28/);
  });

  it('failed pre-check items are listed by name; skipping them through the policy lets the upgrade (with a snapshot) go on', async () => {
    await crs.create(standardCluster('prechecked', { upgradePolicy: { snapshot: true } }));
    await ready('prechecked');
    await admin.setPreCheckFailures([{ name: 'NodeKernelCheck', message: 'kernel too old on node n1' }]);
    try {
      await crs.patch('prechecked', { spec: { version: 'v1.29' } });
      const cr = await stalled(crs, 'prechecked');
      expect(condition(cr, 'Stalled')?.reason).to.equal('UpgradeFailed');
      expect(condition(cr, 'Stalled')?.message).to.contain('failed check items: NodeKernelCheck');
      expect(cr.status?.upgrade?.failedCheckItems).to.deep.include({
        name: 'NodeKernelCheck',
        kind: 'Exception',
        phase: 'Failed',
        message: 'kernel too old on node n1',
      });
      await crs.patch('prechecked', {
        metadata: { annotations: { 'cce.operator.dev/retry-upgrade': '1' } },
        spec: { upgradePolicy: { snapshot: true, skippedCheckItemList: [{ name: 'NodeKernelCheck' }] } },
      });
      await until(crs, 'prechecked', 'at v1.29', (o) => isReady(o) && /^v1\.29/.test(o.status?.currentVersion ?? ''), 90000);
      expect((await ops()).CreateClusterMasterSnapshot ?? 0).to.be.greaterThan(0);
    } finally {
      await admin.setPreCheckFailures([]);
    }
  });

  it('bind an EIP: status.endpoints shows it and the exported kubeconfig points at it; unbind: back to the internal address', async () => {
    await crs.create(standardCluster('public-api', { kubeconfigSecretRef: { name: 'public-api-kubeconfig' } }));
    const first = await ready('public-api');
    const internal = (first.status?.endpoints ?? []).find((e) => e.type === 'Internal')?.url;
    expect(first.status?.kubeconfig?.server).to.equal(internal);
    await crs.patch('public-api', { spec: { masterEIP: { id: 'eip-it-0001' } } });
    const bound = await until(crs, 'public-api', 'External', (o) => o.status?.kubeconfig?.endpointType === 'External' && isReady(o));
    const external = (bound.status?.endpoints ?? []).find((e) => e.type === 'External')?.url;
    expect(external).to.match(/^https:\/\/121\.36\./);
    expect(bound.status?.kubeconfig?.server).to.equal(external);
    expect(bound.status?.appliedMasterEIP).to.equal('eip-it-0001');
    const server = async () => {
      const secret = await core.readNamespacedSecret({ namespace: crs.namespace, name: 'public-api-kubeconfig' });
      const k = JSON.parse(Buffer.from(secret.data?.kubeconfig ?? '', 'base64').toString('utf8')) as {
        clusters: Array<{ name: string; cluster: { server: string } }>;
        contexts: Array<{ name: string; context: { cluster: string } }>;
        'current-context': string;
      };
      const context = k.contexts.find((c) => c.name === k['current-context']);
      return k.clusters.find((c) => c.name === context?.context.cluster)?.cluster.server;
    };
    expect(await server()).to.equal(external);
    await crs.patch('public-api', { spec: { masterEIP: null } });
    const unbound = await until(
      crs,
      'public-api',
      'Internal again',
      (o) => o.status?.kubeconfig?.endpointType === 'Internal' && isReady(o),
    );
    expect((unbound.status?.endpoints ?? []).map((e) => e.type)).to.deep.equal(['Internal']);
    expect(unbound.status?.appliedMasterEIP).to.equal(undefined);
    expect(await server()).to.equal(internal);
    expect((await ops()).UpdateClusterEip).to.equal(2);
  });

  it('Huawei Cloud Stack 8.1.1 (no upgrade API): Stalled UnsupportedByCloud naming the call, not retried until the spec changes', async () => {
    await hcsCrs.create(standardCluster('hcs-upgrade'));
    await until(hcsCrs, 'hcs-upgrade', 'Ready', isReady);
    await hcsCrs.patch('hcs-upgrade', { spec: { version: 'v1.29' } });
    const cr = await stalled(hcsCrs, 'hcs-upgrade');
    expect(condition(cr, 'Stalled')?.reason).to.equal('UnsupportedByCloud');
    expect(condition(cr, 'Stalled')?.message).to.contain('ShowClusterUpgradeInfo').and.contain('APIGW.0101');
    const calls = async () => (await hcsAdmin.counts()).byOperation.Unknown ?? 0;
    const once = await calls();
    expect(once).to.be.greaterThan(0);
    await sleep(3000); // many active resync periods (300 ms) and backoffs (≤ 2 s)
    expect(await calls()).to.equal(once);
    await hcsCrs.patch('hcs-upgrade', { spec: { version: 'v1.28' } });
    await until(hcsCrs, 'hcs-upgrade', 'Ready again', isReady);
  });
});
