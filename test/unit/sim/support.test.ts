import { expect } from 'chai';
import { CceError, renderError, type ErrorKind, type Family } from '../../../sim/errors.js';
import { goTime, rfc3339 } from '../../../sim/time.js';
import { baselineOf, canUpgrade } from '../../../sim/versions.js';
import { findTemplate, newestFor } from '../../../sim/templates.js';
import { Faults } from '../../../sim/faults.js';
import { optionsFrom } from '../../../sim/cli-options.js';
import { originForm } from '../../../sim/server.js';
import { Router } from '../../../sim/router.js';
import { allRoutes } from '../../../sim/routes.js';

describe('sim error bodies', () => {
  const cases: Record<string, { reason: string; family: Family; kind: ErrorKind; status: number; body: Record<string, string> }> = {
    standard: {
      reason: 'format A',
      family: 'standard',
      kind: 'notFound',
      status: 404,
      body: { error_code: 'CCE.01404001', error_msg: 'Resource not found. x' },
    },
    autopilot: {
      reason: 'camelCase',
      family: 'autopilot',
      kind: 'exists',
      status: 409,
      body: { errorCode: 'CCE.01409001', errorMessage: 'The resource already exists. x' },
    },
    addon: {
      reason: 'format B, add-on manager codes',
      family: 'addon',
      kind: 'invalid',
      status: 400,
      body: { code: 'SVCSTG.CCE-ADDONMGR.4000003', message: 'Request Body Error x' },
    },
    addonExists: {
      reason: 'the documented 409 for add-ons',
      family: 'addon',
      kind: 'exists',
      status: 409,
      body: { code: 'CCE.03409001', message: 'Addon instance has installed. x' },
    },
    apAddon: {
      reason: 'CCE.03 codes',
      family: 'apAddon',
      kind: 'notFound',
      status: 404,
      body: { errorCode: 'CCE.03404001', errorMessage: 'Resource not found. x' },
    },
    locked: {
      reason: 'resource locked is a 429',
      family: 'standard',
      kind: 'locked',
      status: 429,
      body: { error_code: 'CCE.01429002', error_msg: 'Resource locked by other requests. x' },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => {
      const r = renderError(c.family, new CceError(c.kind, 'x'));
      expect({ status: r.status, body: r.body }).to.deep.equal({ status: c.status, body: c.body });
    });
  }
});

