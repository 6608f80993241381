import { expect } from 'chai';
import { AP, P, autopilotBody, clusterBody, startSim, type Sim } from './helpers.js';

const install = (cid: string, name: string, version?: string) => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { annotations: { 'addon.install/type': 'install' } },
  spec: { clusterID: cid, addonTemplateName: name, values: { basic: {} }, ...(version ? { version } : {}) },
});
const upgrade = (cid: string, name: string, version: string) => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { annotations: { 'addon.upgrade/type': 'upgrade' } },
  spec: { clusterID: cid, addonTemplateName: name, version, values: { basic: { x: 1 } } },
});

describe('sim: standard add-ons on the main endpoint (/api/v3/addons)', () => {
  let s: Sim;
  let cid: string;
  before(async () => {
    s = await startSim({ jobSeconds: 100 });
  });
  after(async () => s.sim.close());
  beforeEach(async () => {
    await s.admin.reset();
    const annotations = { 'cluster.install.addons/install': '[]' };
    const c = await s.call('POST', `${P}/clusters`, { ...clusterBody('addon-host'), metadata: { name: 'addon-host', annotations } });
    cid = c.body.metadata.uid as string;
    await s.admin.advanceClock(100);
  });

  it('templates: list all, filter by name; unknown name → 404 in {code,message}', async () => {
    const all = await s.call('GET', '/api/v3/addontemplates');
    expect(all.body.kind).to.equal('Addon');
    expect(all.body.items.map((t: { metadata: { name: string } }) => t.metadata.name)).to.include.members([
      'coredns',
      'everest',
      'metrics-server',
    ]);
    const one = await s.call('GET', '/api/v3/addontemplates?addon_template_name=coredns');
    expect(one.body.items).to.have.length(1);
    expect(one.body.items[0].spec.versions[0].supportVersions[0].clusterVersion).to.be.an('array');
    const none = await s.call('GET', '/api/v3/addontemplates?addon_template_name=nothing');
    expect(none.status).to.equal(404);
    expect(none.body.code).to.equal('SVCSTG.CCE-ADDONMGR.4040204');
  });

  it('install → 200 installing (RFC 3339 timestamps) → running; get needs a matching cluster_id', async () => {
    const res = await s.call('POST', '/api/v3/addons', install(cid, 'metrics-server', '1.3.60'));
    expect(res.status).to.equal(200);
    expect(res.body.status.status).to.equal('installing');
    expect(res.body.metadata.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const id = res.body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const got = await s.call('GET', `/api/v3/addons/${id}?cluster_id=${cid}`);
    expect(got.body.status).to.include({ status: 'running', Reason: 'Install complete' });
    expect((await s.call('GET', `/api/v3/addons/${id}?cluster_id=other`)).status).to.equal(404);
    const list = await s.call('GET', `/api/v3/addons?cluster_id=${cid}`);
    expect(list.body.items).to.have.length(1);
  });

  it('second install of a template → 409 CCE.03409001', async () => {
    await s.call('POST', '/api/v3/addons', install(cid, 'metrics-server', '1.3.60'));
    const dup = await s.call('POST', '/api/v3/addons', install(cid, 'metrics-server', '1.3.60'));
    expect(dup.status).to.equal(409);
    expect(dup.body.code).to.equal('CCE.03409001');
  });

  const bad: Record<string, { reason: string; body: () => unknown; status: number; code: string }> = {
    noVersion: {
      reason: 'standard install requires spec.version',
      body: () => install(cid, 'metrics-server'),
      status: 400,
      code: 'SVCSTG.CCE-ADDONMGR.4000003',
    },
    noValues: {
      reason: 'spec.values required',
      body: () => ({ ...install(cid, 'x', '1'), spec: { clusterID: cid, addonTemplateName: 'x', version: '1' } }),
      status: 400,
      code: 'SVCSTG.CCE-ADDONMGR.4000003',
    },
    unknownVersion: {
      reason: 'a version the template lacks',
      body: () => install(cid, 'metrics-server', '9.9.9'),
      status: 400,
      code: 'SVCSTG.CCE-ADDONMGR.4030302',
    },
    unsupported: {
      reason: 'a version that does not support the cluster version',
      body: () => install(cid, 'coredns', '1.17.15'),
      status: 400,
      code: 'SVCSTG.CCE-ADDONMGR.4030302',
    },
    unknownTemplate: {
      reason: 'no such template',
      body: () => install(cid, 'nothing', '1.0.0'),
      status: 404,
      code: 'SVCSTG.CCE-ADDONMGR.4040204',
    },
    unknownCluster: {
      reason: 'no such cluster',
      body: () => install('nope', 'metrics-server', '1.3.60'),
      status: 404,
      code: 'SVCSTG.CCE-ADDONMGR.4040204',
    },
  };
  for (const [name, c] of Object.entries(bad)) {
    it(`install rejects ${name}: ${c.reason}`, async () => {
      const res = await s.call('POST', '/api/v3/addons', c.body());
      expect(res.status).to.equal(c.status);
      expect(res.body.code).to.equal(c.code);
      expect(res.body.message).to.be.a('string');
    });
  }

  it('list without cluster_id → 400', async () => {
    expect((await s.call('GET', '/api/v3/addons')).status).to.equal(400);
  });

  it('update (upgrade) → upgrading → running at the new version; delete → GET 404', async () => {
    const id = (await s.call('POST', '/api/v3/addons', install(cid, 'metrics-server', '1.3.39'))).body.metadata.uid as string;
    const busy = await s.call('PUT', `/api/v3/addons/${id}`, upgrade(cid, 'metrics-server', '1.3.60'));
    expect(busy.status, 'cannot upgrade while installing').to.equal(429);
    await s.admin.advanceClock(100);
    const up = await s.call('PUT', `/api/v3/addons/${id}`, upgrade(cid, 'metrics-server', '1.3.60'));
    expect(up.status).to.equal(200);
    expect(up.body.status.status).to.equal('upgrading');
    expect(up.body.spec.version).to.equal('1.3.60');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `/api/v3/addons/${id}?cluster_id=${cid}`)).body.status.status).to.equal('running');
    const del = await s.call('DELETE', `/api/v3/addons/${id}?cluster_id=${cid}`);
    expect(del.status).to.equal(200);
    expect((await s.call('GET', `/api/v3/addons/${id}?cluster_id=${cid}`)).body.status.status).to.equal('deleting');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `/api/v3/addons/${id}?cluster_id=${cid}`)).status).to.equal(404);
  });

  const failures = {
    install: { reason: 'installFailed', op: 'CreateAddonInstance' },
  };
  for (const [name, c] of Object.entries(failures)) {
    it(`jobFailure on ${name} → ${c.reason} with Reason`, async () => {
      await s.admin.addFault({ kind: 'jobFailure', operation: c.op, reason: 'image pull failed' });
      const id = (await s.call('POST', '/api/v3/addons', install(cid, 'metrics-server', '1.3.60'))).body.metadata.uid as string;
      await s.admin.advanceClock(100);
      expect((await s.call('GET', `/api/v3/addons/${id}`)).body.status).to.include({ status: c.reason, Reason: 'image pull failed' });
    });
  }

  it('a standard cluster without the annotation gets coredns and everest installed when it becomes Available', async () => {
    const c = await s.call('POST', `${P}/clusters`, clusterBody('defaults'));
    await s.admin.advanceClock(100);
    const list = await s.call('GET', `/api/v3/addons?cluster_id=${c.body.metadata.uid}`);
    expect(list.body.items.map((a: { spec: { addonTemplateName: string } }) => a.spec.addonTemplateName)).to.deep.equal([
      'coredns',
      'everest',
    ]);
  });
});

