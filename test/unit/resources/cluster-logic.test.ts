import { expect } from 'chai';
import type { Cluster } from '../../../operator/cloud/index.js';
import { clusterDiffs } from '../../../operator/resources/cluster/diff.js';
import { createRequest } from '../../../operator/resources/cluster/desired.js';
import type { CceCluster, CceClusterSpec } from '../../../operator/resources/cluster/types.js';
import { compareMinor, downgradeMessage, nextUpgradeStep } from '../../../operator/resources/cluster/version.js';
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
  const cases = {
    'next offered target within reach': { current: 'v1.23.17-r0', desired: 'v1.29', targets: ['v1.25.16-r0'], want: 'v1.25.16-r0' },
    'lowest of several targets': { current: 'v1.27', desired: 'v1.29', targets: ['v1.29.1', 'v1.28.15-r0'], want: 'v1.28.15-r0' },
    'no target beyond desired': { current: 'v1.27', desired: 'v1.27.9', targets: ['v1.28'], want: undefined },
    'target past desired is not used': { current: 'v1.27', desired: 'v1.28', targets: ['v1.29'], want: undefined },
    'same minor means no upgrade': { current: 'v1.28.15-r0', desired: 'v1.28', targets: ['v1.29'], want: undefined },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(nextUpgradeStep(c.current, c.desired, c.targets)).to.equal(c.want));
  }
  it('compares minors only and explains downgrades', () => {
    expect(compareMinor('v1.28.15-r0', 'v1.28')).to.equal(0);
    expect(compareMinor('v1.29', 'v1.28')).to.be.greaterThan(0);
    expect(downgradeMessage('v1.29.1', 'v1.28')).to.match(/cannot downgrade/);
    expect(downgradeMessage('v1.28', 'v1.29')).to.equal(undefined);
  });
});

describe('resources/cluster: diff', () => {
  const cases = {
    'nothing differs': { spec, obs: observed(), kinds: [] as string[] },
    'description differs → update': { spec: { ...spec, description: 'new' }, obs: observed(), kinds: ['update'] },
    'version ahead → upgrade first, then update': { spec: { ...spec, version: 'v1.29', description: 'x' }, obs: observed(), kinds: ['upgrade', 'update'] },
    'hibernate requested': { spec: { ...spec, hibernate: true }, obs: observed(), kinds: ['hibernate'] },
    'hibernated but not wanted → awake': { spec, obs: observed({}, 'Hibernation'), kinds: ['awake'] },
    'tags added': { spec: { ...spec, clusterTags: [{ key: 'team', value: 'a' }] }, obs: observed(), kinds: ['tags'] },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(clusterDiffs(c.spec, c.obs, []).map((o) => o.kind)).to.deep.equal(c.kinds));
  }
  it('computes tag additions and removals against what was applied', () => {
    const [op] = clusterDiffs({ ...spec, clusterTags: [{ key: 'a', value: '2' }] }, observed(), [{ key: 'a', value: '1' }, { key: 'b', value: 'x' }]);
    expect(op).to.deep.include({ kind: 'tags', add: [{ key: 'a', value: '2' }], remove: ['b'] });
  });
});

describe('resources/cluster: create request', () => {
  it('strips operator fields and uses the object name as the cloud name', () => {
    const cr: CceCluster = { metadata: { name: 'obj' }, spec: { ...spec, credentialsSecretRef: { name: 's' }, clusterID: 'x' } };
    const body = createRequest(cr);
    expect(body.metadata.name).to.equal('obj');
    expect(body.spec).to.not.have.any.keys('region', 'projectID', 'credentialsSecretRef', 'deletionPolicy', 'hibernate', 'clusterID', 'enableAutopilot');
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
