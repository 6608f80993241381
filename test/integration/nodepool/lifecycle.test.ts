/**
 * CceNodePool end to end: the real operator process, the real kube-apiserver, the simulator over HTTP. Pools wait
 * for their cluster (woken by the watch), scale, autoscale, relabel in one call, follow cluster upgrades, survive a
 * crash after the create call, hold up cluster deletion, and are refused on Autopilot.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { CceClient } from '../../../operator/cloud/index.js';
import type { CceNodePool } from '../../../operator/resources/nodepool/types.js';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { autopilotCluster, standardCluster } from '../cluster/fixtures.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady, type Condition } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators, type OperatorProcess } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { nodePool, withTemplate, type SimPool } from './fixtures.js';

const AK = 'AKIT0000000000000005';
const SK = 'integration-secret-key-0005';
const nameOf = (o: Record<string, unknown>) => (o.metadata as { name?: string }).name;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CceNodePool lifecycle (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let ns: string;
  let clusters: CceObjects;
  let pools: CceObjects;
  let operator: OperatorProcess;
  let leases = 0;

  const start = () =>
    (operator = startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `np-${ns}-${++leases}`, namespace: ns }));

  before(async () => {
    installCrds();
    ns = await createTestNamespace('nodepool-life');
    clusters = new CceObjects(ns, 'cceclusters');
    pools = new CceObjects(ns, 'ccenodepools');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    start();
  });

  afterEach(() => admin.clearFaults());

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  const pool = async (name: string) => (await pools.get(name)) as unknown as CceNodePool;
  const readyPool = (name: string, check: (p: CceNodePool) => boolean = () => true, timeoutMs = 45000) =>
    waitFor(`${name} Ready`, async () => ((p) => (isReady(p as never) && check(p) ? p : undefined))(await pool(name)), timeoutMs);
  const readyCluster = (name: string, timeoutMs = 45000) =>
    waitFor(`${name} Ready`, async () => ((o) => (isReady(o) ? o : undefined))(await clusters.get(name)), timeoutMs);
  const cloudPools = async (name?: string) => (await admin.objects()).nodePools.filter((p) => !name || nameOf(p) === name);
  const cloudPool = async (name: string) => (await cloudPools(name))[0] as unknown as SimPool | undefined;
  const warnings = async (name: string) => {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.name=${name}` });
    return list.items.filter((e) => e.type === 'Warning').map((e) => `${e.reason}: ${e.message}`);
  };
  /** Records every condition reason an object shows, until stopped. */
  const recorder = (get: () => Promise<{ status?: { conditions?: unknown } }>) => {
    const seen: Condition[] = [];
    let on = true;
    const loop = (async () => {
      while (on) {
        const o = await get().catch(() => undefined);
        for (const c of (o?.status?.conditions as Condition[] | undefined) ?? []) seen.push(c);
        await sleep(100);
      }
    })();
    return { seen, stop: async () => ((on = false), await loop, seen) };
  };

  it('one apply of a cluster and two pools: the pools wait for the cluster, then all are Ready', async () => {
    // Slow the cluster's create job a little so the pools' wait is visible.
    await admin.addFault({ kind: 'latency', operation: 'ShowJob', delayMs: 1500, count: 2 });
    const recA = recorder(() => pool('pool-a'));
    await Promise.all([
      clusters.create(standardCluster('main')),
      pools.create(nodePool('pool-a', 'main')),
      pools.create(nodePool('pool-b', 'main', { initialNodeCount: 2 })),
    ]);
    const cluster = await readyCluster('main');
    const [a, b] = await Promise.all([readyPool('pool-a'), readyPool('pool-b')]);
    const seen = await recA.stop();
    expect(
      seen.some((c) => c.type === 'Ready' && c.reason === 'WaitingForCluster'),
      JSON.stringify(seen.slice(0, 5)),
    ).to.equal(true);

    expect(a.status?.phase).to.equal('');
    expect(a.status?.state).to.equal('Normal');
    expect(a.status?.clusterID).to.equal(cluster.status?.clusterID);
    expect(a.status?.nodes).to.equal('1/1');
    expect(b.status?.nodes).to.equal('2/2');
    expect(a.status?.nodePoolID).to.equal((await cloudPool('pool-a'))?.metadata.uid);
    expect(a.status?.unobservedFields).to.include.members(['spec.initialNodeCount', 'spec.nodeTemplate.taints', 'spec.nodeTemplate.login']);
    expect(Object.keys(a.status?.appliedHashes ?? {}).sort(), 'the unobserved mutable fields, as created').to.deep.equal([
      'spec.autoscaling',
      'spec.nodeTemplate.taints',
    ]);
    // Creates were only attempted once the cluster was Available: no rejected calls.
    const creates = (await admin.requests()).filter((r) => r.operation === 'CreateNodePool');
    expect(creates.map((r) => r.status)).to.deep.equal([201, 201]);
    expect(await warnings('pool-a')).to.deep.equal([]);
    expect(await warnings('pool-b')).to.deep.equal([]);
  });

  it('scales 1 → 3 → 1 through initialNodeCount', async () => {
    await pools.patch('pool-a', { spec: { initialNodeCount: 3 } });
    let p = await readyPool('pool-a', (o) => o.status?.currentNode === 3);
    expect(p.status?.nodes).to.equal('3/3');
    // Nodes by phase from the list-nodes call of the same observation; never a call per node.
    expect(p.status?.nodeStatus).to.deep.equal({ phases: { Active: 3 }, unhealthy: [] });
    expect((await admin.counts()).byOperation.ShowNode ?? 0).to.equal(0);
    expect(
      (await admin.objects()).nodes.filter(
        (n) =>
          (n.metadata as { annotations?: Record<string, string> }).annotations?.['kubernetes.io/node-pool.id'] === p.status?.nodePoolID,
      ),
    ).to.have.length(3);
    await pools.patch('pool-a', { spec: { initialNodeCount: 1 } });
    p = await readyPool('pool-a', (o) => o.status?.currentNode === 1);
    expect((await cloudPool('pool-a'))?.status.currentNode).to.equal(1);
  });

  it('changes labels and taints with exactly one UpdateNodePool call', async () => {
    await admin.clearRequests();
    await pools.patch('pool-a', {
      spec: {
        nodeTemplate: { k8sTags: { team: 'data', tier: 'batch' }, taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] },
      },
    });
    await waitFor('labels in the cloud', async () => (await cloudPool('pool-a'))?.spec.nodeTemplate.k8sTags.tier === 'batch');
    await readyPool('pool-a');
    await sleep(1500); // more passes must not repeat the call
    expect((await admin.counts()).byOperation.UpdateNodePool).to.equal(1);
    const t = (await cloudPool('pool-a'))!.spec.nodeTemplate;
    expect(t.k8sTags).to.deep.equal({ team: 'data', tier: 'batch', 'cce.cloud.com/cce-nodepool': 'pool-a' });
    expect(t.taints).to.deep.equal([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }]);
  });

  it("toggles autoscaling, and leaves the autoscaler's node count alone", async () => {
    await pools.patch('pool-b', { spec: { autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 5 } } });
    await waitFor('autoscaling on in the cloud', async () => (await cloudPool('pool-b'))?.spec.autoscaling.enable === true);
    const p = await readyPool('pool-b');
    // The autoscaler (played by a direct API call) grows the pool to 4 nodes.
    const cloud = new CceClient({
      endpoint: sim.url,
      projectId: 'test-project',
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      rateLimit: false,
    });
    await cloud.nodePools.update(p.status!.clusterID!, p.status!.nodePoolID!, {
      kind: 'NodePool',
      apiVersion: 'v3',
      metadata: { name: 'pool-b' },
      spec: { initialNodeCount: 4, autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 5 }, nodeTemplate: {} },
    });
    cloud.close();
    await admin.clearRequests();
    await pools.patch('pool-b', { metadata: { annotations: { 'cce.operator.dev/refresh-requested-at': new Date().toISOString() } } });
    const owned = await readyPool('pool-b', (o) => o.status?.currentNode === 4);
    await sleep(1500);
    expect(owned.status?.nodes).to.equal('4/4');
    expect((await admin.counts()).byOperation.UpdateNodePool ?? 0, 'the count was not put back').to.equal(0);
    expect((await cloudPool('pool-b'))?.status.currentNode).to.equal(4);

    // Autoscaling off: the spec owns the count again.
    await pools.patch('pool-b', { spec: { autoscaling: { enable: false } } });
    await waitFor('autoscaling off in the cloud', async () => (await cloudPool('pool-b'))?.spec.autoscaling.enable === false);
    await readyPool('pool-b', (o) => o.status?.currentNode === 2);
  });

  it('a cluster and pool version bump in one apply: the cluster upgrades first, the pools follow, never Stalled', async () => {
    await pools.patch('pool-a', { spec: { version: 'v1.28' } });
    await readyPool('pool-a');
    const rec = recorder(() => pool('pool-a'));
    // Pool first, as an unordered apply may do.
    await pools.patch('pool-a', { spec: { version: 'v1.29' } });
    await clusters.patch('main', { spec: { version: 'v1.29' } });
    await waitFor(
      'cluster upgraded',
      async () => ((o) => isReady(o) && /^v1\.29/.test(o.status?.currentVersion ?? ''))(await clusters.get('main')),
      60000,
    );
    const p = await readyPool('pool-a', (o) => /^v1\.29/.test(o.status?.currentVersion ?? ''));
    const seen = await rec.stop();
    expect(
      seen.filter((c) => c.type === 'Stalled' && c.status === 'True'),
      'no Stalled on the way',
    ).to.deep.equal([]);
    expect(seen.some((c) => c.type === 'Ready' && c.reason === 'WaitingForClusterUpgrade')).to.equal(true);
    expect(condition(p, 'Ready')?.reason).to.equal('Available');
    expect(await warnings('pool-a')).to.deep.equal([]);
  });

  it('a crash right after the create call returns never produces a second pool', async () => {
    await admin.clearRequests();
    await admin.addFault({ kind: 'latency', operation: 'CreateNodePool', when: 'after', delayMs: 5000, count: 1 });
    await pools.create(nodePool('crashy', 'main'));
    await waitFor('pool in the cloud', async () => (await cloudPools('crashy')).length > 0);
    await operator.kill('SIGKILL');
    expect((await pool('crashy')).status?.nodePoolID, 'status was never written').to.equal(undefined);
    start(); // a fresh lease: the killed operator's is not waited out
    const p = await readyPool('crashy');
    const found = await cloudPools('crashy');
    expect(found).to.have.length(1);
    expect(p.status?.nodePoolID).to.equal((found[0]!.metadata as { uid: string }).uid);
    // The held response is logged when it completes (after 5 s): wait for it, so it cannot land in a later test.
    const creates = await waitFor('the killed CreateNodePool logged', async () => (await admin.counts()).byOperation.CreateNodePool, 15000);
    expect(creates, 'the restarted operator adopted by name').to.equal(1);
    expect((await admin.requests()).filter((r) => r.operation === 'ListNodePools').length).to.be.greaterThan(0);
  });

  it('Orphan leaves the cloud pool; Delete removes it and waits until it is gone', async () => {
    await pools.patch('crashy', { spec: { deletionPolicy: 'Orphan' } });
    await pools.delete('crashy');
    await waitFor('crashy gone', async () => (await pools.tryGet('crashy')) === undefined);
    expect(await cloudPools('crashy')).to.have.length(1);

    await pools.create(nodePool('doomed', 'main'));
    await readyPool('doomed');
    await pools.delete('doomed');
    await waitFor('doomed gone', async () => (await pools.tryGet('doomed')) === undefined);
    expect(await cloudPools('doomed')).to.have.length(0);
  });

  it('deleting the cluster while pools exist: the cluster waits, naming them, then goes', async () => {
    await clusters.delete('main');
    const c = await waitFor('WaitingForNodePools', async () =>
      ((o) => (condition(o, 'Ready')?.reason === 'WaitingForNodePools' ? o : undefined))(await clusters.get('main')),
    );
    expect(condition(c, 'Ready')?.message).to.contain('pool-a').and.contain('pool-b');
    expect((await admin.counts()).byOperation.DeleteCluster ?? 0).to.equal(0);
    await Promise.all([pools.delete('pool-a'), pools.delete('pool-b')]);
    await waitFor('cluster gone', async () => (await clusters.tryGet('main')) === undefined, 45000);
    expect((await admin.objects()).clusters.filter((o) => nameOf(o) === 'main')).to.have.length(0);
    expect(await cloudPools('pool-a')).to.have.length(0);
  });

  it('refuses a pool on an Autopilot cluster with a clear Stalled condition', async () => {
    await admin.clearRequests();
    await clusters.create(autopilotCluster('auto'));
    await readyCluster('auto');
    await pools.create(withTemplate(nodePool('nope', 'auto'), {}));
    const p = await waitFor('Stalled', async () =>
      ((o) => (condition(o as never, 'Stalled')?.status === 'True' ? o : undefined))(await pool('nope')),
    );
    expect(condition(p as never, 'Stalled')?.reason).to.equal('UnsupportedOnAutopilot');
    expect(condition(p as never, 'Stalled')?.message).to.match(/Autopilot has no node pools/);
    const creates = (await admin.requests()).filter((r) => r.operation === 'CreateNodePool');
    expect(creates, JSON.stringify(creates)).to.have.length(0);
    await pools.delete('nope');
    await waitFor('nope gone', async () => (await pools.tryGet('nope')) === undefined);
  });
});
