import { expect } from 'chai';
import { addonBase, defaultEndpoint, resolveEndpoint } from '../../../operator/cloud/endpoints.js';
import { CceApiError } from '../../../operator/cloud/errors.js';
import { CcePaths } from '../../../operator/cloud/paths.js';

describe('cloud/endpoints', () => {
  it('maps a region to the default CCE endpoint', () => {
    expect(defaultEndpoint('cn-north-4')).to.equal('https://cce.cn-north-4.myhuaweicloud.com');
    expect(() => defaultEndpoint('cn north')).to.throw(RangeError);
  });

  const resolveCases = {
    'region only': { in: { region: 'ap-southeast-1' }, want: 'https://cce.ap-southeast-1.myhuaweicloud.com' },
    'endpoint overrides region': { in: { region: 'x', endpoint: 'http://127.0.0.1:8080/' }, want: 'http://127.0.0.1:8080' },
    'bare host gets https': { in: { endpoint: 'cce.example.com' }, want: 'https://cce.example.com' },
    'base path kept': { in: { endpoint: 'https://gw.example.com/cce/' }, want: 'https://gw.example.com/cce' },
  };
  for (const [reason, c] of Object.entries(resolveCases)) {
    it(`resolveEndpoint: ${reason}`, () => expect(resolveEndpoint(c.in)).to.equal(c.want));
  }
  it('resolveEndpoint needs region or endpoint', () => expect(() => resolveEndpoint({})).to.throw(RangeError));

  const main = 'https://cce.cn-north-4.myhuaweicloud.com';
  const addonCases = {
    'documented {cluster_id}.{endpoint} form': {
      endpoint: main,
      cluster: 'c1d2',
      opts: {},
      want: 'https://c1d2.cce.cn-north-4.myhuaweicloud.com',
    },
    'main mode, as the official SDK': { endpoint: main, cluster: 'c1d2', opts: { addonHostMode: 'main' as const }, want: main },
    'explicit add-on endpoint wins': {
      endpoint: main,
      cluster: 'c1',
      opts: { addonEndpoint: 'http://127.0.0.1:9000' },
      want: 'http://127.0.0.1:9000',
    },
    'no cluster id (template list)': { endpoint: main, cluster: undefined, opts: {}, want: main },
    'IP endpoint cannot take a prefix': { endpoint: 'http://127.0.0.1:8443', cluster: 'c1', opts: {}, want: 'http://127.0.0.1:8443' },
    'localhost cannot take a prefix': { endpoint: 'http://localhost:8443', cluster: 'c1', opts: {}, want: 'http://localhost:8443' },
    'port is kept': { endpoint: 'https://cce.example.com:8443', cluster: 'abc', opts: {}, want: 'https://abc.cce.example.com:8443' },
  };
  for (const [reason, c] of Object.entries(addonCases)) {
    it(`addonBase: ${reason}`, () => expect(addonBase(c.endpoint, c.cluster, c.opts)).to.equal(c.want));
  }

  const std = new CcePaths('standard', 'p1');
  const ap = new CcePaths('autopilot', 'p1');
  const pathCases = {
    'standard clusters': { got: std.clusters(), want: '/api/v3/projects/p1/clusters' },
    'autopilot clusters': { got: ap.clusters(), want: '/autopilot/v3/projects/p1/clusters' },
    'hibernate': { got: std.clusterOp('c', 'hibernate'), want: '/api/v3/projects/p1/clusters/c/operation/hibernate' },
    'default node pool id is encoded': {
      got: std.nodePool('c', 'az1.dc1#s1.large#EulerOS 2.2'),
      want: '/api/v3/projects/p1/clusters/c/nodepools/az1.dc1%23s1.large%23EulerOS%202.2',
    },
    'job': { got: ap.job('j'), want: '/autopilot/v3/projects/p1/jobs/j' },
    'standard add-ons': { got: std.addons('a'), want: '/api/v3/addons/a' },
    'autopilot rollback': { got: ap.addonRollback('a'), want: '/autopilot/v3/addons/a/operation/rollback' },
    'templates': { got: ap.addonTemplates(), want: '/autopilot/v3/addontemplates' },
    'upgrade task': { got: std.upgradeTasks('c', 't'), want: '/api/v3/projects/p1/clusters/c/operation/upgrade/tasks/t' },
    'pre-check tasks': { got: ap.preCheckTasks('c'), want: '/autopilot/v3/projects/p1/clusters/c/operation/precheck/tasks' },
    'snapshot uses v3.1': { got: ap.snapshot('c'), want: '/autopilot/v3.1/projects/p1/clusters/c/operation/snapshot' },
    'tags': { got: std.tags('c', 'delete'), want: '/api/v3/projects/p1/clusters/c/tags/delete' },
    'quotas': { got: std.quotas(), want: '/api/v3/projects/p1/quotas' },
    'upgrade paths are not project-scoped': { got: ap.upgradePaths(), want: '/autopilot/v3/clusterupgradepaths' },
  };
  for (const [reason, c] of Object.entries(pathCases)) {
    it(`paths: ${reason}`, () => expect(c.got).to.equal(c.want));
  }
  it('paths refuse empty ids with a terminal CceApiError', () =>
    expect(() => std.cluster(''))
      .to.throw(CceApiError)
      .with.property('code', 'CLIENT.InvalidArgument'));
});
