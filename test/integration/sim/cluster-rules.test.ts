import { expect } from 'chai';
import { AP, P, autopilotBody, clusterBody, startSim, type Sim } from './helpers.js';

describe('sim: standard cluster validation, conflicts, quotas and phases', () => {
  let s: Sim;
  before(async () => {
    s = await startSim({ jobSeconds: 100 });
  });
  after(async () => s.sim.close());
  beforeEach(async () => s.admin.reset());

  const invalid: Record<string, { reason: string; body: Record<string, unknown>; code: string; msg: RegExp }> = {
    noFlavor: {
      reason: 'flavor required',
      body: clusterBody('no-flavor', { flavor: undefined }),
      code: 'CCE.01400001',
      msg: /spec\.flavor: is required/,
    },
    badFlavor: {
      reason: 'flavor enum',
      body: clusterBody('bad-flavor', { flavor: 'cce.s9.huge' }),
      code: 'CCE.01400001',
      msg: /spec\.flavor: must be one of/,
    },
    shortName: { reason: 'name 4..128', body: clusterBody('abc'), code: 'CCE.01400001', msg: /metadata\.name/ },
    upperName: { reason: 'name pattern', body: clusterBody('Upper-case'), code: 'CCE.01400001', msg: /metadata\.name: must match/ },
    trailingDash: { reason: 'no trailing -', body: clusterBody('trailing-'), code: 'CCE.01400001', msg: /metadata\.name/ },
    noVpc: {
      reason: 'hostNetwork.vpc required',
      body: clusterBody('no-vpc', { hostNetwork: { subnet: 's' } }),
      code: 'CCE.01400001',
      msg: /spec\.hostNetwork\.vpc: is required/,
    },
    badMode: {
      reason: 'containerNetwork.mode enum',
      body: clusterBody('bad-mode', { containerNetwork: { mode: 'flannel' } }),
      code: 'CCE.01400001',
      msg: /spec\.containerNetwork\.mode/,
    },
    longDescription: {
      reason: 'description ≤ 200',
      body: clusterBody('long-desc', { description: 'x'.repeat(201) }),
      code: 'CCE.01400001',
      msg: /spec\.description/,
    },
    proxyWithoutCa: {
      reason: 'authenticating_proxy needs a CA',
      body: clusterBody('proxy-ca', { authentication: { mode: 'authenticating_proxy' } }),
      code: 'CCE.01400001',
      msg: /authenticatingProxy\.ca: is required/,
    },
    badVersion: {
      reason: 'version not offered',
      body: clusterBody('old-version', { version: 'v1.9' }),
      code: 'CCE.01400015',
      msg: /spec\.version/,
    },
    wrongKind: {
      reason: 'kind fixed',
      body: { ...clusterBody('wrong-kind'), kind: 'Node' },
      code: 'CCE.01400001',
      msg: /kind: must be "Cluster"/,
    },
  };
  for (const [name, c] of Object.entries(invalid)) {
    it(`create rejects ${name}: ${c.reason}`, async () => {
      const res = await s.call('POST', `${P}/clusters`, c.body);
      expect(res.status).to.equal(400);
      expect(res.body.error_code).to.equal(c.code);
      expect(res.body.error_msg).to.match(c.msg);
    });
  }

  it('invalid JSON → 400; a non-JSON Content-Type → 400 CCE.01400006', async () => {
    expect((await s.call('POST', `${P}/clusters`, undefined, { raw: '{nope' })).body.error_code).to.equal('CCE.01400001');
    const res = await s.call('POST', `${P}/clusters`, undefined, {
      raw: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.body.error_code).to.equal('CCE.01400006');
  });

  it('duplicate name in the project → 409 CCE.01409001', async () => {
    await s.call('POST', `${P}/clusters`, clusterBody('twin-cluster'));
    const res = await s.call('POST', `${P}/clusters`, clusterBody('twin-cluster'));
    expect(res.status).to.equal(409);
    expect(res.body.error_code).to.equal('CCE.01409001');
  });

  it('quota: the 16th cluster → 400 CCE.01400007; quotas report used/limit', async () => {
    await s.admin.setQuotas({ cluster: 2 });
    await s.call('POST', `${P}/clusters`, clusterBody('quota-one'));
    await s.call('POST', `${P}/clusters`, clusterBody('quota-two'));
    const res = await s.call('POST', `${P}/clusters`, clusterBody('quota-three'));
    expect(res.status).to.equal(400);
    expect(res.body.error_code).to.equal('CCE.01400007');
    const q = await s.call('GET', `${P}/quotas`);
    expect(q.body).to.deep.equal({ quotas: [{ quotaKey: 'cluster', quotaLimit: 2, used: 2, unit: 'count' }] });
  });

  it('update: only while Available (429 while Creating); changes spec.description only (other fields only echoed)', async () => {
    const uid = (await s.call('POST', `${P}/clusters`, clusterBody('upd-one'))).body.metadata.uid as string;
    const early = await s.call('PUT', `${P}/clusters/${uid}`, { spec: { description: 'x' } });
    expect(early.status).to.equal(429);
    expect(early.body.error_code).to.equal('CCE.01429002');
    await s.admin.advanceClock(100);
    const res = await s.call('PUT', `${P}/clusters/${uid}`, { spec: { description: 'new description', flavor: 'cce.s1.small' } });
    expect(res.status).to.equal(200);
    expect(res.body.spec).to.include({ description: 'new description', flavor: 'cce.s1.small' });
    const flavor = await s.call('PUT', `${P}/clusters/${uid}`, { spec: { description: 'new description', flavor: 'cce.s2.large' } });
    expect(flavor.status).to.equal(400);
    expect(flavor.body.error_msg).to.match(/spec\.flavor: cannot be changed/);
  });

  it('create job: Initializing → Running → Success while the cluster is Creating → Available', async () => {
    const res = await s.call('POST', `${P}/clusters`, clusterBody('slow-one'));
    const job = `${P}/jobs/${res.body.status.jobID}`;
    expect((await s.call('GET', job)).body.status.phase).to.equal('Initializing');
    await s.admin.advanceClock(30);
    const running = (await s.call('GET', job)).body;
    expect(running.status.phase).to.equal('Running');
    expect(running.spec.subJobs.map((j: { status: { phase: string } }) => j.status.phase)).to.deep.equal(['Running', 'Initializing']);
    await s.admin.advanceClock(30);
    const second = (await s.call('GET', job)).body;
    expect(second.spec.subJobs.map((j: { status: { phase: string } }) => j.status.phase)).to.deep.equal(['Success', 'Running']);
    expect((await s.call('GET', `${P}/clusters/${res.body.metadata.uid}`)).body.status.phase).to.equal('Creating');
    await s.admin.advanceClock(40);
    expect((await s.call('GET', job)).body.status.phase).to.equal('Success');
    expect((await s.call('GET', `${P}/clusters/${res.body.metadata.uid}`)).body.status.phase).to.equal('Available');
  });

  it('hibernate: Hibernating → Hibernation; awake: Awaking → Available; wrong phase → 400', async () => {
    const uid = (await s.call('POST', `${P}/clusters`, clusterBody('sleepy-one'))).body.metadata.uid as string;
    const C = `${P}/clusters/${uid}`;
    await s.admin.advanceClock(100);
    expect((await s.call('POST', `${C}/operation/awake`)).status, 'awake while Available').to.equal(400);
    const h = await s.call('POST', `${C}/operation/hibernate`);
    expect(h.status).to.equal(200);
    expect(h.text).to.equal('');
    expect((await s.call('GET', C)).body.status.phase).to.equal('Hibernating');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', C)).body.status.phase).to.equal('Hibernation');
    expect((await s.call('POST', `${P}/clusters/${uid}/nodepools`, {})).status, 'no management while hibernated').to.equal(400);
    expect((await s.call('POST', `${C}/operation/awake`)).status).to.equal(200);
    expect((await s.call('GET', C)).body.status.phase).to.equal('Awaking');
    await s.admin.advanceClock(100);
    expect((await s.call('GET', C)).body.status.phase).to.equal('Available');
  });

  it('list, detail=true annotations and the kubeconfig (GET and POST clustercert)', async () => {
    const uid = (await s.call('POST', `${P}/clusters`, clusterBody('listed-one'))).body.metadata.uid as string;
    const early = await s.call('GET', `${P}/clusters/${uid}/clustercert`);
    expect(early.status, 'no certificate while Creating').to.equal(429);
    await s.admin.advanceClock(100);
    const list = await s.call('GET', `${P}/clusters`);
    expect(list.body.kind).to.equal('Cluster');
    expect(list.body.items.map((c: { metadata: { name: string } }) => c.metadata.name)).to.deep.equal(['listed-one']);
    const detail = await s.call('GET', `${P}/clusters/${uid}?detail=true`);
    expect(detail.body.metadata.annotations).to.include.keys('totalNodesNumber', 'activeNodesNumber', 'installedAddonInstances');
    const cert = await s.call('GET', `${P}/clusters/${uid}/clustercert`);
    expect(cert.body).to.include({ kind: 'Config', apiVersion: 'v1', 'current-context': 'internal' });
    expect(cert.body.users[0].name).to.equal('user');
    const posted = await s.call('POST', `${P}/clusters/${uid}/clustercert`, { duration: 30 });
    expect(posted.status).to.equal(200);
    const bad = await s.call('POST', `${P}/clusters/${uid}/clustercert`, { duration: 0 });
    expect(bad.status).to.equal(400);
    expect(bad.body.error_msg).to.match(/duration/);
  });

  it('delete with an invalid option value → 400 naming it; a second delete returns the same job', async () => {
    const uid = (await s.call('POST', `${P}/clusters`, clusterBody('del-opts'))).body.metadata.uid as string;
    await s.admin.advanceClock(100);
    const bad = await s.call('DELETE', `${P}/clusters/${uid}?delete_evs=maybe`);
    expect(bad.status).to.equal(400);
    expect(bad.body.error_msg).to.match(/delete_evs/);
    const first = await s.call('DELETE', `${P}/clusters/${uid}?delete_evs=true`);
    const second = await s.call('DELETE', `${P}/clusters/${uid}`);
    expect(second.body.status.jobID).to.equal(first.body.status.jobID);
    expect(second.body.status.phase).to.equal('Deleting');
  });

  it('tags: create (overwrite, idempotent) and delete → 204; shown in spec.clusterTags', async () => {
    const uid = (await s.call('POST', `${P}/clusters`, clusterBody('tagged-one'))).body.metadata.uid as string;
    const C = `${P}/clusters/${uid}`;
    expect(
      (
        await s.call('POST', `${C}/tags/create`, {
          tags: [
            { key: 'env', value: 'dev' },
            { key: 'team', value: 'a' },
          ],
        })
      ).status,
    ).to.equal(204);
    await s.call('POST', `${C}/tags/create`, { tags: [{ key: 'env', value: 'prod' }] });
    expect((await s.call('GET', C)).body.spec.clusterTags).to.deep.equal([
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'a' },
    ]);
    expect((await s.call('POST', `${C}/tags/delete`, { tags: [{ key: 'team' }, { key: 'missing' }] })).status).to.equal(204);
    expect((await s.call('GET', C)).body.spec.clusterTags).to.deep.equal([{ key: 'env', value: 'prod' }]);
    const sys = await s.call('POST', `${C}/tags/create`, { tags: [{ key: '_sys_x', value: 'v' }] });
    expect(sys.status).to.equal(400);
    const many = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect((await s.call('POST', `${C}/tags/create`, { tags: many })).status).to.equal(400);
  });
});