describe('sim: Autopilot add-ons (/autopilot/v3/addons)', () => {
  let s: Sim;
  let cid: string;
  before(async () => {
    s = await startSim({ jobSeconds: 100 });
  });
  after(async () => s.sim.close());
  beforeEach(async () => {
    await s.admin.reset();
    cid = (await s.call('POST', `${AP}/clusters`, autopilotBody('ap-addons'))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
  });

  it('install → 201 (version defaults to the newest supported), upgrade, rollback, delete "success" → 404', async () => {
    const res = await s.call('POST', '/autopilot/v3/addons', install(cid, 'coredns'));
    expect(res.status).to.equal(201);
    expect(res.body.spec.version).to.equal('1.28.6');
    expect(res.body.status).to.include({ status: 'installing', isRollbackable: false });
    expect(res.body.metadata.alias).to.equal('coredns');
    const id = res.body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const noRollback = await s.call('POST', `/autopilot/v3/addons/${id}/operation/rollback`, { clusterID: cid });
    expect(noRollback.status, 'nothing to roll back to').to.equal(400);
    expect(noRollback.body.errorCode).to.equal('CCE.03400001');
    const up = await s.call('PUT', `/autopilot/v3/addons/${id}`, upgrade(cid, 'coredns', '1.28.4'));
    expect(up.body.status).to.include({ status: 'upgrading', Reason: 'addon upgrading', previousVersion: '1.28.6' });
    await s.admin.advanceClock(100);
    const after = await s.call('GET', `/autopilot/v3/addons/${id}?cluster_id=${cid}`);
    expect(after.body.status).to.include({ status: 'running', isRollbackable: true });
    const rb = await s.call('POST', `/autopilot/v3/addons/${id}/operation/rollback`, { clusterID: cid });
    expect(rb.status).to.equal(200);
    expect(rb.body.spec.version).to.equal('1.28.6');
    expect(rb.body.status).to.include({ status: 'rollbacking', previousVersion: '1.28.4', isRollbackable: false });
    expect(rb.body.status.targetVersions).to.deep.equal(['1.28.4']);
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `/autopilot/v3/addons/${id}`)).body.status).to.include({ status: 'running', Reason: 'Rollback to 1.28.6' });
    const del = await s.call('DELETE', `/autopilot/v3/addons/${id}?cluster_id=${cid}`);
    expect(del.status).to.equal(200);
    expect(del.body).to.equal('success');
    await s.admin.advanceClock(100);
    const gone = await s.call('GET', `/autopilot/v3/addons/${id}`);
    expect(gone.status).to.equal(404);
    expect(gone.body.errorCode).to.equal('CCE.03404001');
  });

  it('second install → 409 CCE.03409001 in {errorCode,errorMessage}', async () => {
    await s.call('POST', '/autopilot/v3/addons', install(cid, 'coredns'));
    const dup = await s.call('POST', '/autopilot/v3/addons', install(cid, 'coredns'));
    expect(dup.status).to.equal(409);
    expect(dup.body).to.include({ errorCode: 'CCE.03409001' });
    expect(dup.body.errorMessage).to.match(/^Addon instance has installed\./);
  });

  const failed = {
    upgradeFailed: { op: 'UpdateAutopilotAddonInstance', rollbackAllowed: true },
    rollbackFailed: { op: 'RollbackAutopilotAddonInstance', rollbackAllowed: true },
    deleteFailed: { op: 'DeleteAutopilotAddonInstance', rollbackAllowed: true },
  };
  for (const [status, c] of Object.entries(failed)) {
    it(`jobFailure on ${c.op} → ${status}`, async () => {
      const id = (await s.call('POST', '/autopilot/v3/addons', install(cid, 'coredns', '1.28.4'))).body.metadata.uid as string;
      await s.admin.advanceClock(100);
      await s.admin.addFault({ kind: 'jobFailure', operation: c.op, reason: 'boom' });
      await s.call('PUT', `/autopilot/v3/addons/${id}`, upgrade(cid, 'coredns', '1.28.6'));
      await s.admin.advanceClock(100);
      if (status !== 'upgradeFailed') {
        if (status === 'rollbackFailed') await s.call('POST', `/autopilot/v3/addons/${id}/operation/rollback`, { clusterID: cid });
        else await s.call('DELETE', `/autopilot/v3/addons/${id}`);
        await s.admin.advanceClock(100);
      }
      expect((await s.call('GET', `/autopilot/v3/addons/${id}`)).body.status).to.include({ status, Reason: 'boom' });
    });
  }

  it('list requires cluster_id (400)', async () => {
    const res = await s.call('GET', '/autopilot/v3/addons');
    expect(res.status).to.equal(400);
    expect(res.body.errorCode).to.equal('CCE.03400001');
  });
});
