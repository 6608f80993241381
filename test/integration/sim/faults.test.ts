import { expect } from 'chai';
import { P, AP, clusterBody, startSim, type Sim } from './helpers.js';

describe('sim: fault injection and introspection', () => {
  let s: Sim;
  before(async () => {
    s = await startSim();
  });
  after(async () => s.sim.close());
  beforeEach(async () => s.admin.reset());

  const throttles = {
    threshold: { reason: 'default code is the throttling threshold', code: undefined, expect: 'CCE.02429001' },
    locked: { reason: 'the resource-locked code can be chosen', code: 'CCE.01429002' as const, expect: 'CCE.01429002' },
  };
  for (const [name, c] of Object.entries(throttles)) {
    it(`throttle ${name}: ${c.reason}, with Retry-After`, async () => {
      await s.admin.addFault({
        kind: 'throttle',
        operation: 'ListClusters',
        retryAfterSeconds: 7,
        count: 1,
        ...(c.code ? { code: c.code } : {}),
      });
      const res = await s.call('GET', `${P}/clusters`);
      expect(res.status).to.equal(429);
      expect(res.headers['retry-after']).to.equal('7');
      expect(res.body.error_code).to.equal(c.expect);
      const again = await s.call('GET', `${P}/clusters`);
      expect(again.status, 'count 1: only the first call is throttled').to.equal(200);
    });
  }

  it('throttle on Autopilot paths uses errorCode/errorMessage', async () => {
    await s.admin.addFault({ kind: 'throttle', path: '^/autopilot/' });
    const res = await s.call('GET', `${AP}/clusters`);
    expect(res.status).to.equal(429);
    expect(res.body.errorCode).to.equal('CCE.02429001');
  });

  it('error: a chosen 5xx, matched by method and path', async () => {
    await s.admin.addFault({ kind: 'error', status: 503, method: 'POST', path: '/clusters$' });
    expect((await s.call('GET', `${P}/clusters`)).status).to.equal(200);
    const res = await s.call('POST', `${P}/clusters`, clusterBody('err-one'));
    expect(res.status).to.equal(503);
    expect(res.body.error_code).to.equal('CCE.01500001');
    expect((await s.admin.objects()).clusters).to.have.length(0);
  });

  it("error when 'after': the cluster is created but the client sees a 500 (outcome unknown)", async () => {
    await s.admin.addFault({ kind: 'error', operation: 'CreateCluster', when: 'after', count: 1 });
    const res = await s.call('POST', `${P}/clusters`, clusterBody('after-one'));
    expect(res.status).to.equal(500);
    expect((await s.admin.objects()).clusters).to.have.length(1);
  });

  it('drop: the connection is closed without a response', async () => {
    await s.admin.addFault({ kind: 'drop', operation: 'ListClusters', count: 1 });
    let failed = false;
    try {
      await s.call('GET', `${P}/clusters`);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    const log = await s.admin.requests();
    expect(log.at(-1)).to.include({ status: 0, fault: 'drop', operation: 'ListClusters' });
  });

  it('latency delays the response', async () => {
    await s.admin.addFault({ kind: 'latency', delayMs: 150, operation: 'ListClusters' });
    const t0 = Date.now();
    expect((await s.call('GET', `${P}/clusters`)).status).to.equal(200);
    expect(Date.now() - t0).to.be.at.least(140);
    expect((await s.admin.requests()).at(-1)).to.include({ status: 200, fault: 'latency' });
  });

  it('rate 0 never fires; faults can be listed, removed and cleared', async () => {
    const f = await s.admin.addFault({ kind: 'error', rate: 0 });
    expect((await s.call('GET', `${P}/clusters`)).status).to.equal(200);
    expect((await s.admin.faults())[0]).to.include({ id: f.id, hits: 0 });
    await s.admin.removeFault(f.id);
    expect(await s.admin.faults()).to.deep.equal([]);
    await s.admin.addFault({ kind: 'error' });
    await s.admin.clearFaults();
    expect((await s.call('GET', `${P}/clusters`)).status).to.equal(200);
  });

  it('rejects a malformed fault spec with 400', async () => {
    let status = 0;
    try {
      await s.admin.addFault({ kind: 'error', rate: 2 });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).to.equal(400);
  });

  it('jobFailure: the create job fails and the cluster shows Error (Deleting without errorStatus)', async () => {
    await s.admin.addFault({ kind: 'jobFailure', operation: 'CreateCluster', reason: 'no capacity' });
    const res = await s.call('POST', `${P}/clusters`, clusterBody('fail-one'));
    const job = await s.call('GET', `${P}/jobs/${res.body.status.jobID}`);
    expect(job.body.status).to.deep.equal({ phase: 'Failed', reason: 'no capacity' });
    expect(job.body.spec.subJobs.at(-1).status.phase).to.equal('Failed');
    const uid = res.body.metadata.uid as string;
    expect((await s.call('GET', `${P}/clusters/${uid}`)).body.status.phase).to.equal('Deleting');
    const withStatus = await s.call('GET', `${P}/clusters/${uid}?errorStatus=true`);
    expect(withStatus.body.status).to.include({ phase: 'Error', message: 'no capacity' });
  });

  it('request log and counts name the CCE operation; admin calls are not logged', async () => {
    await s.call('GET', `${P}/clusters`);
    await s.call('GET', `${P}/clusters`);
    await s.call('GET', `${P}/quotas`);
    const counts = await s.admin.counts();
    expect(counts.byOperation).to.deep.equal({ ListClusters: 2, ShowQuotas: 1 });
    expect(counts.byRoute['GET /api/v3/projects/{project_id}/clusters']).to.equal(2);
    const log = await s.admin.requests();
    expect(log.map((e) => e.operation)).to.deep.equal(['ListClusters', 'ListClusters', 'ShowQuotas']);
    expect(log[0]).to.include({ method: 'GET', status: 200, family: 'standard' });
    await s.admin.clearRequests();
    expect(await s.admin.requests()).to.deep.equal([]);
  });

  it('reset empties the cloud', async () => {
    await s.call('POST', `${P}/clusters`, clusterBody('reset-one'));
    await s.admin.reset();
    const o = await s.admin.objects();
    expect(o.clusters).to.deep.equal([]);
    expect(o.jobs).to.deep.equal([]);
  });
});
