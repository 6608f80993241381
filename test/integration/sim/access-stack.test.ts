/**
 * The simulator's API server access (GET .../openapi, PUT .../mastereip [004 §4.1.8-§4.1.9]), the pre-check failure
 * knob (PUT /_sim/precheck-failures) and the Huawei Cloud Stack 8.1.1 switch (only seed 003's APIs; the rest answer
 * the gateway's 404 APIGW.0101).
 */
import { expect } from 'chai';
import { AP, P, autopilotBody, clusterBody, startSim, type Sim } from './helpers.js';

describe('sim: API server access, the pre-check knob and the Cloud Stack switch', () => {
  let s: Sim;
  let cid: string;
  let apid: string;
  before(async () => {
    s = await startSim({ jobSeconds: 0 });
    cid = (await s.call('POST', `${P}/clusters`, clusterBody('access-std'))).body.metadata.uid as string;
    apid = (await s.call('POST', `${AP}/clusters`, autopilotBody('access-ap'))).body.metadata.uid as string;
    await s.call('GET', `${P}/clusters`);
  });
  after(async () => s.sim.close());

  for (const [flavour, prefix] of [
    ['standard', P],
    ['Autopilot', AP],
  ] as const) {
    it(`${flavour}: bind shows the public endpoint (openapi, cluster endpoints, kubeconfig), unbind removes it`, async () => {
      const id = flavour === 'standard' ? cid : apid;
      const before = await s.call('GET', `${prefix}/clusters/${id}/openapi`);
      expect(before.status).to.equal(200);
      expect(before.body.status.publicEndpoint).to.equal('');
      expect(before.body.status.privateEndpoint).to.match(/^https:\/\/192\.168\.\d+\.11:5443$/);
      const bound = await s.call('PUT', `${prefix}/clusters/${id}/mastereip`, { spec: { action: 'bind', spec: { id: 'eip-a' } } });
      expect(bound.status, JSON.stringify(bound.body)).to.equal(200);
      const publicEndpoint = bound.body.status.publicEndpoint as string;
      expect(publicEndpoint).to.match(/^https:\/\/121\.36\.\d+\.\d+:5443$/);
      expect((await s.call('GET', `${prefix}/clusters/${id}/openapi`)).body.status.publicEndpoint).to.equal(publicEndpoint);
      const cluster = await s.call('GET', `${prefix}/clusters/${id}`);
      expect(cluster.body.status.endpoints).to.deep.include({ url: publicEndpoint, type: 'External' });
      const cert = await s.call('POST', `${prefix}/clusters/${id}/clustercert`, { duration: 1 });
      expect(cert.body.clusters.map((c: { cluster: { server: string } }) => c.cluster.server)).to.include(publicEndpoint);
      const other = await s.call('PUT', `${prefix}/clusters/${id}/mastereip`, { spec: { action: 'bind', spec: { id: 'eip-b' } } });
      expect(other.status).to.equal(400);
      const unbound = await s.call('PUT', `${prefix}/clusters/${id}/mastereip`, { spec: { action: 'unbind' } });
      expect({ status: unbound.status, body: unbound.text }).to.deep.equal({ status: 200, body: '' });
      expect((await s.call('GET', `${prefix}/clusters/${id}`)).body.status.endpoints).to.deep.equal([
        { url: before.body.status.privateEndpoint, type: 'Internal' },
      ]);
    });
  }

  it('the pre-check knob: a pre-check fails on the named items, unless the request skips them', async () => {
    await s.admin.setPreCheckFailures([{ name: 'NodeKernelCheck', message: 'kernel 3.10 unsupported' }]);
    const body = (skipped: unknown[]) => ({
      apiVersion: 'v3',
      kind: 'PreCheckTask',
      spec: { targetVersion: 'v1.29', skippedCheckItemList: skipped },
    });
    const failing = await s.call('POST', `${P}/clusters/${cid}/operation/precheck`, body([]));
    const task = await s.call('GET', `${P}/clusters/${cid}/operation/precheck/tasks/${failing.body.metadata.uid as string}`);
    expect(task.body.status.phase).to.equal('Failed');
    expect(task.body.status.clusterCheckStatus.itemsStatus).to.have.length(1);
    expect(task.body.status.clusterCheckStatus.itemsStatus[0]).to.include({
      name: 'NodeKernelCheck',
      phase: 'Failed',
      message: 'kernel 3.10 unsupported',
    });
    const skipping = await s.call('POST', `${P}/clusters/${cid}/operation/precheck`, body([{ name: 'NodeKernelCheck' }]));
    const passed = await s.call('GET', `${P}/clusters/${cid}/operation/precheck/tasks/${skipping.body.metadata.uid as string}`);
    expect(passed.body.status.phase).to.equal('Success');
    await s.admin.setPreCheckFailures([]);
  });

  describe('--cloud-stack hcs-8.1.1', () => {
    let hcs: Sim;
    let id: string;
    before(async () => {
      hcs = await startSim({ jobSeconds: 0, cloudStack: 'hcs-8.1.1' });
      const created = await hcs.call('POST', `${P}/clusters`, clusterBody('hcs-cluster'));
      expect(created.status).to.equal(201);
      id = created.body.metadata.uid as string;
      await hcs.call('GET', `${P}/clusters`);
    });
    after(async () => hcs.sim.close());

    it("seed 003's APIs are served: the cluster, its certificate by GET, node pools, add-ons", async () => {
      expect((await hcs.call('GET', `${P}/clusters/${id}`)).body.status.phase).to.equal('Available');
      expect((await hcs.call('GET', `${P}/clusters/${id}/clustercert`)).status).to.equal(200);
      expect((await hcs.call('GET', `${P}/clusters/${id}/nodepools`)).status).to.equal(200);
      expect((await hcs.call('GET', `/api/v3/addons?cluster_id=${id}`)).status).to.equal(200);
    });

    const absent: Record<string, { method: string; path: (id: string) => string; body?: unknown }> = {
      upgrade: { method: 'POST', path: (c) => `${P}/clusters/${c}/operation/upgrade`, body: {} },
      upgradeInfo: { method: 'GET', path: (c) => `${P}/clusters/${c}/upgradeinfo` },
      upgradePaths: { method: 'GET', path: () => '/api/v3/clusterupgradepaths' },
      precheck: { method: 'POST', path: (c) => `${P}/clusters/${c}/operation/precheck`, body: {} },
      tags: { method: 'POST', path: (c) => `${P}/clusters/${c}/tags/create`, body: { tags: [{ key: 'a', value: 'b' }] } },
      certByPost: { method: 'POST', path: (c) => `${P}/clusters/${c}/clustercert`, body: { duration: 1 } },
      masterEip: { method: 'PUT', path: (c) => `${P}/clusters/${c}/mastereip`, body: { spec: { action: 'unbind' } } },
      autopilot: { method: 'GET', path: () => `${AP}/clusters` },
    };
    for (const [name, c] of Object.entries(absent)) {
      it(`${name}: absent, the gateway's 404 APIGW.0101`, async () => {
        const res = await hcs.call(c.method, c.path(id), c.body);
        expect({ status: res.status, code: res.body.error_code }).to.deep.equal({ status: 404, code: 'APIGW.0101' });
      });
    }
  });
});
