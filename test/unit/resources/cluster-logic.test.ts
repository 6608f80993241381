import { expect } from 'chai';
import type { Cluster } from '../../../operator/cloud/index.js';
import { updateBody } from '../../../operator/resources/cluster/external.js';
import { clusterFields } from '../../../operator/resources/cluster/fields.js';
import { fieldDiffs, firstFamily } from '../../../operator/resources/field-diff.js';
import { createRequest } from '../../../operator/resources/cluster/desired.js';
import type { CceCluster, CceClusterSpec } from '../../../operator/resources/cluster/types.js';
import { chosenEndpoint, pointedAt } from '../../../operator/resources/cluster/kubeconfig-export.js';
import { eipChange } from '../../../operator/resources/cluster/master-eip.js';
import { planUpgradePath } from '../../../operator/resources/cluster/upgrade-plan.js';
import { failedCheckItems, preCheckSpec, upgradeAction } from '../../../operator/resources/cluster/upgrade-request.js';
import { compareMinor, downgradeMessage } from '../../../operator/resources/cluster/version.js';
import { celRules, unobservedFields } from '../../../operator/resources/field-rules.js';
import { applyOutcome, type CommonStatus } from '../../../operator/resources/status-report.js';

const spec: CceClusterSpec = {
  region: 'cn-north-4',
  projectID: 'p',
  type: 'VirtualMachine',
  flavor: 'cce.s1.small',
  version: 'v1.28',
  description: 'd',
  hostNetwork: { vpc: 'v', subnet: 's' },
  containerNetwork: { mode: 'overlay_l2' },
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
  hibernate: false,
  enableAutopilot: false,
};
const observed = (over: Partial<Cluster['spec']> = {}, phase = 'Available'): Cluster => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name: 'c', uid: 'id-1' },
  spec: { ...(spec as unknown as Cluster['spec']), version: 'v1.28.15-r0', ...over },
  status: { phase },
});

describe('resources/cluster: version arithmetic', () => {
  it('compares minors only and explains downgrades', () => {
    expect(compareMinor('v1.28.15-r0', 'v1.28')).to.equal(0);
    expect(compareMinor('v1.29', 'v1.28')).to.be.greaterThan(0);
    expect(downgradeMessage('v1.29.1', 'v1.28')).to.match(/cannot downgrade/);
    expect(downgradeMessage('v1.28', 'v1.29')).to.equal(undefined);
  });
});

describe('resources/cluster: the upgrade path, planned from the cloud before any call', () => {
  // The standard cloud as the simulator models it, and one with a skipped minor (v1.23 → v1.25) and patch targets.
  const paths = [
    { version: 'v1.27', platformVersion: 'cce.6.0', targetVersions: ['v1.27.16-r0', 'v1.28.15-r0'] },
    { version: 'v1.28', platformVersion: 'cce.5.0', targetVersions: ['v1.29.10-r0'] },
    { version: 'v1.29', platformVersion: 'cce.4.0', targetVersions: [] },
    { version: 'v1.23', platformVersion: 'cce.10.0', targetVersions: ['v1.23.17-r1', 'v1.25.16-r0'] },
    { version: 'v1.25', platformVersion: 'cce.8.0', targetVersions: ['v1.27.16-r0'] },
  ];
  const cases = {
    'one step the cluster itself offers: no need for the paths': {
      current: 'v1.28.15-r0',
      desired: 'v1.29',
      own: ['v1.29.10-r0'],
      paths: [],
      want: { path: ['v1.29.10-r0'] },
    },
    'two minors: the first step from the cluster, the next from the paths': {
      current: 'v1.27.16-r0',
      desired: 'v1.29',
      own: ['v1.28.15-r0'],
      paths,
      want: { path: ['v1.28.15-r0', 'v1.29.10-r0'] },
    },
    'a skipped minor and patch-only targets': {
      current: 'v1.23.17-r0',
      desired: 'v1.28',
      own: ['v1.23.17-r1', 'v1.25.16-r0'],
      paths,
      want: { path: ['v1.25.16-r0', 'v1.27.16-r0', 'v1.28.15-r0'] },
    },
    'fewest steps when the cloud offers a jump': {
      current: 'v1.27.16-r0',
      desired: 'v1.29',
      own: ['v1.28.15-r0', 'v1.29.10-r0'],
      paths,
      want: { path: ['v1.29.10-r0'] },
    },
    'unreachable: the versions offered from the current one are named': {
      current: 'v1.28.15-r0',
      desired: 'v1.30',
      own: ['v1.29.10-r0'],
      paths,
      want: { offered: ['v1.29.10-r0'] },
    },
    'nothing offered at all': { current: 'v1.29.10-r0', desired: 'v1.30', own: [], paths, want: { offered: [] } },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(planUpgradePath(c.current, c.desired, c.own, c.paths)).to.deep.equal(c.want));
  }
});

