import { expect } from 'chai';
import { AP, P, autopilotBody, clusterBody, startSim, type Sim } from './helpers.js';

const upgradeBody = (targetVersion: string) => ({
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: {
    clusterUpgradeAction: { targetVersion, strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } } },
  },
});

const flavours = {
  standard: { prefix: P, snapshot: P.replace('/api/v3/', '/api/v3.1/'), body: () => clusterBody('up-std'), code: 'error_code' },
  autopilot: {
    prefix: AP,
    snapshot: AP.replace('/autopilot/v3/', '/autopilot/v3.1/'),
    body: () => autopilotBody('up-ap'),
    code: 'errorCode',
  },
};

for (const [name, f] of Object.entries(flavours)) {
  describe(`sim: ${name} cluster upgrade (UpgradeTask model)`, () => {
    let s: Sim;
    let cid: string;
    let C: string;
    before(async () => {
      s = await startSim({ jobSeconds: 100 });
    });
    after(async () => s.sim.close());
    beforeEach(async () => {
      await s.admin.reset();
      cid = (await s.call('POST', `${f.prefix}/clusters`, f.body())).body.metadata.uid as string;
      C = `${f.prefix}/clusters/${cid}`;
      await s.admin.advanceClock(100);
    });

    it('upgrade: task Init → Queuing → Running → Success; cluster Upgrading → Available at the target', async () => {
      const res = await s.call('POST', `${C}/operation/upgrade`, upgradeBody('v1.29'));
      expect(res.status).to.equal(200);
      expect(res.body.spec.clusterUpgradeAction).to.include({ version: 'v1.28.15-r0', targetVersion: 'v1.29.10-r0' });
      const task = res.body.metadata.uid as string;
      const phase = async (): Promise<string> => (await s.call('GET', `${C}/operation/upgrade/tasks/${task}`)).body.status.phase as string;
      expect(await phase()).to.equal('Init');
      expect((await s.call('GET', C)).body.status.phase).to.equal('Upgrading');
      await s.admin.advanceClock(20);
      expect(await phase()).to.equal('Queuing');
      await s.admin.advanceClock(20);
      expect(await phase()).to.equal('Running');
      const locked = await s.call('POST', `${C}/operation/upgrade`, upgradeBody('v1.29'));
      expect(locked.status, 'a second upgrade while one runs').to.equal(429);
      await s.admin.advanceClock(60);
      const done = await s.call('GET', `${C}/operation/upgrade/tasks/${task}`);
      expect(done.body.status).to.include({ phase: 'Success', progress: '100.00' });
      const c = await s.call('GET', C);
      expect(c.body.status.phase).to.equal('Available');
      expect(c.body.spec.version).to.equal('v1.29');
      const list = await s.call('GET', `${C}/operation/upgrade/tasks`);
      expect(list.body).to.include({ kind: 'List', apiVersion: 'v3' });
      expect(list.body.items).to.have.length(1);
    });

    it('a failed upgrade can be retried; retry without a failed task → 400', async () => {
      const noTask = await s.call('POST', `${C}/operation/upgrade/retry`);
      expect(noTask.status).to.equal(400);
      await s.admin.addFault({ kind: 'jobFailure', path: '/operation/upgrade$', count: 1, reason: 'node drain timeout' });
      const task = (await s.call('POST', `${C}/operation/upgrade`, upgradeBody('v1.29'))).body.metadata.uid as string;
      await s.admin.advanceClock(100);
      expect((await s.call('GET', `${C}/operation/upgrade/tasks/${task}`)).body.status.phase).to.equal('Failed');
      expect((await s.call('GET', C)).body.spec.version).to.equal('v1.28');
      const retry = await s.call('POST', `${C}/operation/upgrade/retry`);
      expect(retry.status).to.equal(200);
      expect(retry.text).to.equal('');
      expect((await s.call('GET', C)).body.status.phase).to.equal('Upgrading');
      await s.admin.advanceClock(100);
      expect((await s.call('GET', `${C}/operation/upgrade/tasks/${task}`)).body.status.phase).to.equal('Success');
      expect((await s.call('GET', C)).body.spec.version).to.equal('v1.29');
    });

    const invalid = {
      notATarget: { reason: 'v1.28 cannot jump to v1.27', body: upgradeBody('v1.27'), code: 'CCE.01400015' },
      noStrategy: {
        reason: 'strategy is required',
        body: { metadata: { apiVersion: 'v3', kind: 'UpgradeTask' }, spec: { clusterUpgradeAction: { targetVersion: 'v1.29' } } },
        code: 'CCE.01400001',
      },
      badStep: {
        reason: 'userDefinedStep 1..40',
        body: {
          ...upgradeBody('v1.29'),
          spec: {
            clusterUpgradeAction: {
              targetVersion: 'v1.29',
              strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 41 } },
            },
          },
        },
        code: 'CCE.01400001',
      },
    };
    for (const [iname, c] of Object.entries(invalid)) {
      it(`upgrade rejects ${iname}: ${c.reason}`, async () => {
        const res = await s.call('POST', `${C}/operation/upgrade`, c.body);
        expect(res.status).to.equal(400);
        expect(res.body[f.code]).to.equal(c.code);
      });
    }

    it('pre-check: Init in the response, then Running, then Success with expireTimeStamp; list and get', async () => {
      const res = await s.call('POST', `${C}/operation/precheck`, {
        apiVersion: 'v3',
        kind: 'PreCheckTask',
        spec: { targetVersion: 'v1.29' },
      });
      expect(res.status).to.equal(200);
      expect(res.body.status).to.deep.include({ phase: 'Init', clusterCheckStatus: { phase: 'Init', itemsStatus: [] } });
      const id = res.body.metadata.uid as string;
      await s.admin.advanceClock(50);
      expect((await s.call('GET', `${C}/operation/precheck/tasks/${id}`)).body.status.phase).to.equal('Running');
      await s.admin.advanceClock(50);
      const done = await s.call('GET', `${C}/operation/precheck/tasks/${id}`);
      expect(done.body.status.phase).to.equal('Success');
      expect(done.body.status.expireTimeStamp).to.match(/UTC$/);
      expect((await s.call('GET', `${C}/operation/precheck/tasks`)).body.items).to.have.length(1);
    });

    it('pre-check failure reports an AddonLimit item', async () => {
      await s.admin.addFault({
        kind: 'jobFailure',
        operation: name === 'standard' ? 'CreatePreCheck' : 'CreateAutopilotPreCheck',
        reason: 'addon [ CoreDNS ] status is abnormal',
      });
      const id = (await s.call('POST', `${C}/operation/precheck`, { apiVersion: 'v3', kind: 'PreCheckTask', spec: {} })).body.metadata
        .uid as string;
      await s.admin.advanceClock(100);
      const done = await s.call('GET', `${C}/operation/precheck/tasks/${id}`);
      expect(done.body.status.phase).to.equal('Failed');
      expect(done.body.status.addonCheckStatus.itemsStatus[0]).to.include({ name: 'AddonLimit', phase: 'Failed' });
    });

    it('post-check: Success at the target version, Failed otherwise', async () => {
      const ok = await s.call('POST', `${C}/operation/postcheck`, {
        apiVersion: 'v3',
        kind: 'PostCheckTask',
        spec: { targetVersion: 'v1.28' },
      });
      expect(ok.body.status.phase).to.equal('Success');
      const no = await s.call('POST', `${C}/operation/postcheck`, {
        apiVersion: 'v3',
        kind: 'PostCheckTask',
        spec: { targetVersion: 'v1.29' },
      });
      expect(no.body.status.phase).to.equal('Failed');
    });

    it('snapshot (v3.1): task uid, then Running → Success with latestBackupTime', async () => {
      const res = await s.call('POST', `${f.snapshot}/clusters/${cid}/operation/snapshot`);
      expect(res.status).to.equal(200);
      expect(res.body.metadata).to.deep.equal({ kind: 'Snapshot', apiVersion: 'v3.1' });
      const list1 = await s.call('GET', `${f.snapshot}/clusters/${cid}/operation/snapshot/tasks`);
      expect(list1.body.items[0].metadata.uid).to.equal(res.body.uid);
      expect(list1.body.status.latestBackupTime).to.equal('');
      await s.admin.advanceClock(100);
      const list2 = await s.call('GET', `${f.snapshot}/clusters/${cid}/operation/snapshot/tasks`);
      expect(list2.body.items[0].status).to.include({ phase: 'Success', progress: '100' });
      expect(list2.body.status.latestBackupTime).to.match(/UTC$/);
    });

    it('upgrade info and upgrade paths', async () => {
      const info = await s.call('GET', `${C}/upgradeinfo`);
      expect(info.body.kind).to.equal('UpgradeInfo');
      expect(info.body.spec.versionInfo).to.deep.equal({
        release: 'v1.28.15',
        patch: 'r0',
        suggestPatch: 'r0',
        targetVersions: ['v1.29.10-r0'],
      });
      const paths = await s.call('GET', `${name === 'standard' ? '/api/v3' : '/autopilot/v3'}/clusterupgradepaths`);
      expect(paths.body.upgradePaths).to.deep.include({
        version: 'v1.28',
        platformVersion: name === 'standard' ? 'cce.5.0' : 'cce.4.0',
        targetVersions: ['v1.29.10-r0'],
      });
    });
  });
}