describe('sim formats, versions, templates, faults, options, routing', () => {
  it('timestamps: Go time.String() and RFC 3339', () => {
    const ms = Date.UTC(2018, 7, 2, 3, 48, 58, 968);
    expect(goTime(ms)).to.equal('2018-08-02 03:48:58.968000000 +0000 UTC');
    expect(rfc3339(ms)).to.equal('2018-08-02T03:48:58Z');
  });

  const versions: Record<string, { reason: string; autopilot: boolean; from: string; to: string; ok: boolean }> = {
    next: { reason: 'the next minor', autopilot: false, from: 'v1.28', to: 'v1.29', ok: true },
    patchForm: { reason: 'full patch forms', autopilot: false, from: 'v1.28.15-r0', to: 'v1.29.10-r0', ok: true },
    skip: { reason: 'no skipping', autopilot: false, from: 'v1.25', to: 'v1.28', ok: false },
    down: { reason: 'no downgrade', autopilot: true, from: 'v1.29', to: 'v1.28', ok: false },
  };
  for (const [name, c] of Object.entries(versions)) {
    it(`canUpgrade ${name}: ${c.reason}`, () => expect(canUpgrade(c.autopilot, c.from, c.to)).to.equal(c.ok));
  }
  it('baselineOf strips the patch', () => expect(baselineOf('v1.28.3-r1')).to.equal('v1.28'));

  it('templates: newest version supporting the cluster version; alias lookup', () => {
    expect(newestFor(findTemplate(false, 'coredns')!, 'v1.23')?.version).to.equal('1.29.4');
    expect(newestFor(findTemplate(false, 'autoscaler')!, 'v1.28')?.version).to.equal('1.28.17');
    expect(findTemplate(true, 'kube-prometheus-stack')?.name).to.equal('cie-collector');
  });

  it('faults: count, rate, method/operation/path matching', () => {
    const f = new Faults();
    f.random = () => 0.5;
    f.add({ kind: 'error', count: 1, operation: 'A' });
    f.add({ kind: 'throttle', rate: 0.4 });
    f.add({ kind: 'drop', method: 'post', path: '^/x' });
    expect(f.fire(['error'], 'GET', '/', 'A')).to.have.length(1);
    expect(f.fire(['error'], 'GET', '/', 'A'), 'count exhausted').to.have.length(0);
    expect(f.fire(['throttle'], 'GET', '/', 'A'), 'rate 0.4 < random 0.5').to.have.length(0);
    expect(f.fire(['drop'], 'POST', '/xyz', 'B')).to.have.length(1);
    expect(f.fire(['drop'], 'GET', '/xyz', 'B')).to.have.length(0);
  });

  it('--cloud-stack picks the cloud the simulator plays (hcs-8.1.1 or public), anything else is refused', () => {
    const need = ['--access-key', 'a', '--secret-key', 's', '--project-id', 'p'];
    expect(optionsFrom([...need, '--cloud-stack', 'hcs-8.1.1'], {}).cloudStack).to.equal('hcs-8.1.1');
    expect(optionsFrom(need, { CCE_SIM_CLOUD_STACK: 'public' }).cloudStack).to.equal('public');
    expect(optionsFrom(need, {}).cloudStack).to.equal(undefined);
    expect(() => optionsFrom([...need, '--cloud-stack', 'hcs-9'], {})).to.throw(/--cloud-stack must be one of public, hcs-8.1.1/);
  });

  it('CLI options: flags win over env vars; env vars fill the rest; defaults', () => {
    const o = optionsFrom(['--port', '8080', '--access-key', 'A', '--token', 't1', '--token', 't2'], {
      CCE_SIM_SECRET_KEY: 'S',
      CCE_SIM_PROJECT_ID: 'P',
      CCE_SIM_ACCESS_KEY: 'ignored',
      CCE_SIM_STATE_FILE: '/tmp/s.json',
    });
    expect(o).to.deep.equal({
      host: '127.0.0.1',
      port: 8080,
      accessKey: 'A',
      secretKey: 'S',
      projectId: 'P',
      tokens: ['t1', 't2'],
      jobSeconds: 5,
      stateFile: '/tmp/s.json',
    });
    expect(() => optionsFrom(['--job-seconds', '-1', '--access-key', 'a', '--secret-key', 's', '--project-id', 'p'], {})).to.throw(
      /job-seconds/,
    );
  });

  const targets: Record<string, { reason: string; target: string; want: string }> = {
    origin: { reason: 'origin-form unchanged', target: '/api/v3/addons?cluster_id=1', want: '/api/v3/addons?cluster_id=1' },
    absolute: {
      reason: 'a {cluster_id}. host WHATWG URL rejects',
      target: 'http://4d1ecb2c-229a-11e8-9c75-0255ac100ceb.127.0.0.1:8080/api/v3/addons/x?cluster_id=1',
      want: '/api/v3/addons/x?cluster_id=1',
    },
    noPath: { reason: 'absolute with no path', target: 'http://host:1', want: '/' },
  };
  for (const [name, c] of Object.entries(targets)) {
    it(`originForm ${name}: ${c.reason}`, () => expect(originForm(c.target)).to.equal(c.want));
  }

  it('router: params, operation names and flavour', () => {
    const r = new Router(allRoutes());
    const m = r.match('GET', '/autopilot/v3/projects/p/clusters/c1/operation/upgrade/tasks/t1');
    expect(m?.params).to.deep.equal({ project_id: 'p', cluster_id: 'c1', task_id: 't1' });
    expect(m?.route.operation).to.equal('ShowAutopilotUpgradeClusterTask');
    expect(r.match('DELETE', '/api/v3/projects/p/clusters/c1')?.route.operation).to.equal('DeleteCluster');
    expect(r.match('PATCH', '/api/v3/projects/p/clusters/c1')).to.equal(undefined);
  });
});