describe('resources/cluster: upgrade policy in the upgrade-family bodies', () => {
  const policy = {
    userDefinedStep: 5,
    nodePoolOrder: { 'pool-a': 2, DefaultPool: 1 },
    addons: [{ addonTemplateName: 'coredns', version: '1.30.1' }],
    skippedCheckItemList: [{ name: 'NodeKernel', resourceSelector: { key: 'node.uid' as const, operator: 'In' as const, values: ['n1'] } }],
  };
  const cr: CceCluster = { metadata: { name: 'c' }, spec: { ...spec, upgradePolicy: policy } };
  it('the step size, pool order, and the add-on versions on the last step only', () => {
    expect(upgradeAction(cr, 'v1.29', true)).to.deep.equal({
      targetVersion: 'v1.29',
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 5 } },
      nodePoolOrder: { 'pool-a': 2, DefaultPool: 1 },
      addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.30.1' }],
    });
    expect(upgradeAction(cr, 'v1.28', false).addons).to.equal(undefined);
  });
  it('no policy: the recommended step of 20, nothing else', () => {
    expect(upgradeAction({ metadata: {}, spec }, 'v1.29', true)).to.deep.equal({
      targetVersion: 'v1.29',
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    });
  });
  it('skipped check items go to the pre-check as given', () => {
    expect(preCheckSpec(cr, 'id-1', 'v1.28.15-r0', 'v1.29')).to.deep.equal({
      clusterID: 'id-1',
      clusterVersion: 'v1.28.15-r0',
      targetVersion: 'v1.29',
      skippedCheckItemList: policy.skippedCheckItemList,
    });
  });
  it('failed pre-check items by the names the cloud returns (passed ones left out)', () => {
    const task = {
      metadata: {},
      status: {
        phase: 'Failed',
        clusterCheckStatus: { itemsStatus: [{ name: 'ClusterResourceCheck', phase: 'Success' }] },
        addonCheckStatus: { itemsStatus: [{ name: 'AddonLimit', kind: 'Exception', phase: 'Failed', message: 'coredns too old' }] },
      },
    };
    expect(failedCheckItems(task)).to.deep.equal([{ name: 'AddonLimit', kind: 'Exception', phase: 'Failed', message: 'coredns too old' }]);
  });
});

