/** Contract: the same client, flavor `autopilot`, drives every CCE Autopilot endpoint against the simulator. */
import { expect } from 'chai';
import type { CceClient } from '../../../operator/cloud/client.js';
import { addonInstallRequest, addonUpgradeRequest } from '../../../operator/cloud/addons.js';
import type { CceApiError } from '../../../operator/cloud/errors.js';
import { autopilotCluster } from './bodies.js';
import { clientFor, eventually, startSim, type Sim } from './sim-harness.js';

describe('cloud contract: CCE Autopilot', function () {
  let sim: Sim;
  let cce: CceClient;
  let clusterId = '';

  before(async () => {
    sim = await startSim();
    cce = clientFor(sim, 'autopilot').client;
  });
  after(async () => {
    cce?.close();
    await sim?.close();
  });

  const until = (id: string, phase: string) =>
    eventually(async () => ((await cce.clusters.get(id)).status?.phase === phase ? phase : undefined));
  const addonStatus = (id: string, status: string) =>
    eventually(async () => ((await cce.addons.get(id, clusterId)).status?.status === status ? status : undefined));

  it('creates a cluster: 201, job id in status.jobID and metadata.annotations.jobid', async () => {
    const m = await cce.clusters.create(autopilotCluster('contract-ap'));
    clusterId = m.body.metadata.uid!;
    expect(m.body.status?.phase).to.equal('Creating');
    expect(m.jobId).to.be.a('string');
    expect(m.body.metadata.annotations?.['jobid']).to.equal(m.jobId);
    const job = await eventually(async () => {
      const j = await cce.jobs.get(m.jobId!);
      return j.status?.phase === 'Success' ? j : undefined;
    });
    expect(job.spec?.clusterUID).to.equal(clusterId);
    await until(clusterId, 'Available');
  });

  it('gets, lists (with filters), finds by name and updates description and alias', async () => {
    const c = await cce.clusters.get(clusterId, { detail: true });
    expect(c.spec.flavor).to.equal('cce.autopilot.cluster');
    expect((await cce.clusters.list({ status: 'Available' })).items.map((i) => i.metadata.uid)).to.include(clusterId);
    expect((await cce.clusters.findByName('contract-ap'))?.metadata.uid).to.equal(clusterId);
    const u = await cce.clusters.update(clusterId, { spec: { description: 'changed' }, metadata: { alias: 'contract-ap-alias' } });
    expect(u.body.spec.description).to.equal('changed');
    expect(u.body.metadata.alias).to.equal('contract-ap-alias');
  });

  it('gets the certificate with POST {duration}', async () => {
    const cert = await cce.clusters.getCert(clusterId, { duration: 30 });
    expect(cert.kind).to.equal('Config');
    expect(cert.users[0]?.name).to.equal('user');
  });

  it('tags and quotas', async () => {
    await cce.tags.add(clusterId, [{ key: 'team', value: 'platform' }]);
    await cce.tags.remove(clusterId, ['team']);
    const q = await cce.quotas.get();
    expect(q.quotas.map((x) => x.quotaKey)).to.include('autopilot_cluster');
  });

  it('add-ons: templates, install, get, list, upgrade, rollback, delete', async () => {
    const t = await cce.addons.listTemplates({ addon_template_name: 'coredns' });
    const versions = t.items[0]!.spec.versions!.map((v) => v.version);
    expect(versions.length).to.be.greaterThan(1);
    let addon = await cce.addons.findByTemplate(clusterId, 'coredns');
    if (!addon) {
      const m = await cce.addons.install(
        addonInstallRequest({ clusterId, addonTemplateName: 'coredns', version: versions[0]!, values: {} }),
      );
      expect(m.body.status?.status).to.equal('installing');
      addon = m.body;
    }
    const id = addon.metadata.uid!;
    await addonStatus(id, 'running');
    expect((await cce.addons.list(clusterId)).items.map((a) => a.metadata.uid)).to.include(id);
    const from = (await cce.addons.get(id, clusterId)).spec.version!;
    const to = versions.find((v) => v !== from)!;
    const up = await cce.addons.update(id, addonUpgradeRequest({ clusterId, addonTemplateName: 'coredns', version: to, values: {} }));
    expect(up.body.status?.status).to.equal('upgrading');
    await addonStatus(id, 'running');
    expect((await cce.addons.get(id, clusterId)).status?.isRollbackable).to.equal(true);
    const rb = await cce.addons.rollback(id, clusterId);
    expect(rb.body.status?.status).to.equal('rollbacking');
    await addonStatus(id, 'running');
    expect((await cce.addons.get(id, clusterId)).spec.version).to.equal(from);
    const del = await cce.addons.delete(id, clusterId);
    expect(del.body).to.equal('success');
    const err = await eventually(async () =>
      cce.addons.get(id, clusterId).then(
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

  it('upgrade family: pre-check, snapshot, upgrade, tasks, post-check', async () => {
    const pre = await cce.upgrades.preCheck(clusterId, { clusterID: clusterId, targetVersion: 'v1.29' });
    expect(pre.body.kind).to.equal('PreCheckTask');
    const preId = pre.body.metadata.uid!;
    await eventually(async () => ((await cce.upgrades.getPreCheck(clusterId, preId)).status?.phase === 'Success' ? true : undefined));
    expect((await cce.upgrades.listPreChecks(clusterId)).items.length).to.be.greaterThan(0);
    const snap = await cce.upgrades.snapshot(clusterId);
    expect(snap.body.uid).to.be.a('string');
    expect((await cce.upgrades.listSnapshotTasks(clusterId)).items.length).to.be.greaterThan(0);
    const up = await cce.upgrades.upgrade(clusterId, {
      targetVersion: 'v1.29',
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    });
    expect(up.taskId).to.be.a('string');
    await eventually(async () => ((await cce.upgrades.getTask(clusterId, up.taskId!)).status?.phase === 'Success' ? true : undefined));
    expect((await cce.upgrades.listTasks(clusterId)).items.map((x) => x.metadata.uid)).to.include(up.taskId);
    await until(clusterId, 'Available');
    const post = await cce.upgrades.postCheck(clusterId, { clusterID: clusterId, targetVersion: 'v1.29' });
    expect(post.body.status?.phase).to.equal('Success');
  });

  it('deletes with Autopilot query options; the cluster goes away', async () => {
    const del = await cce.clusters.delete(clusterId, { delete_efs: 'try', delete_obs: 'skip', lts_reclaim_policy: 'Retain' });
    expect(del.jobId).to.be.a('string');
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
