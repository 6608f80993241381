import { expect } from 'chai';
import { P, clusterBody, poolBody, poolUpdateBody, startSim, type Sim } from './helpers.js';

describe('sim: node pools and nodes (jobSeconds 100, clock advanced by the admin API)', () => {
  let s: Sim;
  let cid: string;
  before(async () => {
    s = await startSim({ jobSeconds: 100 });
  });
  after(async () => s.sim.close());
  beforeEach(async () => {
    await s.admin.reset();
    const c = await s.call('POST', `${P}/clusters`, clusterBody('pool-host'));
    cid = c.body.metadata.uid as string;
    await s.admin.advanceClock(100);
  });

  it('create → 201 without a job; Synchronizing while nodes Build/Install; then "" with currentNode = initialNodeCount', async () => {
    const res = await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('workers', 2));
    expect(res.status).to.equal(201);
    expect(res.body.status).to.deep.equal({ currentNode: 0, phase: 'Synchronizing' });
    expect(res.body.spec.nodeTemplate.k8sTags['cce.cloud.com/cce-nodepool']).to.equal('workers');
    const id = res.body.metadata.uid as string;
    const nodes = await s.call('GET', `${P}/clusters/${cid}/nodes`);
    expect(nodes.body.kind).to.equal('List');
    expect(nodes.body.items.map((n: { status: { phase: string } }) => n.status.phase)).to.deep.equal(['Build', 'Build']);
    await s.admin.advanceClock(60);
    const mid = await s.call('GET', `${P}/clusters/${cid}/nodes`);
    expect(mid.body.items[0].status.phase).to.equal('Installing');
    await s.admin.advanceClock(40);
    const done = await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`);
    expect(done.body.status).to.deep.equal({ currentNode: 2, phase: '' });
    const node = (await s.call('GET', `${P}/clusters/${cid}/nodes`)).body.items[0];
    expect(node.status.phase).to.equal('Active');
    expect(node.metadata.annotations['kubernetes.io/node-pool.id']).to.equal(id);
    const one = await s.call('GET', `${P}/clusters/${cid}/nodes/${node.metadata.uid}`);
    expect(one.body.metadata.uid).to.equal(node.metadata.uid);
  });

  it('a pool with 0 nodes is ready ("") at once', async () => {
    const res = await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('empty', 0));
    expect(res.body.status.phase).to.equal('');
  });

  it('update: scale changes go through Synchronizing; other changes show Synchronized; both settle to ""', async () => {
    const id = (await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('scale', 1))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const up = await s.call(
      'PUT',
      `${P}/clusters/${cid}/nodepools/${id}`,
      poolUpdateBody('scale', 3, { autoscaling: { enable: true, maxNodeCount: 10 } }),
    );
    expect(up.status).to.equal(200);
    expect(up.body.status).to.deep.equal({ currentNode: 1, phase: 'Synchronizing' });
    expect(up.body.spec.autoscaling).to.include({ enable: true, maxNodeCount: 10 });
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`)).body.status).to.deep.equal({ currentNode: 3, phase: '' });
    const labels = await s.call(
      'PUT',
      `${P}/clusters/${cid}/nodepools/${id}`,
      poolUpdateBody('scale', 3, { nodeTemplate: { k8sTags: { team: 'a' } } }),
    );
    expect(labels.body.status.phase).to.equal('Synchronized');
    expect(labels.body.spec.nodeTemplate.k8sTags).to.deep.equal({ team: 'a', 'cce.cloud.com/cce-nodepool': 'scale' });
    const down = await s.call('PUT', `${P}/clusters/${cid}/nodepools/${id}`, poolUpdateBody('scale', 1));
    expect(down.body.status.phase).to.equal('Synchronizing');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`)).body.status).to.deep.equal({ currentNode: 1, phase: '' });
  });

  it('delete → 200 Deleting with status.jobId (job DeleteNodePool), then 404; its nodes go too', async () => {
    const id = (await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('doomed', 1))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const del = await s.call('DELETE', `${P}/clusters/${cid}/nodepools/${id}`);
    expect(del.status).to.equal(200);
    expect(del.body.status.phase).to.equal('Deleting');
    const job = await s.call('GET', `${P}/jobs/${del.body.status.jobId}`);
    expect(job.body.spec.type).to.equal('DeleteNodePool');
    expect(job.body.status.phase).to.equal('Initializing');
    await s.admin.advanceClock(50);
    expect((await s.call('GET', `${P}/jobs/${del.body.status.jobId}`)).body.status.phase).to.equal('Running');
    await s.admin.advanceClock(50);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`)).status).to.equal(404);
    expect((await s.call('GET', `${P}/jobs/${del.body.status.jobId}`)).body.status.phase).to.equal('Success');
    expect((await s.call('GET', `${P}/clusters/${cid}/nodes`)).body.items).to.deep.equal([]);
  });

  it('node delete → 200 with status.jobID, Deleting, then 404; the pool shrinks by one', async () => {
    const id = (await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('shrink', 2))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const node = (await s.call('GET', `${P}/clusters/${cid}/nodes`)).body.items[0];
    const del = await s.call('DELETE', `${P}/clusters/${cid}/nodes/${node.metadata.uid}`);
    expect(del.body.status.phase).to.equal('Active');
    expect(del.body.status.jobID).to.be.a('string');
    expect((await s.call('GET', `${P}/clusters/${cid}/nodes/${node.metadata.uid}`)).body.status.phase).to.equal('Deleting');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodes/${node.metadata.uid}`)).status).to.equal(404);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`)).body.spec.initialNodeCount).to.equal(1);
  });

  const errors: Record<string, { reason: string; body: () => unknown; status: number; code: string; msg: RegExp }> = {
    missingTemplate: {
      reason: 'nodeTemplate required',
      body: () => ({ ...poolBody('x', 1), spec: { initialNodeCount: 1 } }),
      status: 400,
      code: 'CCE.01400001',
      msg: /spec\.nodeTemplate: is required/,
    },
    badName: {
      reason: 'name pattern',
      body: () => poolBody('Bad_Name', 1),
      status: 400,
      code: 'CCE.01400001',
      msg: /metadata\.name: must match/,
    },
    rootTooSmall: {
      reason: 'root volume 40..1024',
      body: () => {
        const b = poolBody('small-root', 1) as { spec: { nodeTemplate: { rootVolume: { size: number } } } };
        b.spec.nodeTemplate.rootVolume.size = 20;
        return b;
      },
      status: 400,
      code: 'CCE.01400001',
      msg: /spec\.nodeTemplate\.rootVolume\.size/,
    },
    minOverMax: {
      reason: 'minNodeCount <= maxNodeCount',
      body: () => poolBody('mm', 1, { autoscaling: { minNodeCount: 5, maxNodeCount: 2 } }),
      status: 400,
      code: 'CCE.01400001',
      msg: /maxNodeCount/,
    },
    tooMany: {
      reason: 'initialNodeCount above the flavor limit (cce.s1.small: 50)',
      body: () => poolBody('big', 51),
      status: 400,
      code: 'CCE.01400014',
      msg: /limit of 50/,
    },
  };
  for (const [name, c] of Object.entries(errors)) {
    it(`create rejects ${name}: ${c.reason}`, async () => {
      const res = await s.call('POST', `${P}/clusters/${cid}/nodepools`, c.body());
      expect(res.status).to.equal(c.status);
      expect(res.body.error_code).to.equal(c.code);
      expect(res.body.error_msg).to.match(c.msg);
    });
  }

  it('duplicate pool name in a cluster → 409 CCE.01409001; unknown cluster → 404', async () => {
    await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('twin', 0));
    const dup = await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('twin', 0));
    expect(dup.status).to.equal(409);
    expect(dup.body.error_code).to.equal('CCE.01409001');
    expect((await s.call('GET', `${P}/clusters/nope/nodepools`)).status).to.equal(404);
  });

  it('a pool cannot be created while the cluster is Creating (429 CCE.01429002)', async () => {
    const c2 = await s.call('POST', `${P}/clusters`, clusterBody('still-creating'));
    const res = await s.call('POST', `${P}/clusters/${c2.body.metadata.uid}/nodepools`, poolBody('early', 0));
    expect(res.status).to.equal(429);
    expect(res.body.error_code).to.equal('CCE.01429002');
  });

  it('jobFailure on a scale-up: pool Error and the new nodes vanish', async () => {
    await s.admin.addFault({ kind: 'jobFailure', operation: 'CreateNodePool', reason: 'SoldOut' });
    const id = (await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('unlucky', 2))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
    expect((await s.call('GET', `${P}/clusters/${cid}/nodepools/${id}`)).body.status).to.deep.equal({ currentNode: 0, phase: 'Error' });
  });
});