describe('resources/cluster: the public endpoint and the kubeconfig that uses it', () => {
  const internal = { url: 'https://192.168.0.11:5443', type: 'Internal' };
  const external = { url: 'https://121.36.1.2:5443', type: 'External' };
  const endpointCases = {
    'external by default when there is one': { endpoint: undefined, endpoints: [internal, external], want: external },
    'internal when asked for': { endpoint: 'Internal' as const, endpoints: [internal, external], want: internal },
    'internal while no EIP is bound': { endpoint: undefined, endpoints: [internal], want: internal },
    'external asked for, none yet: internal until one appears': { endpoint: 'External' as const, endpoints: [internal], want: internal },
    'no endpoint yet (creating)': { endpoint: undefined, endpoints: [], want: undefined },
  };
  for (const [reason, c] of Object.entries(endpointCases)) {
    it(reason, () => expect(chosenEndpoint({ name: 'kc', endpoint: c.endpoint }, c.endpoints)).to.deep.equal(c.want));
  }
  it("points the kubeconfig at the address: CCE's external context, else the current cluster's server", () => {
    const cce = {
      clusters: [
        { name: 'internalCluster', cluster: { server: internal.url } },
        { name: 'externalCluster', cluster: { server: external.url } },
      ],
      contexts: [
        { name: 'internal', context: { cluster: 'internalCluster' } },
        { name: 'external', context: { cluster: 'externalCluster' } },
      ],
      'current-context': 'internal',
    };
    expect((pointedAt(cce, external.url) as typeof cce)['current-context']).to.equal('external');
    const single = { clusters: [cce.clusters[0]], contexts: [cce.contexts[0]], 'current-context': 'internal' };
    expect((pointedAt(single, external.url) as typeof cce).clusters[0]?.cluster.server).to.equal(external.url);
    expect(single.clusters[0]?.cluster.server).to.equal(internal.url); // not changed in place
  });
  const eipCases = {
    'bind what the spec names': { spec: { id: 'eip-1' }, applied: undefined, want: { bind: 'eip-1' } },
    'already bound': { spec: { id: 'eip-1' }, applied: 'eip-1', want: undefined },
    'another EIP: unbind, then bind': { spec: { id: 'eip-2' }, applied: 'eip-1', want: { unbind: 'eip-1', bind: 'eip-2' } },
    'field removed: unbind what the operator bound': { spec: undefined, applied: 'eip-1', want: { unbind: 'eip-1' } },
    'never set: an EIP bound outside the operator is left alone': { spec: undefined, applied: undefined, want: undefined },
  };
  for (const [reason, c] of Object.entries(eipCases)) {
    it(reason, () =>
      expect(eipChange({ metadata: {}, spec: { ...spec, masterEIP: c.spec }, status: { appliedMasterEIP: c.applied } })).to.deep.equal(
        c.want,
      ),
    );
  }
});

