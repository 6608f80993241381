/**
 * The documented request rules over HTTP (sim/README.md "Request rules"): each bad body is refused with the
 * documented status, code and error-body format of its path family; each good body passes. Plus the response
 * shapes and error formats the same round of fixes settled (unknown paths, missing add-ons, default add-ons, GET
 * objects).
 */
import { expect } from 'chai';
import { AP, P, autopilotBody, clusterBody, poolBody, poolUpdateBody, startSim, type Res, type Sim } from './helpers.js';

type Body = Record<string, unknown>;
type Format = 'standard' | 'gateway' | 'addon' | 'autopilot';
const KEYS: Record<Format, [code: string, message: string]> = {
  standard: ['error_code', 'error_msg'],
  gateway: ['error_code', 'error_msg'],
  addon: ['code', 'message'],
  autopilot: ['errorCode', 'errorMessage'],
};

/** The body is exactly the family's two error keys, with this code. */
function expectError(res: Res, status: number, code: string, format: Format, msg?: RegExp): void {
  const [codeKey, msgKey] = KEYS[format];
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(Object.keys(res.body as object).sort()).to.deep.equal([codeKey, msgKey].sort());
  expect(res.body[codeKey]).to.equal(code);
  if (msg) expect(res.body[msgKey]).to.match(msg);
}

interface Fixtures {
  cid: string;
  apid: string;
  poolId: string;
  addonId: string;
  apAddonId: string;
  /** A standard cluster upgraded v1.28 → v1.29 (its task's spec.version is v1.28.15-r0). */
  upgraded: string;
  /** Clusters nothing else touches, for the upgrade requests. */
  fresh: string;
  apFresh: string;
}

interface Row {
  doc: string;
  method: string;
  path: (f: Fixtures) => string;
  bad: (f: Fixtures) => Body;
  status: number;
  code: string;
  format: Format;
  msg: RegExp;
  good?: (f: Fixtures) => Body;
  goodStatus?: number;
}

const addon = (clusterID: string, name: string, version: string | undefined, annotations: Body, extra: Body = {}): Body => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { annotations },
  spec: { clusterID, addonTemplateName: name, values: { basic: {} }, ...(version ? { version } : {}) },
  ...extra,
});
const INSTALL = { 'addon.install/type': 'install' };
const UPGRADE = { 'addon.upgrade/type': 'upgrade' };
const upgradeBody = (strategy: Body): Body => ({
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: { clusterUpgradeAction: { targetVersion: 'v1.29', strategy } },
});
const IN_PLACE = { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } };
const withoutKey = (o: Body, key: string): Body => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const withSpec = (o: Body, spec: Body): Body => ({ ...o, spec: { ...(o.spec as Body), ...spec } });
const pools = (f: Fixtures) => `${P}/clusters/${f.cid}/nodepools`;

