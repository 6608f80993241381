import { expect } from 'chai';
import type { Cluster, NodePool } from '../../../operator/cloud/index.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { managedClusterGate, poolsOfCluster, poolTarget, unmanagedClusterGate } from '../../../operator/resources/nodepool/cluster-ref.js';
import { appliedHash, canonicalJson, createRequest } from '../../../operator/resources/nodepool/desired.js';
import { poolCounts, poolUpdate } from '../../../operator/resources/nodepool/diff.js';
import { nextStatus, displayState } from '../../../operator/resources/nodepool/report.js';
import type { CceNodePool, CceNodePoolSpec } from '../../../operator/resources/nodepool/types.js';

const spec: CceNodePoolSpec = {
  clusterRef: { name: 'main' },
  type: 'vm',
  initialNodeCount: 2,
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
  nodeTemplate: {
    flavor: 's6.large.2',
    az: 'az1',
    login: { sshKey: 'k' },
    rootVolume: { size: 40, volumetype: 'SSD' },
    dataVolumes: [{ size: 100, volumetype: 'SSD' }],
    k8sTags: { team: 'a' },
  },
};
const cr = (over: Partial<CceNodePoolSpec> = {}, status: CceNodePool['status'] = {}): CceNodePool => ({
  apiVersion: 'cce.operator.dev/v1alpha1',
  kind: 'CceNodePool',
  metadata: { name: 'pool', namespace: 'ns', generation: 3 },
  spec: { ...spec, ...over },
  status,
});
const observed = (over: Partial<NodePool['spec']> = {}, status: NodePool['status'] = { phase: '', currentNode: 2 }): NodePool => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool', uid: 'np-1' },
  spec: {
    type: 'vm',
    initialNodeCount: 2,
    nodeTemplate: { flavor: 's6.large.2', az: 'az1', k8sTags: { team: 'a', 'cce.cloud.com/cce-nodepool': 'pool' } },
    autoscaling: { enable: false },
    ...over,
  },
  status,
});
const hash = (o: Partial<CceNodePoolSpec> = {}) => appliedHash({ ...spec, ...o });

describe('resources/nodepool: desired state', () => {
  it('create body: operator fields stripped, cloud name from spec.metadata.name or the object', () => {
    const body = createRequest(cr({ version: 'v1.28', projectID: 'p', metadata: { name: 'cloud-name' } }));
    expect(body.metadata).to.deep.equal({ name: 'cloud-name' });
    expect(body.spec).to.not.have.any.keys('clusterRef', 'version', 'projectID', 'deletionPolicy', 'managementPolicy', 'metadata');
    expect(body.spec).to.include({ initialNodeCount: 2, type: 'vm' });
    expect(createRequest(cr()).metadata.name).to.equal('pool');
  });

  it('the applied hash ignores key order, and ignores the count while autoscaling owns it', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 1 }] })).to.equal('{"a":[{"c":1,"d":2}],"b":1}');
    expect(hash({ initialNodeCount: 3 })).to.not.equal(hash());
    const auto = { autoscaling: { enable: true, maxNodeCount: 5 } };
    expect(hash({ ...auto, initialNodeCount: 3 })).to.equal(hash({ ...auto, initialNodeCount: 7 }));
  });
});