describe('resources/cluster: field-table diff', () => {
  const cr = (over: Partial<CceClusterSpec> = {}, status: CceCluster['status'] = {}): CceCluster => ({
    metadata: { name: 'c' },
    spec: { ...spec, ...over },
    status,
  });
  const cases = {
    'nothing differs': { obj: cr(), obs: observed(), paths: [] as string[], families: [] as string[] },
    'description differs → update': { obj: cr({ description: 'new' }), obs: observed(), paths: ['spec.description'], families: ['update'] },
    'version ahead → upgrade first, then update': {
      obj: cr({ version: 'v1.29', description: 'x' }),
      obs: observed(),
      paths: ['spec.version', 'spec.description'],
      families: ['upgrade', 'update'],
    },
    'same minor is no upgrade': { obj: cr({ version: 'v1.28' }), obs: observed({ version: 'v1.28.15-r0' }), paths: [], families: [] },
    'hibernate requested': { obj: cr({ hibernate: true }), obs: observed(), paths: ['spec.hibernate'], families: ['hibernate'] },
    'hibernated but not wanted → awake': {
      obj: cr(),
      obs: observed({}, 'Hibernation'),
      paths: ['spec.hibernate'],
      families: ['hibernate'],
    },
    'tags added': {
      obj: cr({ clusterTags: [{ key: 'team', value: 'a' }] }),
      obs: observed(),
      paths: ['spec.clusterTags'],
      families: ['tags'],
    },
    'tags already applied (any order)': {
      obj: cr(
        {
          clusterTags: [
            { key: 'b', value: '2' },
            { key: 'a', value: '1' },
          ],
        },
        {
          appliedClusterTags: [
            { key: 'a', value: '1' },
            { key: 'b', value: '2' },
          ],
        },
      ),
      obs: observed(),
      paths: [],
      families: [],
    },
    'customSan absent from spec is not managed': { obj: cr(), obs: observed({ customSan: ['x.example'] }), paths: [], families: [] },
    'alias is compared on Autopilot only': { obj: cr({ metadata: { alias: 'nice' } }), obs: observed(), paths: [], families: [] },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => {
      const diffs = fieldDiffs(clusterFields, c.obj, c.obs);
      expect(diffs.map((d) => d.path)).to.deep.equal(c.paths);
      expect([...new Set(diffs.map((d) => d.via))]).to.deep.equal(c.families);
    });
  }
  it('starts the first family in the kind order only', () => {
    const diffs = fieldDiffs(clusterFields, cr({ version: 'v1.29', description: 'x', hibernate: true }), observed());
    expect(firstFamily(['upgrade', 'hibernate', 'tags', 'update'], diffs)?.family).to.equal('upgrade');
  });
  it('builds the update body from the differing fields only', () => {
    const diffs = fieldDiffs(clusterFields, cr({ description: 'new', customSan: ['a.example'] }), observed());
    expect(updateBody(diffs)).to.deep.equal({ spec: { description: 'new', customSan: ['a.example'] } });
  });
  it('says where the documents rule customSan out: standard (description only) and Autopilot (not supported yet)', () => {
    const row = clusterFields.find((f) => f.path === 'customSan');
    expect(row?.limitation?.(cr())).to.match(/only spec.description .* standard clusters \[003/);
    expect(row?.limitation?.(cr({ enableAutopilot: true }))).to.match(/Autopilot clusters do not support customSan yet \[004/);
  });
});

describe('resources/cluster: create request', () => {
  it('strips operator fields and uses the object name as the cloud name', () => {
    const cr: CceCluster = { metadata: { name: 'obj' }, spec: { ...spec, credentialsSecretRef: { name: 's' }, clusterID: 'x' } };
    const body = createRequest(cr);
    expect(body.metadata.name).to.equal('obj');
    expect(body.spec).to.not.have.any.keys(
      'region',
      'projectID',
      'credentialsSecretRef',
      'deletionPolicy',
      'hibernate',
      'clusterID',
      'enableAutopilot',
    );
    expect(body.spec).to.include({ flavor: 'cce.s1.small', type: 'VirtualMachine' });
  });
});

describe('resources: field rules and status report', () => {
  it('generates CEL rules naming each field', () => {
    const rules = celRules([
      { path: 'a.b', change: 'immutable', observed: true },
      { path: 'id', change: 'setOnce', observed: true },
      { path: 'c', change: 'update', observed: false },
    ]);
    expect(rules.map((r) => r.message)).to.deep.equal(['spec.a.b is immutable', 'spec.id cannot be changed or removed once set']);
    expect(rules[0]!.rule).to.contain('has(self.a) && has(self.a.b)');
    expect(unobservedFields([{ path: 'c', change: 'update', observed: false }])).to.deep.equal(['spec.c']);
  });

  it('stamps observedGeneration only on a verdict, and keeps transition times when status is unchanged', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const t1 = new Date('2026-01-01T00:05:00Z');
    const ready = applyOutcome<CommonStatus>({}, { phase: 'Available' }, { state: 'ready', reason: 'Available', message: 'ok' }, 3, [], t0);
    expect(ready.observedGeneration).to.equal(3);
    const again = applyOutcome(ready, {}, { state: 'ready', reason: 'Available', message: 'ok' }, 3, [], t1);
    expect(again.conditions).to.deep.equal(ready.conditions);
    const failed = applyOutcome(ready, { jobID: undefined }, { state: 'error', reason: 'CloudError', message: 'boom' }, 4, [], t1);
    expect(failed.observedGeneration).to.equal(3);
    const conds = failed.conditions as { type: string; status: string; lastTransitionTime: string }[];
    expect(conds.find((c) => c.type === 'Synced')).to.include({ status: 'False', lastTransitionTime: '2026-01-01T00:05:00Z' });
  });
});
