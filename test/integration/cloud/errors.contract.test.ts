/**
 * Contract: error paths against the simulator — validation 400s (all three body formats), 401 (bad signature,
 * unknown token), 404, 409 duplicates, 429 with Retry-After honoured, 5xx retried for reads only, dropped
 * connections, and a POST whose outcome is unknown never repeated (checked in the simulator's request log).
 */
import { expect } from 'chai';
import { addonInstallRequest } from '../../../operator/cloud/addons.js';
import type { CceClient } from '../../../operator/cloud/client.js';
import { CceApiError, OutcomeUnknownError } from '../../../operator/cloud/errors.js';
import { autopilotCluster, nodePool, standardCluster } from './bodies.js';
import { Admin, AK, clientFor, eventually, PROJECT, SK, startSim, TOKEN, type Harness, type Sim } from './sim-harness.js';

const fail = (p: Promise<unknown>): Promise<CceApiError> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => {
      expect(e).to.be.instanceOf(CceApiError);
      return e as CceApiError;
    },
  );

describe('cloud contract: error paths', function () {
  let sim: Sim;
  let admin: Admin;
  let std: Harness;
  let ap: Harness;
  let cce: CceClient;
  let clusterId = '';
  const CREATE = { method: 'POST', path: `^/api/v3/projects/${PROJECT}/clusters$` };
  const LIST = { method: 'GET', path: `^/api/v3/projects/${PROJECT}/clusters$` };

  before(async () => {
    sim = await startSim();
    admin = new Admin(sim.url);
    std = clientFor(sim, 'standard');
    ap = clientFor(sim, 'autopilot');
    cce = std.client;
    clusterId = (await cce.clusters.create(standardCluster('errors-base'))).body.metadata.uid!;
    await eventually(async () => ((await cce.clusters.get(clusterId)).status?.phase === 'Available' ? true : undefined));
  });
  beforeEach(async () => {
    await admin.clearFaults();
    await admin.clearRequests();
  });
  after(async () => {
    std?.client.close();
    ap?.client.close();
    await sim?.close();
  });

  describe('validation 400s are terminal and name the field', () => {
    it('standard cluster: error_code/error_msg', async () => {
      const err = await fail(cce.clusters.create(standardCluster('Bad_Name')));
      expect([err.httpStatus, err.code, err.terminal]).to.deep.equal([400, 'CCE.01400001', true]);
      expect(err.message).to.include('metadata.name');
    });
    it('Autopilot cluster: errorCode/errorMessage', async () => {
      const body = autopilotCluster('ap-bad-flavor');
      body.spec.flavor = 'cce.s1.small';
      const err = await fail(ap.client.clusters.create(body));
      expect([err.httpStatus, err.code, err.terminal]).to.deep.equal([400, 'CCE.01400001', true]);
      expect(err.message).to.include('spec.flavor');
    });
    it('standard add-on manager: code/message', async () => {
      const body = addonInstallRequest({ clusterId, addonTemplateName: 'metrics-server', values: {} });
      delete (body.spec as { values?: unknown }).values;
      const err = await fail(cce.addons.install(body));
      expect([err.httpStatus, err.code]).to.deep.equal([400, 'SVCSTG.CCE-ADDONMGR.4000003']);
    });
  });

  describe('401', () => {
    it('a bad signature (wrong SK) is terminal and leaks no secret', async () => {
      const bad = clientFor(sim, 'standard', { credentials: { kind: 'aksk', accessKey: AK, secretKey: 'wrong-secret-key-0123456789' } });
      const err = await fail(bad.client.clusters.list());
      bad.client.close();
      expect([err.httpStatus, err.code, err.terminal, err.retryable]).to.deep.equal([401, 'CCE.01401001', true, false]);
      const surfaces = [err.message, JSON.stringify(err), ...bad.logs, JSON.stringify(bad.events)].join('\n');
      for (const s of [SK, 'wrong-secret-key-0123456789', AK]) expect(surfaces).to.not.include(s);
      expect((await admin.requests()).map((r) => r.status)).to.deep.equal([401]);
    });
    it('an unknown IAM token is rejected; a known one works', async () => {
      const bad = clientFor(sim, 'standard', { credentials: { kind: 'token', token: 'MIInot-a-valid-token-000' } });
      expect((await fail(bad.client.clusters.list())).httpStatus).to.equal(401);
      bad.client.close();
      const good = clientFor(sim, 'standard', { credentials: { kind: 'token', token: TOKEN } });
      expect((await good.client.clusters.list()).items.length).to.be.greaterThan(0);
      const surfaces = [...bad.logs, ...good.logs].join('\n');
      expect(surfaces).to.not.include(TOKEN);
      good.client.close();
    });
  });

  describe('404 and 409', () => {
    it('unknown ids are 404 with the family’s code', async () => {
      const cases = {
        'standard cluster': { call: () => cce.clusters.get('00000000-0000-0000-0000-000000000000'), code: 'CCE.01404001' },
        'standard add-on': {
          call: () => cce.addons.get('00000000-0000-0000-0000-000000000000', clusterId),
          code: 'SVCSTG.CCE-ADDONMGR.4040204',
        },
        'Autopilot cluster': { call: () => ap.client.clusters.get('00000000-0000-0000-0000-000000000000'), code: 'CCE.01404001' },
        'job': { call: () => cce.jobs.get('00000000-0000-0000-0000-000000000000'), code: 'CCE.01404001' },
      };
      for (const [reason, c] of Object.entries(cases)) {
        const err = await fail(c.call());
        expect([err.httpStatus, err.code, err.notFound], reason).to.deep.equal([404, c.code, true]);
      }
    });
    it('duplicates are 409 conflicts: cluster name, node-pool name, add-on', async () => {
      const dupCluster = await fail(cce.clusters.create(standardCluster('errors-base')));
      expect([dupCluster.httpStatus, dupCluster.code, dupCluster.conflict]).to.deep.equal([409, 'CCE.01409001', true]);
      await cce.nodePools.create(clusterId, nodePool('dup-pool', 0));
      const dupPool = await fail(cce.nodePools.create(clusterId, nodePool('dup-pool', 0)));
      expect([dupPool.httpStatus, dupPool.conflict]).to.deep.equal([409, true]);
      const gpu = addonInstallRequest({ clusterId, addonTemplateName: 'gpu-beta', version: '2.6.4', values: {} });
      await cce.addons.install(gpu);
      const dupAddon = await fail(cce.addons.install(gpu));
      expect([dupAddon.httpStatus, dupAddon.code, dupAddon.conflict]).to.deep.equal([409, 'CCE.03409001', true]);
    });
  });

  describe('retries', () => {
    it('429 with Retry-After is retried after waiting at least that long', async () => {
      await admin.fault({ kind: 'throttle', ...LIST, count: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      await cce.clusters.list();
      expect(Date.now() - started).to.be.greaterThanOrEqual(950);
      expect((await admin.requests()).map((r) => r.status)).to.deep.equal([429, 200]);
    });
    it('429 "resource locked" on a POST is retried (it was not executed) and creates once', async () => {
      await admin.fault({ kind: 'throttle', ...CREATE, count: 1, code: 'CCE.01429002', retryAfterSeconds: 0 });
      await cce.clusters.create(standardCluster('errors-locked'));
      expect((await admin.requests()).filter((r) => r.method === 'POST').map((r) => r.status)).to.deep.equal([429, 201]);
    });
    it('5xx on a read is retried until it succeeds', async () => {
      await admin.fault({ kind: 'error', ...LIST, count: 2, status: 503 });
      await cce.clusters.list();
      expect((await admin.requests()).map((r) => r.status)).to.deep.equal([503, 503, 200]);
    });
    it('5xx on a read gives up after maxRetries with a retryable error', async () => {
      await admin.fault({ kind: 'error', ...LIST, status: 500 });
      const err = await fail(cce.clusters.list());
      expect([err.httpStatus, err.code, err.retryable]).to.deep.equal([500, 'CCE.01500001', true]);
      expect(await admin.requests()).to.have.length(4);
    });
    it('a dropped connection on a read is retried', async () => {
      await admin.fault({ kind: 'drop', ...LIST, count: 1 });
      await cce.clusters.list();
      expect((await admin.requests()).map((r) => r.status)).to.deep.equal([0, 200]);
    });
    it('5xx on a create POST is not repeated', async () => {
      await admin.fault({ kind: 'error', ...CREATE, count: 1 });
      const err = await fail(cce.clusters.create(standardCluster('errors-5xx')));
      expect(err.httpStatus).to.equal(500);
      expect((await admin.requests()).filter((r) => r.method === 'POST')).to.have.length(1);
    });
  });

  describe('outcome unknown', () => {
    const scenarios = {
      'connection dropped after the cloud executed the create': {
        fault: { kind: 'drop' as const, when: 'after' as const },
        name: 'errors-dropped',
        timeoutMs: 5000,
      },
      'client timeout while the cloud is slow': { fault: { kind: 'latency' as const, delayMs: 1200 }, name: 'errors-slow', timeoutMs: 400 },
    };
    for (const [reason, s] of Object.entries(scenarios)) {
      it(`${reason}: OutcomeUnknownError, sent once, resolved by name`, async () => {
        await admin.fault({ ...s.fault, ...CREATE, count: 1 });
        const err = await fail(cce.clusters.create(standardCluster(s.name), { timeoutMs: s.timeoutMs }));
        expect(err).to.be.instanceOf(OutcomeUnknownError);
        expect([err.outcomeUnknown, err.retryable]).to.deep.equal([true, false]);
        const found = await eventually(() => cce.clusters.findByName(s.name), 100, 30);
        expect(found.metadata.name).to.equal(s.name);
        const posts = (await admin.requests()).filter((r) => r.method === 'POST');
        expect(posts).to.have.length(1);
        expect((await admin.counts()).byOperation['CreateCluster']).to.equal(1);
        const objects = await admin.objects();
        expect(objects.clusters.filter((c) => (c.metadata as { name?: string } | undefined)?.name === s.name)).to.have.length(1);
      });
    }
  });

  describe('Autopilot specifics', () => {
    it('add-on errors use the CCE.03 family; standard-only calls are refused locally', async () => {
      const id = (await ap.client.clusters.create(autopilotCluster('errors-ap'))).body.metadata.uid!;
      await eventually(async () => ((await ap.client.clusters.get(id)).status?.phase === 'Available' ? true : undefined));
      const missing = await fail(ap.client.addons.get('00000000-0000-0000-0000-000000000000', id));
      expect([missing.httpStatus, missing.code]).to.deep.equal([404, 'CCE.03404001']);
      const body = addonInstallRequest({ clusterId: id, addonTemplateName: 'metrics-server', values: {} });
      if (!(await ap.client.addons.findByTemplate(id, 'metrics-server'))) await ap.client.addons.install(body);
      const dup = await fail(ap.client.addons.install(body));
      expect([dup.httpStatus, dup.code, dup.conflict]).to.deep.equal([409, 'CCE.03409001', true]);
      await admin.clearRequests();
      const refused = await fail(ap.client.nodePools.list(id));
      expect([refused.code, refused.terminal]).to.deep.equal(['CLIENT.UnsupportedOperation', true]);
      expect(await admin.requests()).to.have.length(0);
    });
  });

  describe('budget', () => {
    it('two client instances share one token bucket per (endpoint, project)', async () => {
      const limit = { ratePerSecond: 10, burst: 1 };
      const a = clientFor(sim, 'standard', { rateLimit: limit });
      const b = clientFor(sim, 'autopilot', { rateLimit: limit });
      const started = Date.now();
      await Promise.all([
        a.client.quotas.get(),
        b.client.quotas.get(),
        a.client.quotas.get(),
        b.client.quotas.get(),
        a.client.quotas.get(),
        b.client.quotas.get(),
      ]);
      expect(Date.now() - started).to.be.greaterThanOrEqual(450);
      a.client.close();
      b.client.close();
    });
  });

  describe('observability (runs last)', () => {
    it('reported every attempt through onCall, with request ids, and logged no secret', () => {
      expect(std.events.length).to.be.greaterThan(10);
      expect(std.events.every((e) => typeof e.operation === 'string' && typeof e.status === 'number')).to.equal(true);
      expect(std.events.filter((e) => e.status === 429).every((e) => e.outcome === 'retry')).to.equal(true);
      expect(std.events.some((e) => e.outcome === 'outcome-unknown')).to.equal(true);
      expect(std.events.some((e) => e.requestId)).to.equal(true);
      const surfaces = [...std.logs, ...ap.logs, JSON.stringify(std.events)].join('\n');
      for (const s of [AK, SK, TOKEN]) expect(surfaces).to.not.include(s);
    });
  });
});