describe('resources/nodepool: diff', () => {
  const cases = {
    'matches: nothing to do': { spec: {}, observed: observed(), applied: hash(), want: undefined },
    'the system label (CCE adds it) is not a difference': {
      spec: { nodeTemplate: { ...spec.nodeTemplate, k8sTags: { team: 'a', 'cce.cloud.com/cce-nodepool': 'x' } } }, observed: observed(), applied: hash({ nodeTemplate: { ...spec.nodeTemplate, k8sTags: { team: 'a', 'cce.cloud.com/cce-nodepool': 'x' } } }), want: undefined,
    },
    'label change seen in the cloud': { spec: { nodeTemplate: { ...spec.nodeTemplate, k8sTags: { team: 'b' } } }, observed: observed(), applied: hash(), want: ['spec.nodeTemplate.k8sTags'] },
    'count change (the cloud echoes the count)': { spec: { initialNodeCount: 3 }, observed: observed(), applied: hash(), want: ['spec.initialNodeCount'] },
    'count drift with no count echoed, settled': {
      spec: {}, observed: observed({ initialNodeCount: undefined as unknown as number }, { phase: '', currentNode: 1 }), applied: hash(), want: ['spec.initialNodeCount'],
    },
    'autoscaler-owned count drift is left alone': {
      spec: { autoscaling: { enable: true, maxNodeCount: 5 } },
      observed: observed({ initialNodeCount: 4, autoscaling: { enable: true } }, { phase: '', currentNode: 4 }),
      applied: hash({ autoscaling: { enable: true, maxNodeCount: 5 } }),
      want: undefined,
    },
    'autoscaling switched off in the cloud': { spec: { autoscaling: { enable: true } }, observed: observed(), applied: hash({ autoscaling: { enable: true } }), want: ['spec.autoscaling.enable'] },
    'taints changed (not read back): the applied hash differs': {
      spec: { nodeTemplate: { ...spec.nodeTemplate, taints: [{ key: 'k', effect: 'NoSchedule' as const }] } }, observed: observed(), applied: hash(), want: ['hash'],
    },
    'adopted (never applied): applied once': { spec: {}, observed: observed(), applied: undefined, want: ['hash'] },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => {
      const u = poolUpdate({ ...spec, ...c.spec }, c.observed, c.applied);
      const paths = u?.diffs.map((d) => (d.path.includes('not read back') ? 'hash' : d.path));
      expect(paths).to.deep.equal(c.want);
    });
  }

  it('ObserveOnly never reports the hash (nothing was applied), only what the cloud shows', () => {
    expect(poolUpdate(spec, observed(), undefined, true)).to.equal(undefined);
  });

  it('one body carries count, autoscaling, labels (system label dropped) and taints', () => {
    const s = { ...spec, initialNodeCount: 3, nodeTemplate: { ...spec.nodeTemplate, taints: [{ key: 'k', value: 'v', effect: 'NoExecute' as const }] } };
    const u = poolUpdate(s, observed(), hash());
    expect(u?.scaling).to.equal(true);
    expect(u?.body).to.deep.equal({
      spec: { initialNodeCount: 3, autoscaling: { enable: false }, nodeTemplate: { k8sTags: { team: 'a' }, taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] } },
    });
  });

  it('with autoscaling on, the body keeps the autoscaler\'s count', () => {
    const s = { ...spec, initialNodeCount: 1, autoscaling: { enable: true, maxNodeCount: 9 } };
    const u = poolUpdate(s, observed({ initialNodeCount: 4 }), hash());
    expect(u?.body.spec.initialNodeCount).to.equal(4);
    expect(u?.scaling).to.equal(false);
  });

  it('counts: desired is the spec\'s, or the autoscaler\'s when it owns the pool', () => {
    expect(poolCounts(spec, observed({}, { phase: 'Synchronizing', currentNode: 1 }))).to.deep.equal({ current: 1, desired: 2, settled: false });
    expect(poolCounts(spec, observed({}, { phase: 'Synchronized', currentNode: 2 })).settled, 'Synchronized is in sync').to.equal(true);
    expect(poolCounts({ ...spec, autoscaling: { enable: true } }, observed({ initialNodeCount: 5 }, { phase: '', currentNode: 5 }))).to.deep.equal({ current: 5, desired: 5, settled: true });
  });
});

