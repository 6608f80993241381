import { expect } from 'chai';
import { P, clusterBody, startSim, type Sim } from './helpers.js';

describe('sim: standard clusters over HTTP', () => {
  let s: Sim;
  before(async () => {
    s = await startSim();
  });
  after(async () => s.sim.close());
  beforeEach(async () => s.admin.reset());

  it('create → 201 Creating with status.jobID; job Success with spec.clusterUID; then Available', async () => {
    const res = await s.call('POST', `${P}/clusters`, clusterBody('alpha-one'));
    expect(res.status).to.equal(201);
    expect(res.body.kind).to.equal('Cluster');
    expect(res.body.status.phase).to.equal('Creating');
    const uid = res.body.metadata.uid as string;
    const jobId = res.body.status.jobID as string;
    expect(jobId).to.match(/^[0-9a-f-]{36}$/);
    expect(res.body.metadata.creationTimestamp).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC$/);
    const job = await s.call('GET', `${P}/jobs/${jobId}`);
    expect(job.status).to.equal(200);
    expect(job.body.spec.clusterUID).to.equal(uid);
    expect(job.body.spec.type).to.equal('CreateCluster');
    expect(job.body.status.phase).to.equal('Success');
    expect(job.body.spec.subJobs.map((j: { spec: { type: string } }) => j.spec.type)).to.deep.equal(['InstallMaster', 'CreatePSMCert']);
    const got = await s.call('GET', `${P}/clusters/${uid}`);
    expect(got.body.status.phase).to.equal('Available');
    expect(got.body.status.endpoints[0].type).to.equal('Internal');
  });

  it('delete → 200 (phase before deletion + jobID), Deleting, then 404', async () => {
    await s.admin.advanceClock(0);
    const c = await s.call('POST', `${P}/clusters`, clusterBody('bravo-two'));
    const uid = c.body.metadata.uid as string;
    await s.call('GET', `${P}/clusters/${uid}`);
    const del = await s.call('DELETE', `${P}/clusters/${uid}?delete_evs=true`);
    expect(del.status).to.equal(200);
    expect(del.body.status.phase).to.equal('Available');
    expect(del.body.status.jobID).to.be.a('string');
    const gone = await s.call('GET', `${P}/clusters/${uid}`);
    expect(gone.status).to.equal(404);
    expect(gone.body).to.deep.equal({ error_code: 'CCE.01404001', error_msg: `Resource not found. cluster ${uid} not found` });
  });
});
