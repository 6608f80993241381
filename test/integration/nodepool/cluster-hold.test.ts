/**
 * CceNodePool and its cluster's readiness, and the update call on the wire: a pool that matches its spec stays
 * Ready while its CceCluster is not Ready (the cluster gate holds back changes, not readiness), a change made
 * meanwhile waits for the cluster, and the one UpdateNodePool PUT carries the full body the API documents (kind,
 * apiVersion, metadata.name). The operator talks to the simulator through a proxy that keeps request bodies.
 */
import { expect } from 'chai';
import type { CceNodePool } from '../../../operator/resources/nodepool/types.js';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { standardCluster } from '../cluster/fixtures.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady, type Condition } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { nodePool, type SimPool } from './fixtures.js';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';

const AK = 'AKIT0000000000000007';
const SK = 'integration-secret-key-0007';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CceNodePool while its cluster is not Ready, and the update body on the wire', function () {
  let sim: RunningSim;
  let proxy: RecordingProxy;
  let admin: SimAdmin;
  let clusters: CceObjects;
  let pools: CceObjects;

  before(async () => {
    installCrds();
    const ns = await createTestNamespace('nodepool-hold');
    clusters = new CceObjects(ns, 'cceclusters');
    pools = new CceObjects(ns, 'ccenodepools');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    proxy = await startRecordingProxy(sim.url);
    admin = new SimAdmin(sim.url);
    startOperator({ simUrl: proxy.url, accessKey: AK, secretKey: SK, leaseName: `hold-${ns}`, namespace: ns });
    await Promise.all([
      clusters.create(standardCluster('main')),
      pools.create(nodePool('held', 'main', { metadata: { name: 'held-cloud' } })),
    ]);
  });

  after(async () => {
    await stopAllOperators();
    await proxy?.close();
    await sim?.close();
  });

  const pool = async () => (await pools.get('held')) as unknown as CceNodePool;
  const readyPool = (check: (p: CceNodePool) => boolean = () => true) =>
    waitFor('held Ready', async () => ((p) => (isReady(p as never) && check(p) ? p : undefined))(await pool()), 45000);
  const cloudPool = async () =>
    (await admin.objects()).nodePools.find((p) => (p.metadata as { name?: string }).name === 'held-cloud') as unknown as
      SimPool | undefined;

  it('the one UpdateNodePool PUT carries the full body with kind, apiVersion and metadata.name', async () => {
    await waitFor('main Ready', async () => isReady(await clusters.get('main')), 45000);
    await readyPool();
    proxy.clear();
    await pools.patch('held', { spec: { initialNodeCount: 2, nodeTemplate: { k8sTags: { team: 'platform', tier: 'web' } } } });
    await readyPool((p) => p.status?.currentNode === 2);
    await sleep(1000); // further passes must not send it again
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && /\/nodepools\/[^/]+$/.test(r.path));
    expect(puts.map((r) => r.body)).to.deep.equal([
      {
        kind: 'NodePool',
        apiVersion: 'v3',
        metadata: { name: 'held-cloud' },
        spec: {
          initialNodeCount: 2,
          autoscaling: { enable: false },
          nodeTemplate: { k8sTags: { team: 'platform', tier: 'web' }, taints: [] },
        },
      },
    ]);
    expect((await admin.requests()).filter((r) => r.operation === 'UpdateNodePool').map((r) => r.status)).to.deep.equal([200]);
  });

  it('stays Ready while its CceCluster is not Ready; a change waits for the cluster, then applies', async () => {
    const before = await readyPool();
    const since = (condition(before, 'Ready') as (Condition & { lastTransitionTime?: string }) | undefined)?.lastTransitionTime;
    const seen: Condition[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const c = condition(await pool().catch(() => undefined), 'Ready');
        if (c) seen.push(c);
        await sleep(100);
      }
    })();

    // A version the cloud does not offer the cluster (CCE cannot downgrade): the cluster stalls, changing nothing
    // in the cloud, and its cloud id stays known.
    await clusters.patch('main', { spec: { version: 'v1.27' } });
    await waitFor('main Stalled', async () => condition(await clusters.get('main'), 'Stalled')?.status === 'True', 45000);
    const held = await waitFor('the pool reports the cluster', async () =>
      ((p) => (/CceCluster main is not Ready/.test(condition(p, 'Ready')?.message ?? '') ? p : undefined))(await pool()),
    );
    await sleep(1000);
    watching = false;
    await watch;
    expect(condition(held, 'Ready')).to.deep.include({ status: 'True', reason: 'Available', lastTransitionTime: since });
    expect(isReady(held as never), 'Ready for its current generation').to.equal(true);
    expect(
      seen.filter((c) => c.status !== 'True'),
      'never not Ready on the way',
    ).to.deep.equal([]);

    // A change while the cluster is not Ready is held back: no update call, reported.
    await admin.clearRequests();
    await pools.patch('held', { spec: { nodeTemplate: { k8sTags: { team: 'platform', tier: 'batch' } } } });
    const waiting = await waitFor('the change held', async () =>
      ((p) => (condition(p, 'Ready')?.reason === 'WaitingForCluster' ? p : undefined))(await pool()),
    );
    expect(condition(waiting, 'Ready')?.status).to.equal('False');
    expect(condition(waiting, 'Ready')?.message).to.contain('holding changes to spec.nodeTemplate.k8sTags');
    expect(condition(waiting, 'Stalled')?.status, 'a wait, never Stalled').to.equal('False');
    await sleep(1000);
    expect((await admin.counts()).byOperation.UpdateNodePool ?? 0).to.equal(0);

    // The cluster comes back: the pool applies the change (woken by the CceCluster watch) and is Ready.
    await clusters.patch('main', { spec: { version: 'v1.28' } });
    await waitFor('main Ready again', async () => isReady(await clusters.get('main')), 45000);
    await readyPool((p) => condition(p, 'Ready')?.reason === 'Available');
    expect((await cloudPool())?.spec.nodeTemplate.k8sTags).to.deep.equal({
      team: 'platform',
      tier: 'batch',
      'cce.cloud.com/cce-nodepool': 'held-cloud',
    });
    expect((await admin.counts()).byOperation.UpdateNodePool).to.equal(1);
  });
});