describe('resources/nodepool: cluster gate', () => {
  const cluster = (over: { spec?: Partial<CceCluster['spec']>; status?: CceCluster['status']; generation?: number } = {}): CceCluster => ({
    metadata: { name: 'main', namespace: 'ns', generation: over.generation ?? 1 },
    spec: { region: 'r', projectID: 'p', flavor: 'cce.s1.small', version: 'v1.28', hostNetwork: { vpc: 'v' }, containerNetwork: { mode: 'overlay_l2' }, ...over.spec } as CceCluster['spec'],
    status: over.status ?? {
      clusterID: 'c-1',
      currentVersion: 'v1.28.15-r0',
      conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: '', observedGeneration: 1, lastTransitionTime: '2024-01-01T00:00:00Z' }],
    },
  });
  const upgrading = { clusterID: 'c-1', currentVersion: 'v1.28.15-r0', upgrade: { step: 'Upgrade' as const, targetVersion: 'v1.29' }, conditions: [] };
  const cases = {
    'missing CceCluster: wait': { pool: cr(), cluster: undefined, want: 'WaitingForCluster' },
    'Autopilot: unsupported': { pool: cr(), cluster: cluster({ spec: { enableAutopilot: true } }), want: 'UnsupportedOnAutopilot' },
    'Ready for an older generation: wait': { pool: cr(), cluster: cluster({ generation: 2 }), want: 'WaitingForCluster' },
    'Ready: go': { pool: cr(), cluster: cluster(), want: 'ready' },
    'upgrading and the pool wants the new version: wait for the upgrade': { pool: cr({ version: 'v1.29' }), cluster: cluster({ spec: { version: 'v1.29' }, status: upgrading }), want: 'WaitingForClusterUpgrade' },
    'spec.version ahead of current counts as upgrading': {
      pool: cr({ version: 'v1.29' }), cluster: cluster({ spec: { version: 'v1.29' }, generation: 2 }), want: 'WaitingForClusterUpgrade',
    },
    'upgrading but the pool asks nothing new: wait for the cluster': { pool: cr({ version: 'v1.28' }), cluster: cluster({ spec: { version: 'v1.29' }, status: upgrading }), want: 'WaitingForCluster' },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => {
      const g = managedClusterGate(c.pool, c.cluster);
      expect(g.state === 'ready' ? 'ready' : g.reason).to.equal(c.want);
    });
  }

  it('a pool version ahead of a cluster that is not upgrading is reported, not refused', () => {
    const g = managedClusterGate(cr({ version: 'v1.29' }), cluster());
    expect(g).to.deep.include({ state: 'ready', versionAhead: 'v1.29' });
  });

  it('unmanaged clusters: Available goes, Upgrading waits, Autopilot is refused', () => {
    const c = (phase: string, flavor = 'cce.s1.small') => ({ metadata: { uid: 'c-9' }, spec: { flavor, version: 'v1.28' }, status: { phase } }) as unknown as Cluster;
    const pool = cr({ clusterRef: undefined, clusterID: 'c-9', version: 'v1.29' });
    expect(unmanagedClusterGate(pool, c('Available'))).to.deep.include({ state: 'ready', clusterID: 'c-9' });
    expect(unmanagedClusterGate(pool, c('Upgrading'))).to.deep.include({ reason: 'WaitingForClusterUpgrade' });
    expect(unmanagedClusterGate(pool, c('Available', 'cce.autopilot.cluster'))).to.deep.include({ state: 'unsupported' });
  });

  it('target: the pool\'s own fields win, the cluster\'s are the defaults', () => {
    expect(poolTarget(cr(), cluster())).to.deep.equal({ region: 'r', endpoint: undefined, projectID: 'p', credentialsSecretRef: undefined });
    expect(poolTarget(cr({ projectID: 'mine' }), cluster())?.projectID).to.equal('mine');
    expect(poolTarget(cr(), undefined)).to.equal(undefined);
  });

  it('the watch maps a cluster to the pools that reference it', () => {
    const other = { ...cr({ clusterRef: { name: 'other' } }), metadata: { name: 'x', namespace: 'ns' } };
    const byId = { ...cr({ clusterRef: undefined, clusterID: 'c-1' }), metadata: { name: 'y', namespace: 'ns' } };
    expect(poolsOfCluster(cluster(), [cr(), other, byId])).to.deep.equal(['ns/pool', 'ns/y']);
  });
});

describe('resources/nodepool: status', () => {
  it('shows the empty phase as Normal and the node counts as current/desired', () => {
    const s = nextStatus(cr(), undefined, { observed: observed({}, { phase: '', currentNode: 1 }), outcome: { state: 'progressing', reason: 'Synchronizing', message: '1/2' } }, new Date(0));
    expect(s).to.deep.include({ phase: '', state: 'Normal', nodePoolID: 'np-1', currentNode: 1, desiredNode: 2, nodes: '1/2', observedGeneration: 3 });
    expect(s.unobservedFields).to.include('spec.nodeTemplate.taints');
    expect(displayState('Synchronizing')).to.equal('Synchronizing');
  });
});
