/**
 * Contract: the client drives every standard-CCE endpoint against the simulator over real HTTP. The cases run in
 * order on one cluster: create → job → get/list/update → cert → hibernate/awake → tags → quotas → node pools →
 * nodes → add-ons → upgrade family → delete.
 */
import { expect } from 'chai';
import type { CceClient } from '../../../operator/cloud/client.js';
import { addonInstallRequest, addonUpgradeRequest } from '../../../operator/cloud/addons.js';
import { flattenJobs } from '../../../operator/cloud/jobs.js';
import type { CceApiError } from '../../../operator/cloud/errors.js';
import { nodePool, standardCluster } from './bodies.js';
import { Admin, clientFor, eventually, startSim, type Sim } from './sim-harness.js';

describe('cloud contract: standard CCE', function () {
  let sim: Sim;
  let admin: Admin;
  let cce: CceClient;
  let clusterId = '';
  let poolId = '';
  let addonId = '';

  before(async () => {
    sim = await startSim();
    admin = new Admin(sim.url);
    cce = clientFor(sim, 'standard').client;
  });
  after(async () => {
    cce?.close();
    await sim?.close();
  });

  const phaseOf = async (id: string): Promise<string | undefined> => (await cce.clusters.get(id)).status?.phase;
  const until = (id: string, phase: string) => eventually(async () => ((await phaseOf(id)) === phase ? phase : undefined));

  it('creates a cluster: 201 body with status.jobID and phase Creating', async () => {
    const m = await cce.clusters.create(standardCluster('contract-std'));
    expect(m.body.metadata.uid).to.be.a('string');
    expect(m.body.status?.phase).to.equal('Creating');
    expect(m.jobId).to.be.a('string');
    clusterId = m.body.metadata.uid!;
    const job = await eventually(async () => {
      const j = await cce.jobs.get(m.jobId!);
      return j.status?.phase === 'Success' ? j : undefined;
    });
    expect(job.kind).to.equal('Job');
    expect(job.spec?.clusterUID).to.equal(clusterId);
    expect(flattenJobs(job).length).to.be.greaterThan(1, 'sub-jobs');
    await until(clusterId, 'Available');
  });

  it('gets, lists, finds by name and updates the description', async () => {
    const c = await cce.clusters.get(clusterId, { detail: true });
    expect(c.metadata.name).to.equal('contract-std');
    expect(c.spec.flavor).to.equal('cce.s1.small');
    const list = await cce.clusters.list();
    expect(list.items.map((i) => i.metadata.uid)).to.include(clusterId);
    expect((await cce.clusters.findByName('contract-std'))?.metadata.uid).to.equal(clusterId);
    expect(await cce.clusters.findByName('no-such-cluster')).to.equal(undefined);
    const u = await cce.clusters.update(clusterId, { spec: { description: 'changed' } });
    expect(u.body.spec.description).to.equal('changed');
    expect(u.jobId).to.equal(undefined);
  });

  it('reads the cluster certificate (kubeconfig)', async () => {
    const cert = await cce.clusters.getCert(clusterId);
    expect(cert.kind).to.equal('Config');
    expect(cert.clusters.length).to.be.greaterThan(0);
    expect(cert['current-context']).to.be.a('string');
  });

  it('hibernates and wakes the cluster', async () => {
    await cce.clusters.hibernate(clusterId);
    await until(clusterId, 'Hibernation');
    await cce.clusters.awake(clusterId);
    await until(clusterId, 'Available');
  });

  it('adds and removes cluster tags (204, idempotent)', async () => {
    await cce.tags.add(clusterId, [
      { key: 'team', value: 'platform' },
      { key: 'env', value: 'ci' },
    ]);
    await cce.tags.add(clusterId, [{ key: 'team', value: 'platform' }]);
    await cce.tags.remove(clusterId, ['env', 'missing-key']);
  });

  it('reads quotas', async () => {
    const q = await cce.quotas.get();
    const cluster = q.quotas.find((x) => x.quotaKey === 'cluster');
    expect(cluster?.used).to.be.greaterThanOrEqual(1);
  });

  it('creates, reads, lists, scales and finds a node pool', async () => {
    const m = await cce.nodePools.create(clusterId, nodePool('pool-a', 1));
    expect(m.body.kind).to.equal('NodePool');
    poolId = m.body.metadata.uid!;
    const ready = await eventually(async () => {
      const p = await cce.nodePools.get(clusterId, poolId);
      return p.status?.phase === '' && p.status?.currentNode === 1 ? p : undefined;
    });
    expect(ready.spec.initialNodeCount).to.equal(1);
    expect((await cce.nodePools.list(clusterId)).items.map((p) => p.metadata.uid)).to.include(poolId);
    expect((await cce.nodePools.findByName(clusterId, 'pool-a'))?.metadata.uid).to.equal(poolId);
    await cce.nodePools.update(clusterId, poolId, {
      kind: 'NodePool',
      apiVersion: 'v3',
      metadata: { name: 'pool-a' },
      spec: { initialNodeCount: 2, autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 4 }, nodeTemplate: {} },
    });
    await eventually(async () => ((await cce.nodePools.get(clusterId, poolId)).status?.currentNode === 2 ? true : undefined));
  });

  it('lists, gets and deletes nodes', async () => {
    const nodes = await cce.nodes.list(clusterId);
    expect(nodes.items.length).to.equal(2);
    // Pools of one cluster observed together share one list of its nodes.
    const h = clientFor(sim, 'standard');
    const [a, b] = await Promise.all([h.client.nodes.listShared(clusterId), h.client.nodes.listShared(clusterId)]);
    expect([a.length, b.length, h.events.filter((e) => e.operation === 'ListNodes').length]).to.deep.equal([2, 2, 1]);
    h.client.close();
    const node = await cce.nodes.get(clusterId, nodes.items[0]!.metadata.uid!);
    expect(node.spec.flavor).to.equal('s6.large.2');
    const del = await cce.nodes.delete(clusterId, node.metadata.uid!);
    expect(del.jobId).to.be.a('string');
  });

  it('deletes the node pool (status.jobId) and it disappears', async () => {
    const del = await cce.nodePools.delete(clusterId, poolId);
    expect(del.jobId).to.be.a('string');
    const err = await eventually(async () =>
      cce.nodePools.get(clusterId, poolId).then(
        () => undefined,
        (e: CceApiError) => e,
      ),
    );
    expect(err.notFound).to.equal(true);
  });

  it('lists add-on templates and installs, reads, lists, upgrades and deletes an add-on', async () => {
    const templates = await cce.addons.listTemplates({ addon_template_name: 'metrics-server' });
    const versions = templates.items[0]!.spec.versions!.map((v) => v.version);
    expect(versions.length).to.be.greaterThan(1);
    const m = await cce.addons.install(
      addonInstallRequest({ clusterId, addonTemplateName: 'metrics-server', version: versions[0]!, values: { basic: {} } }),
    );
    addonId = m.body.metadata.uid!;
    expect(m.body.status?.status).to.equal('installing');
    await eventually(async () => ((await cce.addons.get(addonId, clusterId)).status?.status === 'running' ? true : undefined));
    expect((await cce.addons.list(clusterId)).items.map((a) => a.metadata.uid)).to.include(addonId);
    expect((await cce.addons.findByTemplate(clusterId, 'metrics-server'))?.metadata.uid).to.equal(addonId);
    const up = await cce.addons.update(
      addonId,
      addonUpgradeRequest({ clusterId, addonTemplateName: 'metrics-server', version: versions[1]!, values: { basic: {} } }),
    );
    expect(up.body.spec.version).to.equal(versions[1]);
    await eventually(async () => ((await cce.addons.get(addonId, clusterId)).status?.status === 'running' ? true : undefined));
    await cce.addons.delete(addonId, clusterId);
    const err = await eventually(async () =>
      cce.addons.get(addonId, clusterId).then(
        () => undefined,
        (e: CceApiError) => e,
      ),
    );
    expect(err.notFound).to.equal(true);
  });

  it('reads upgrade info and upgrade paths', async () => {
    const info = await cce.upgrades.info(clusterId);
    expect(info.kind).to.equal('UpgradeInfo');
    expect(info.spec?.versionInfo?.targetVersions?.length).to.be.greaterThan(0);
    const paths = await cce.upgrades.paths();
    expect(paths['upgradePaths']).to.be.an('array').that.is.not.empty;
  });

  it('runs the upgrade family: pre-check, snapshot, upgrade, task get/list, post-check', async () => {
    const pre = await cce.upgrades.preCheck(clusterId, { clusterID: clusterId, targetVersion: 'v1.29' });
    const preId = pre.body.metadata.uid!;
    await eventually(async () => ((await cce.upgrades.getPreCheck(clusterId, preId)).status?.phase === 'Success' ? true : undefined));
    expect((await cce.upgrades.listPreChecks(clusterId)).items.map((t) => t.metadata.uid)).to.include(preId);
    const snap = await cce.upgrades.snapshot(clusterId);
    expect(snap.body.uid).to.be.a('string');
    expect((await cce.upgrades.listSnapshotTasks(clusterId)).items.length).to.be.greaterThan(0);
    const up = await cce.upgrades.upgrade(clusterId, {
      targetVersion: 'v1.29',
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    });
    expect(up.taskId).to.be.a('string');
    await eventually(async () => ((await cce.upgrades.getTask(clusterId, up.taskId!)).status?.phase === 'Success' ? true : undefined));
    expect((await cce.upgrades.listTasks(clusterId)).items.map((t) => t.metadata.uid)).to.include(up.taskId);
    await until(clusterId, 'Available');
    expect((await cce.clusters.get(clusterId)).spec.version).to.match(/^v1\.29/);
    const post = await cce.upgrades.postCheck(clusterId, { clusterID: clusterId, targetVersion: 'v1.29' });
    expect(post.body.status?.phase).to.equal('Success');
  });

  it('retries a failed upgrade task', async () => {
    const id = (await cce.clusters.create(standardCluster('contract-std-retry'))).body.metadata.uid!;
    await until(id, 'Available');
    await admin.fault({ kind: 'jobFailure', operation: 'UpgradeCluster', count: 1, reason: 'injected' });
    const up = await cce.upgrades.upgrade(id, {
      targetVersion: 'v1.29',
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    });
    await eventually(async () => ((await cce.upgrades.getTask(id, up.taskId!)).status?.phase === 'Failed' ? true : undefined));
    await cce.upgrades.retry(id);
    await eventually(async () => ((await cce.upgrades.getTask(id, up.taskId!)).status?.phase === 'Success' ? true : undefined));
    await cce.clusters.delete(id);
  });

  it('deletes the cluster with query options; it goes away (404)', async () => {
    const del = await cce.clusters.delete(clusterId, { delete_evs: 'true', delete_net: 'try' });
    expect(del.jobId).to.be.a('string');
    const log = await admin.requests();
    const entry = log.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/clusters/${clusterId}`)).pop();
    expect(entry?.status).to.equal(200);
    const err = await eventually(async () =>
      cce.clusters.get(clusterId).then(
        () => undefined,
        (e: CceApiError) => e,
      ),
    );
    expect(err.httpStatus).to.equal(404);
    expect(err.code).to.equal('CCE.01404001');
  });
});