const rows: Record<string, Row> = {
  clusterX509: {
    doc: '003 T4-53',
    method: 'POST',
    path: () => `${P}/clusters`,
    bad: () => clusterBody('x509-cluster', { authentication: { mode: 'x509' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.authentication\.mode: x509/,
    good: () => clusterBody('rbac-cluster', { authentication: { mode: 'rbac' } }),
    goodStatus: 201,
  },
  clusterKeyCase: {
    doc: 'decode: golangsdk "apiversion"',
    method: 'POST',
    path: () => `${P}/clusters`,
    bad: () => withoutKey({ ...clusterBody('bad-apiversion'), apiversion: 'v2' }, 'apiVersion'),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /apiVersion: must be "v3"/,
    good: () => withoutKey({ ...clusterBody('golang-sdk'), apiversion: 'v3' }, 'apiVersion'),
    goodStatus: 201,
  },
  clusterMasters: {
    doc: '003 T4-17',
    method: 'POST',
    path: () => `${P}/clusters`,
    bad: () => clusterBody('masters-bad', { masters: { flavor: 'm' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.masters/,
    good: () => clusterBody('masters-good', { masters: { availabilityZone: 'az1', flavor: 'm' } }),
    goodStatus: 201,
  },
  clusterDedicated: {
    doc: '003 T4-20',
    method: 'POST',
    path: () => `${P}/clusters`,
    bad: () => clusterBody('dedicated-bad', { flavor: 'cce.dec.s2.small', extendParam: { clusterAZ: 'dec-az' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.extendParam\.dssMasterVolumes: is required/,
    good: () =>
      clusterBody('dedicated-good', {
        flavor: 'cce.dec.s2.small',
        extendParam: { clusterAZ: 'dec-az', dssMasterVolumes: 'p1.sas;p2.ssd' },
      }),
    goodStatus: 201,
  },
  clusterInstallAddons: {
    doc: '003 T4-5/T4-6',
    method: 'POST',
    path: () => `${P}/clusters`,
    bad: () => ({
      ...clusterBody('annot-bad'),
      metadata: { name: 'annot-bad', annotations: { 'cluster.install.addons/install': 'coredns' } },
    }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /cluster\.install\.addons\/install: must be a JSON array/,
    good: () => ({
      ...clusterBody('annot-good'),
      metadata: { name: 'annot-good', annotations: { 'cluster.install.addons/install': '[{"addonTemplateName":"coredns"}]' } },
    }),
    goodStatus: 201,
  },
  clusterUpdateOnly: {
    doc: '003 T4-43/T4-44',
    method: 'PUT',
    path: (f) => `${P}/clusters/${f.cid}`,
    bad: () => ({ spec: { description: 'x', containerNetwork: { mode: 'vpc-router' } } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.containerNetwork\.mode: cannot be changed/,
    good: () => ({ spec: { description: 'x', containerNetwork: { mode: 'overlay_l2' }, flavor: 'cce.s1.small' } }),
    goodStatus: 200,
  },
  apInstallAddons: {
    doc: '004 §4.1.1',
    method: 'POST',
    path: () => `${AP}/clusters`,
    bad: () => ({
      ...autopilotBody('ap-annot-bad'),
      metadata: { name: 'ap-annot-bad', annotations: { 'cluster.install.addons/install': '[1]' } },
    }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /install\[0\]/,
    good: () => ({
      ...autopilotBody('ap-annot-good'),
      metadata: { name: 'ap-annot-good', annotations: { 'cluster.install.addons/install': '[]' } },
    }),
    goodStatus: 201,
  },
  apUpdateOnly: {
    doc: '004 T4-72..T4-76',
    method: 'PUT',
    path: (f) => `${AP}/clusters/${f.apid}`,
    bad: () => ({ spec: { kubeProxyMode: 'iptables', version: 'v1.29' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /spec\.version: cannot be changed/,
    good: () => ({ spec: { description: 'ok', kubeProxyMode: 'iptables' }, metadata: { alias: '' } }),
    goodStatus: 200,
  },
  masterEipAction: {
    doc: '004 §4.1.8 T4-131',
    method: 'PUT',
    path: (f) => `${P}/clusters/${f.fresh}/mastereip`,
    bad: () => ({ spec: { spec: { id: 'eip-1' } } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.action: is required/,
    good: () => ({ spec: { action: 'unbind' } }),
    goodStatus: 200,
  },
  masterEipBindId: {
    doc: '004 §4.1.8 T4-132',
    method: 'PUT',
    path: (f) => `${AP}/clusters/${f.apFresh}/mastereip`,
    bad: () => ({ spec: { action: 'bind', spec: {} } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /spec\.spec\.id: is required/,
    good: () => ({ spec: { action: 'bind', spec: { id: 'eip-rules-1' } } }),
    goodStatus: 200,
  },
  masterEipSpec: {
    doc: '004 §4.1.8 T4-130',
    method: 'PUT',
    path: (f) => `${P}/clusters/${f.fresh}/mastereip`,
    bad: () => ({ action: 'bind' }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec: is required/,
  },
  poolNotForPools: {
    doc: '003 T4-75',
    method: 'POST',
    path: pools,
    bad: () =>
      withSpec(poolBody('deh-pool', 0), {
        nodeTemplate: { ...((poolBody('x', 0).spec as Body).nodeTemplate as Body), dedicatedHostId: 'deh-1' },
      }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.nodeTemplate\.dedicatedHostId: is not supported for node pool nodes/,
    good: () => poolBody('plain-pool', 0),
    goodStatus: 201,
  },
  poolLoginOne: {
    doc: '003 T4-78',
    method: 'POST',
    path: pools,
    bad: () =>
      withSpec(poolBody('login-pool', 0), {
        nodeTemplate: {
          ...((poolBody('x', 0).spec as Body).nodeTemplate as Body),
          login: { sshKey: 'kp', userPassword: { password: 'p' } },
        },
      }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /login: sshKey and userPassword are exclusive/,
  },
  poolPublicIp: {
    doc: '003 T4-81',
    method: 'POST',
    path: pools,
    bad: () =>
      withSpec(poolBody('eip-pool', 0), {
        nodeTemplate: { ...((poolBody('x', 0).spec as Body).nodeTemplate as Body), publicIP: { count: 1 } },
      }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /publicIP: count and eip must be given together/,
  },
  poolPutKind: {
    doc: '003 T4-267',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => withoutKey(poolUpdateBody('rules-pool', 1), 'kind'),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /^Invalid request\. kind: is required/,
    good: () => poolUpdateBody('rules-pool', 1, { nodeTemplate: { k8sTags: { team: 'a' }, taints: [] } }),
    goodStatus: 200,
  },
  poolPutApiVersion: {
    doc: '003 T4-267',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => withoutKey(poolUpdateBody('rules-pool', 1), 'apiVersion'),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /apiVersion: is required/,
  },
  poolPutName: {
    doc: '003 T4-268',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => ({ ...poolUpdateBody('rules-pool', 1), metadata: {} }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /metadata\.name: is required/,
  },
  poolPutCount: {
    doc: '003 T4-269',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => ({ ...poolUpdateBody('rules-pool', 1), spec: { nodeTemplate: {} } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.initialNodeCount: is required/,
  },
  poolPutTemplate: {
    doc: '003 T4-269',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => ({ ...poolUpdateBody('rules-pool', 1), spec: { initialNodeCount: 1 } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.nodeTemplate: is required/,
  },
  poolPutOnly: {
    doc: '003 §4.1.22 note, T4-271',
    method: 'PUT',
    path: (f) => `${pools(f)}/${f.poolId}`,
    bad: () => poolUpdateBody('rules-pool', 1, { nodeTemplate: { flavor: 's6.xlarge.2' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.nodeTemplate\.flavor: cannot be changed/,
    good: () =>
      poolUpdateBody('rules-pool', 1, {
        nodeTemplate: { flavor: 's6.large.2' },
        autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 3 },
      }),
    goodStatus: 200,
  },
  addonAnnotation: {
    doc: '003 T4-298',
    method: 'POST',
    path: () => '/api/v3/addons',
    bad: (f) => addon(f.cid, 'autoscaler', '1.28.17', { 'addon.install/type': 'yes' }),
    status: 400,
    code: 'SVCSTG.CCE-ADDONMGR.4000003',
    format: 'addon',
    msg: /addon\.install\/type: must be "install"/,
    good: (f) => addon(f.cid, 'autoscaler', '1.28.17', INSTALL),
    goodStatus: 200,
  },
  addonUpdateVersion: {
    doc: '003 T4-322',
    method: 'PUT',
    path: (f) => `/api/v3/addons/${f.addonId}`,
    bad: (f) => addon(f.cid, 'metrics-server', undefined, UPGRADE),
    status: 400,
    code: 'SVCSTG.CCE-ADDONMGR.4000003',
    format: 'addon',
    msg: /spec\.version: is required/,
    good: (f) => addon(f.cid, 'metrics-server', '1.3.60', UPGRADE),
    goodStatus: 200,
  },
  apAddonKind: {
    doc: '004 T4-150',
    method: 'POST',
    path: () => '/autopilot/v3/addons',
    bad: (f) => withoutKey(addon(f.apid, 'metrics-server', undefined, INSTALL), 'kind'),
    status: 400,
    code: 'CCE.03400001',
    format: 'autopilot',
    msg: /kind: is required/,
    good: (f) => addon(f.apid, 'metrics-server', undefined, INSTALL, { kind: 'addon', apiVersion: 'v1' }),
    goodStatus: 201,
  },
  apAddonUpgradeVersion: {
    doc: '004 T4-171',
    method: 'PUT',
    path: (f) => `/autopilot/v3/addons/${f.apAddonId}`,
    bad: (f) => addon(f.apid, 'coredns', undefined, UPGRADE),
    status: 400,
    code: 'CCE.03400001',
    format: 'autopilot',
    msg: /spec\.version: is required/,
  },
  apAddonRollback: {
    doc: '004 T4-180',
    method: 'POST',
    path: (f) => `/autopilot/v3/addons/${f.apAddonId}/operation/rollback`,
    bad: () => ({}),
    status: 400,
    code: 'CCE.03400001',
    format: 'autopilot',
    msg: /clusterID: is required/,
  },
  upgradeInPlace: {
    doc: '004 T4-217',
    method: 'POST',
    path: (f) => `${P}/clusters/${f.fresh}/operation/upgrade`,
    bad: () => upgradeBody({ type: 'inPlaceRollingUpdate' }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /strategy\.inPlaceRollingUpdate: is required when strategy\.type is inPlaceRollingUpdate/,
    good: () => upgradeBody(IN_PLACE),
    goodStatus: 200,
  },
  apUpgradeInPlace: {
    doc: '004 T4-217',
    method: 'POST',
    path: (f) => `${AP}/clusters/${f.apFresh}/operation/upgrade`,
    bad: () => upgradeBody({ type: 'inPlaceRollingUpdate' }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /strategy\.inPlaceRollingUpdate: is required/,
    good: () => upgradeBody(IN_PLACE),
    goodStatus: 200,
  },
  preCheckSpec: {
    doc: '004 T4-238',
    method: 'POST',
    path: (f) => `${P}/clusters/${f.cid}/operation/precheck`,
    bad: () => ({ apiVersion: 'v3', kind: 'PreCheckTask' }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec: is required/,
    good: () => ({ apiVersion: 'v3', kind: 'PreCheckTask', spec: { targetVersion: 'v1.29' } }),
    goodStatus: 200,
  },
  postCheckSource: {
    doc: '004 T4-299',
    method: 'POST',
    path: (f) => `${P}/clusters/${f.upgraded}/operation/postcheck`,
    bad: (f) => ({
      apiVersion: 'v3',
      kind: 'PostCheckTask',
      spec: { clusterID: f.upgraded, clusterVersion: 'v1.29.10-r0', targetVersion: 'v1.29.10-r0' },
    }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /spec\.clusterVersion: v1\.29\.10-r0 is not the source version of the cluster's latest upgrade \(v1\.28\.15-r0\)/,
    good: (f) => ({
      apiVersion: 'v3',
      kind: 'PostCheckTask',
      spec: { clusterID: f.upgraded, clusterVersion: 'v1.28.15-r0', targetVersion: 'v1.29.10-r0' },
    }),
    goodStatus: 200,
  },
  postCheckNeverUpgraded: {
    doc: '004 T4-299',
    method: 'POST',
    path: (f) => `${AP}/clusters/${f.apid}/operation/postcheck`,
    bad: () => ({ apiVersion: 'v3', kind: 'PostCheckTask', spec: { clusterVersion: 'v1.28' } }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /has not been upgraded/,
    good: () => ({ apiVersion: 'v3', kind: 'PostCheckTask', spec: { targetVersion: 'v1.28' } }),
    goodStatus: 200,
  },
  tagsDeleteKey: {
    doc: '004 T4-381',
    method: 'POST',
    path: (f) => `${P}/clusters/${f.cid}/tags/delete`,
    bad: () => ({ tags: [{ key: '_sys_owner' }] }),
    status: 400,
    code: 'CCE.01400001',
    format: 'standard',
    msg: /tags\.0\.key: must match/,
    good: () => ({ tags: [{ key: 'owner' }] }),
    goodStatus: 204,
  },
  certDuration: {
    doc: '004 T4-112',
    method: 'POST',
    path: (f) => `${AP}/clusters/${f.apid}/clustercert`,
    bad: () => ({ duration: 1828 }),
    status: 400,
    code: 'CCE.01400001',
    format: 'autopilot',
    msg: /duration: must be an integer from 1 to 1827, or -1/,
    good: () => ({ Duration: 30 }),
    goodStatus: 200,
  },
};

describe('sim: documented request rules over HTTP (status, code, error format)', () => {
  let s: Sim;
  let f: Fixtures;
  before(async () => {
    s = await startSim({ jobSeconds: 0 });
    const cluster = async (prefix: string, body: Body): Promise<string> => {
      const res = await s.call('POST', `${prefix}/clusters`, body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.metadata.uid as string;
    };
    const cid = await cluster(P, clusterBody('rules-std'));
    const apid = await cluster(AP, autopilotBody('rules-ap'));
    const upgraded = await cluster(P, clusterBody('rules-upgraded'));
    const fresh = await cluster(P, clusterBody('rules-fresh'));
    const apFresh = await cluster(AP, autopilotBody('rules-ap-fresh'));
    await s.call('GET', `${P}/clusters`); // jobSeconds 0: everything created is Available at the next request
    const poolId = (await s.call('POST', `${P}/clusters/${cid}/nodepools`, poolBody('rules-pool', 1))).body.metadata.uid as string;
    const addonId = (await s.call('POST', '/api/v3/addons', addon(cid, 'metrics-server', '1.3.39', INSTALL))).body.metadata.uid as string;
    const apAddonId = (await s.call('POST', '/autopilot/v3/addons', addon(apid, 'coredns', undefined, INSTALL))).body.metadata
      .uid as string;
    const up = await s.call('POST', `${P}/clusters/${upgraded}/operation/upgrade`, upgradeBody(IN_PLACE));
    expect(up.status).to.equal(200);
    await s.call('GET', `${P}/clusters/${upgraded}`);
    f = { cid, apid, poolId, addonId, apAddonId, upgraded, fresh, apFresh };
  });
  after(async () => s.sim.close());

  for (const [name, r] of Object.entries(rows)) {
    it(`${name} [${r.doc}]: ${r.method} refused ${r.status} ${r.code} in the ${r.format} format${r.good ? `; the good body ${r.goodStatus}` : ''}`, async () => {
      expectError(await s.call(r.method, r.path(f), r.bad(f)), r.status, r.code, r.format, r.msg);
      if (r.good) {
        const ok = await s.call(r.method, r.path(f), r.good(f));
        expect(ok.status, JSON.stringify(ok.body)).to.equal(r.goodStatus);
      }
    });
  }

  const unknown: Record<string, { method: string; path: string }> = {
    apNoPath: { method: 'GET', path: `${AP}/clusters/x/nothing` },
    apWrongMethod: { method: 'PATCH', path: `${AP}/clusters/x` },
    apOtherVersion: { method: 'GET', path: '/autopilot/v9/anything' },
    addonWrongMethod: { method: 'PATCH', path: '/api/v3/addons/x' },
    standardWrongMethod: { method: 'PATCH', path: `${P}/clusters/x` },
  };
  for (const [name, c] of Object.entries(unknown)) {
    it(`unknown path or method ${name}: the gateway's one format, 404 APIGW.0101`, async () => {
      expectError(await s.call(c.method, c.path), 404, 'APIGW.0101', 'gateway');
    });
  }

  const missing: Record<string, { doc: string; method: string; path: (f: Fixtures) => string; code: string; format: Format }> = {
    standardGet: {
      doc: '003 §7.4',
      method: 'GET',
      path: (f) => `/api/v3/addons/no-such-instance?cluster_id=${f.cid}`,
      code: 'SVCSTG.CCE-ADDONMGR.4040204',
      format: 'addon',
    },
    standardDelete: {
      doc: '003 §7.4',
      method: 'DELETE',
      path: (f) => `/api/v3/addons/no-such-instance?cluster_id=${f.cid}`,
      code: 'SVCSTG.CCE-ADDONMGR.4040204',
      format: 'addon',
    },
    autopilotGet: {
      doc: '004 §7.2',
      method: 'GET',
      path: () => '/autopilot/v3/addons/no-such-instance',
      code: 'CCE.03404001',
      format: 'autopilot',
    },
  };
  for (const [name, c] of Object.entries(missing)) {
    it(`a missing add-on instance (${name}) → 404 ${c.code} [${c.doc}]`, async () => {
      expectError(await s.call(c.method, c.path(f)), 404, c.code, c.format);
    });
  }

  it('a new standard cluster gets CoreDNS and the storage driver (everest) [003 T4-5]', async () => {
    const list = await s.call('GET', `/api/v3/addons?cluster_id=${f.cid}`);
    const names = (list.body.items as { spec: { addonTemplateName: string } }[]).map((a) => a.spec.addonTemplateName);
    expect(names).to.include.members(['coredns', 'everest']);
  });

  it('GET and list carry every object the response examples show, defaults included [003 §4.1.2, §4.1.20; 004 §4.1.2/§4.1.3]', async () => {
    const std = (await s.call('GET', `${P}/clusters/${f.cid}`)).body;
    expect(std.spec).to.include.keys(
      'type',
      'flavor',
      'version',
      'description',
      'hostNetwork',
      'containerNetwork',
      'authentication',
      'billingMode',
      'kubernetesSvcIpRange',
    );
    expect(std.spec.authentication).to.deep.equal({ mode: 'rbac', authenticatingProxy: {} });
    expect(std.spec.containerNetwork).to.have.keys('mode', 'cidr');
    expect(std.status).to.have.keys('phase', 'endpoints');
    const pool = (await s.call('GET', `${P}/clusters/${f.cid}/nodepools/${f.poolId}`)).body;
    expect(pool.spec.nodeTemplate).to.deep.include({
      publicIP: { eip: { bandwidth: {} } },
      nodeNicSpec: { primaryNic: { subnetId: 'subnet-1' } },
      billingMode: 0,
    });
    expect(pool.spec.nodeTemplate.extendParam).to.include.keys(
      'alpha.cce/NodeImageID',
      'alpha.cce/postInstall',
      'alpha.cce/preInstall',
      'maxPods',
    );
    expect(pool.spec).to.include.keys('type', 'nodeTemplate', 'autoscaling', 'nodeManagement', 'initialNodeCount');
    const created = await s.call('POST', `${AP}/clusters`, autopilotBody('ap-shape', { eniNetwork: undefined }));
    expect(created.body.spec, 'az is a query-only field').not.to.have.property('az');
    await s.call('GET', `${AP}/clusters`);
    for (const ap of [
      (await s.call('GET', `${AP}/clusters/${created.body.metadata.uid}`)).body,
      (await s.call('GET', `${AP}/clusters`)).body.items.find((c: Body) => (c.metadata as Body).name === 'ap-shape'),
    ]) {
      expect(ap.spec).to.include.keys(
        'category',
        'type',
        'flavor',
        'version',
        'platformVersion',
        'hostNetwork',
        'containerNetwork',
        'eniNetwork',
        'serviceNetwork',
        'authentication',
        'billingMode',
        'kubernetesSvcIpRange',
        'kubeProxyMode',
        'az',
        'extendParam',
      );
      expect(ap.spec.eniNetwork).to.deep.equal({ subnets: [] });
      expect(ap.spec.serviceNetwork).to.deep.equal({ IPv4CIDR: '10.247.0.0/16' });
      expect(ap.spec.authentication).to.deep.equal({ mode: 'rbac' });
      expect(ap.spec.extendParam).to.deep.equal({ enterpriseProjectId: '0', upgradefrom: '' });
      expect(ap.metadata).to.include.keys('alias', 'labels', 'annotations');
    }
  });

  it('a standard create response echoes the request annotations [003 T4-22]', async () => {
    const annotations = { 'cluster.install.addons/install': '[]', note: 'x' };
    const res = await s.call('POST', `${P}/clusters`, {
      ...clusterBody('echo-annotations'),
      metadata: { name: 'echo-annotations', annotations },
    });
    expect(res.body.metadata.annotations).to.deep.equal(annotations);
  });
});