describe('sim: Autopilot clusters', () => {
  let s: Sim;
  before(async () => {
    s = await startSim();
  });
  after(async () => s.sim.close());
  beforeEach(async () => s.admin.reset());

  it('create → 201 Creating with jobID = annotations.jobid, defaults filled, no alias; GET shows alias and enableAutopilot', async () => {
    const res = await s.call('POST', `${AP}/clusters`, autopilotBody('ap-one'));
    expect(res.status).to.equal(201);
    expect(res.body.status.phase).to.equal('Creating');
    expect(res.body.metadata.annotations.jobid).to.equal(res.body.status.jobID);
    expect(res.body.metadata).not.to.have.property('alias');
    expect(res.body.spec).to.include({ kubeProxyMode: 'iptables', kubernetesSvcIpRange: '10.247.0.0/16', platformVersion: 'cce.4.0' });
    expect(res.body.spec.hostNetwork.subnet).to.equal('sn-1');
    const resourceJob = await s.call('GET', `${AP}/jobs/${res.body.metadata.annotations.resourceJobId}`);
    expect(resourceJob.status).to.equal(200);
    const got = await s.call('GET', `${AP}/clusters/${res.body.metadata.uid}`);
    expect(got.body.status.phase).to.equal('Available');
    expect(got.body.metadata.alias).to.equal('ap-one');
    expect(got.body.metadata.annotations.enableAutopilot).to.equal('true');
    expect((await s.call('GET', `${P}/clusters/${res.body.metadata.uid}`)).status, 'not visible on the standard path').to.equal(404);
  });

  const fixed: Record<string, { field: Record<string, unknown>; msg: RegExp }> = {
    flavor: { field: { flavor: 'cce.s1.small' }, msg: /spec\.flavor: must be "cce\.autopilot\.cluster"/ },
    category: { field: { category: 'CCE' }, msg: /spec\.category: must be "Turbo"/ },
    type: { field: { type: 'ARM64' }, msg: /spec\.type/ },
    mode: { field: { containerNetwork: { mode: 'overlay_l2' } }, msg: /spec\.containerNetwork\.mode: must be "eni"/ },
    kubeProxyMode: { field: { kubeProxyMode: 'ipvs' }, msg: /spec\.kubeProxyMode/ },
    billingMode: { field: { billingMode: 1 }, msg: /spec\.billingMode/ },
    ipv6: { field: { ipv6enable: true }, msg: /spec\.ipv6enable/ },
    customSan: { field: { customSan: ['a.example.com'] }, msg: /spec\.customSan/ },
  };
  for (const [name, c] of Object.entries(fixed)) {
    it(`create rejects a non-Autopilot ${name} with 400 CCE.01400001 in {errorCode,errorMessage}`, async () => {
      const res = await s.call('POST', `${AP}/clusters`, autopilotBody('ap-fixed', c.field));
      expect(res.status).to.equal(400);
      expect(res.body.errorCode).to.equal('CCE.01400001');
      expect(res.body.errorMessage).to.match(c.msg);
    });
  }

  it('update: description, alias (unique), subnets append-only', async () => {
    const uid = (await s.call('POST', `${AP}/clusters`, autopilotBody('ap-upd'))).body.metadata.uid as string;
    await s.call('POST', `${AP}/clusters`, autopilotBody('ap-other'));
    const C = `${AP}/clusters/${uid}`;
    const res = await s.call('PUT', C, {
      spec: { description: 'hello', eniNetwork: { subnets: [{ subnetID: 'sn-1' }, { subnetID: 'sn-2' }] } },
      metadata: { alias: 'ap-alias' },
    });
    expect(res.status).to.equal(200);
    expect(res.body.metadata.alias).to.equal('ap-alias');
    expect(res.body.spec.eniNetwork.subnets).to.deep.equal([{ subnetID: 'sn-1' }, { subnetID: 'sn-2' }]);
    const remove = await s.call('PUT', C, { spec: { eniNetwork: { subnets: [{ subnetID: 'sn-2' }] } } });
    expect(remove.status).to.equal(400);
    const clash = await s.call('PUT', C, { spec: {}, metadata: { alias: 'ap-other' } });
    expect(clash.status).to.equal(409);
    const chars = await s.call('PUT', C, { spec: { description: 'no <tags>' } });
    expect(chars.status).to.equal(400);
  });

  it('delete → 200 with deleteOption/deleteStatus, then 404 CCE.01404001; bad option → 400', async () => {
    const uid = (await s.call('POST', `${AP}/clusters`, autopilotBody('ap-del'))).body.metadata.uid as string;
    await s.call('GET', `${AP}/clusters/${uid}`);
    expect((await s.call('DELETE', `${AP}/clusters/${uid}?lts_reclaim_policy=Keep`)).status).to.equal(400);
    const del = await s.call('DELETE', `${AP}/clusters/${uid}?delete_efs=try&delete_obs=true`);
    expect(del.status).to.equal(200);
    expect(del.body.status.deleteOption).to.include({
      delete_efs: 'delete-try',
      delete_obs: 'delete-block',
      delete_eni: 'delete-block',
      delete_sfs30: 'skip',
    });
    expect(del.body.status.deleteStatus).to.have.keys('previous_total', 'current_total', 'updated', 'added', 'deleted');
    const gone = await s.call('GET', `${AP}/clusters/${uid}`);
    expect(gone.body).to.deep.include({ errorCode: 'CCE.01404001' });
  });

  it('quotas use autopilot_cluster (default 5); the list filters by status', async () => {
    const q = await s.call('GET', `${AP}/quotas`);
    expect(q.body.quotas[0]).to.include({ quotaKey: 'autopilot_cluster', quotaLimit: 5, used: 0 });
    await s.call('POST', `${AP}/clusters`, autopilotBody('ap-list'));
    expect((await s.call('GET', `${AP}/clusters?status=Available`)).body.items).to.have.length(1);
    expect((await s.call('GET', `${AP}/clusters?status=Creating`)).body.items).to.have.length(0);
  });

  it('has no node pool or hibernate paths (404 APIGW.0101)', async () => {
    const uid = (await s.call('POST', `${AP}/clusters`, autopilotBody('ap-nopool'))).body.metadata.uid as string;
    expect((await s.call('GET', `${AP}/clusters/${uid}/nodepools`)).status).to.equal(404);
    expect((await s.call('POST', `${AP}/clusters/${uid}/operation/hibernate`)).status).to.equal(404);
  });
});
