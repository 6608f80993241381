/**
 * CceCluster under failure: operator crashes right after the create call, leader failover, cloud faults (429,
 * 5xx, job failure), drift in the cloud. The operator is a real child process; the cloud is the simulator.
 */
import { expect } from 'chai';
import { CceClient } from '../../../operator/cloud/index.js';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { eventsFor } from '../support/events.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { standardCluster } from './fixtures.js';

const AK = 'AKIT0000000000000002';
const SK = 'integration-secret-key-0002';
const named = (name: string) => (c: Record<string, unknown>) => (c.metadata as { name?: string }).name === name;

describe('CceCluster resilience (crash, failover, faults, drift)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let ns: string;
  let crs: CceObjects;

  before(async () => {
    installCrds();
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
  });

  // A namespace per test: each test's operator watches only its own objects (faults count hits per request).
  beforeEach(async () => {
    ns = await createTestNamespace('cluster-res');
    crs = new CceObjects(ns);
  });

  afterEach(async () => {
    await stopAllOperators();
    await admin.clearFaults();
  });

  after(async () => sim?.close());

  // A lease of its own per process: a SIGKILLed predecessor must not make the next test wait for its lease.
  const operator = (id: string) =>
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `res-${ns}-${id}`, identity: id, namespace: ns });
  const ready = (name: string, timeoutMs = 45000) =>
    waitFor(`${name} Ready`, async () => ((o) => (isReady(o) ? o : undefined))(await crs.get(name)), timeoutMs);

  it('a crash right after the create call returns never produces a second cluster', async () => {
    // The cloud carries out the create, then holds the response for 5 s: the operator is killed meanwhile.
    await admin.addFault({ kind: 'latency', operation: 'CreateCluster', when: 'after', delayMs: 5000, count: 1 });
    const first = startOperator({
      simUrl: sim.url,
      accessKey: AK,
      secretKey: SK,
      leaseName: `crash-${ns}-1`,
      identity: 'crash-1',
      namespace: ns,
    });
    await crs.create(standardCluster('crashy'));
    await waitFor('cluster in the cloud', async () => (await admin.objects()).clusters.some(named('crashy')));
    await first.kill('SIGKILL');
    expect((await crs.get('crashy')).status?.clusterID, 'status was never written').to.equal(undefined);

    // A fresh lease, so the restarted operator does not wait out the killed one's (failover is tested below).
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `crash-${ns}-2`, identity: 'crash-2', namespace: ns });
    const cr = await ready('crashy');
    const clusters = (await admin.objects()).clusters.filter(named('crashy'));
    expect(clusters).to.have.length(1);
    expect(cr.status?.clusterID).to.equal((clusters[0]!.metadata as { uid: string }).uid);
    // The delayed response is logged once it has been sent (to the dead connection).
    const creates = await waitFor('CreateCluster logged', async () => (await admin.counts()).byOperation.CreateCluster, 15000);
    expect(creates).to.equal(1);
  });

  it('a standby takes over when the leader dies and finishes the work', async () => {
    const slow = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 4 });
    try {
      const start = (id: string) =>
        startOperator({ simUrl: slow.url, accessKey: AK, secretKey: SK, leaseName: `le-${ns}`, identity: id, namespace: ns });
      const a = start('leader-a');
      await a.waitForLog((l) => l.message === 'became leader');
      const b = start('leader-b');
      await b.waitForLog((l) => l.message === 'waiting for leadership');
      await crs.create(standardCluster('failover'));
      await waitFor('create requested', async () => (await crs.get('failover')).status?.clusterID);
      await a.kill('SIGKILL');
      const killedAt = Date.now();
      await b.waitForLog((l) => l.message === 'became leader', 40000);
      const cr = await ready('failover', 60000);
      expect(Date.now() - killedAt).to.be.lessThan(45000);
      expect(cr.status?.phase).to.equal('Available');
      expect((await new SimAdmin(slow.url).objects()).clusters.filter(named('failover'))).to.have.length(1);
    } finally {
      await stopAllOperators();
      await crs.delete('failover').catch(() => undefined);
      await slow.close();
    }
  });

  it('throttling (429) becomes a condition and an Event with the CCE code, then recovers', async () => {
    const op = operator('faults');
    // More 429s than the client retries by itself: one reconcile surfaces it, the next succeeds.
    await admin.addFault({ kind: 'throttle', operation: 'ListClusters', code: 'CCE.02429001', retryAfterSeconds: 1, count: 6 });
    await crs.create(standardCluster('throttled'));
    await waitFor('Throttled condition', async () => condition(await crs.get('throttled'), 'Synced')?.reason === 'Throttled');
    expect(op.child.exitCode).to.equal(null);
    expect(condition(await crs.get('throttled'), 'Synced')?.message).to.contain('CCE.02429001');
    await ready('throttled');
    const events = await eventsFor(ns, 'throttled');
    expect(events.some((e) => e.type === 'Warning' && e.reason === 'Throttled' && e.message?.includes('CCE.02429001'))).to.equal(true);
  });

  it('5xx errors become CloudError conditions and Events, then recover', async () => {
    operator('faults-5xx');
    await admin.addFault({ kind: 'error', operation: 'ListClusters', status: 500, count: 5 });
    await crs.create(standardCluster('flaky'));
    await waitFor('CloudError condition', async () => condition(await crs.get('flaky'), 'Synced')?.reason === 'CloudError');
    expect(condition(await crs.get('flaky'), 'Synced')?.message).to.match(/HTTP 500 CCE\.01500001/);
    await ready('flaky');
    expect((await eventsFor(ns, 'flaky')).some((e) => e.type === 'Warning' && e.reason === 'CloudError')).to.equal(true);
  });

  it('a failed create job is reported (JobFailed) without a hot loop, and the object can still be deleted', async () => {
    const op = operator('faults-job');
    await admin.addFault({ kind: 'jobFailure', operation: 'CreateCluster', reason: 'simulated capacity shortage', count: 1 });
    await crs.create(standardCluster('doomed'));
    await waitFor('JobFailed', async () => (await eventsFor(ns, 'doomed')).some((e) => e.reason === 'JobFailed'));
    const cr = await waitFor('Error phase reported', async () =>
      ((o) => (o.status?.phase === 'Error' ? o : undefined))(await crs.get('doomed')),
    );
    expect(condition(cr, 'Ready')?.status).to.equal('False');
    await admin.clearRequests();
    await new Promise((r) => setTimeout(r, 2000));
    const calls = (await admin.requests()).length;
    expect(calls, 'no hot loop against the cloud').to.be.lessThan(10);
    await crs.delete('doomed');
    await waitFor('doomed gone', async () => (await crs.tryGet('doomed')) === undefined, 30000);
    expect((await admin.objects()).clusters.filter(named('doomed'))).to.have.length(0);
    expect(op.child.exitCode).to.equal(null);
  });

  it('puts back a description changed in the cloud (drift) on the next re-observe', async () => {
    operator('drift');
    await crs.create(standardCluster('drifty', { description: 'from git' }));
    const cr = await ready('drifty');
    const cloud = new CceClient({
      endpoint: sim.url,
      projectId: 'test-project',
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      rateLimit: false,
    });
    await cloud.clusters.update(cr.status!.clusterID!, { spec: { description: 'changed by hand' } });
    // A refresh request forces an immediate re-observe (the stable resync is 10 min).
    await crs.patch('drifty', { metadata: { annotations: { 'cce.operator.dev/refresh-requested-at': new Date().toISOString() } } });
    await waitFor('description restored', async () => {
      const c = (await admin.objects()).clusters.find(named('drifty'));
      return (c?.spec as { description?: string } | undefined)?.description === 'from git';
    });
    cloud.close();
  });

  it('recreates a cluster deleted behind its back (once), and records the new id', async () => {
    operator('vanish');
    await crs.create(standardCluster('vanishing'));
    const before = await ready('vanishing');
    const cloud = new CceClient({
      endpoint: sim.url,
      projectId: 'test-project',
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      rateLimit: false,
    });
    await cloud.clusters.delete(before.status!.clusterID!);
    await waitFor('gone from the cloud', async () => !(await admin.objects()).clusters.some(named('vanishing')));
    await crs.patch('vanishing', { metadata: { annotations: { 'cce.operator.dev/refresh-requested-at': new Date().toISOString() } } });
    const after = await waitFor('recreated', async () =>
      ((o) => (isReady(o) && o.status?.clusterID !== before.status?.clusterID ? o : undefined))(await crs.get('vanishing')),
    );
    expect((await admin.objects()).clusters.filter(named('vanishing'))).to.have.length(1);
    expect(after.status?.clusterID).to.be.a('string');
    cloud.close();
  });
});
