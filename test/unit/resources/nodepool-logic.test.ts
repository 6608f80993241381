import { expect } from 'chai';
import { CceApiError, type CceClient, type Cluster, type NodePool, type UpdateNodePoolRequest } from '../../../operator/cloud/index.js';
import type { KubeObject } from '../../../operator/runtime/kube-object.js';
import { Terminal, Transient } from '../../../operator/runtime/result.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { createHashes, fieldDiffs, type FieldDiff } from '../../../operator/resources/field-diff.js';
import { deletingGate, managedGate, poolGate, poolTarget, unmanagedGate } from '../../../operator/resources/nodepool/cluster-gate.js';
import { createRequest, updateRequest } from '../../../operator/resources/nodepool/desired.js';
import { nodePoolExternal } from '../../../operator/resources/nodepool/external.js';
import { nodePoolFields } from '../../../operator/resources/nodepool/fields.js';
import { loginOf } from '../../../operator/resources/nodepool/login.js';
import { clusterWatch, nodePoolKind } from '../../../operator/resources/nodepool/kind.js';
import { CLUSTER_INDEX } from '../../../operator/resources/cluster-ref.js';
import { NODE_POOL_ANNOTATION, nodeSummary } from '../../../operator/resources/nodepool/node-summary.js';
import { poolActivity, poolFacts, poolReadiness, poolReadyMessage } from '../../../operator/resources/nodepool/report.js';
import type { CceNodePool, CceNodePoolSpec, ObservedPool, PoolScope } from '../../../operator/resources/nodepool/types.js';

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
const template = spec.nodeTemplate;
const SYSTEM = 'cce.cloud.com/cce-nodepool';

/** A pool object; `applied` true records the hashes a create records (what was sent). */
const cr = (over: Partial<CceNodePoolSpec> = {}, status: CceNodePool['status'] = {}, applied = true): CceNodePool => {
  const o: CceNodePool = {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceNodePool',
    metadata: { name: 'pool', namespace: 'ns', generation: 3 },
    spec: { ...spec, ...over },
    status,
  };
  return applied ? { ...o, status: { ...status, appliedHashes: createHashes(nodePoolFields, o) } } : o;
};
const pool = (over: Partial<NodePool['spec']> = {}, status: NodePool['status'] = { phase: '', currentNode: 2 }): ObservedPool => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool', uid: 'np-1' },
  spec: {
    type: 'vm',
    initialNodeCount: 2,
    nodeTemplate: { flavor: 's6.large.2', az: 'az1', k8sTags: { team: 'a', [SYSTEM]: 'pool' } },
    autoscaling: { enable: false },
    ...over,
  },
  status,
  inCluster: { id: 'c-1', version: 'v1.28.15-r0' },
});
/** The real API does not echo the count: only status.currentNode. */
const noCount = (status: NodePool['status']) => {
  const p = pool({}, status);
  delete (p.spec as Partial<NodePool['spec']>).initialNodeCount;
  return p;
};
const paths = (diffs: FieldDiff[]) => diffs.map((d) => `${d.path}${d.byHash ? ' (hash)' : ''}`);

describe('resources/nodepool: field rows through fieldDiffs', () => {
  const autoscaled = { autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 5 } };
  const taints = { nodeTemplate: { ...template, taints: [{ key: 'k', effect: 'NoSchedule' as const }] } };
  const cases = {
    'matches: nothing to do': { reason: 'a created pool equal to its spec', obj: cr(), cloud: pool(), observeOnly: false, want: [] },
    'the system label is no difference': {
      reason: 'CCE adds cce.cloud.com/cce-nodepool; it is stripped on both sides',
      obj: cr({ nodeTemplate: { ...template, k8sTags: { team: 'a', [SYSTEM]: 'other' } } }),
      cloud: pool(),
      observeOnly: false,
      want: [],
    },
    'a label change is seen in the cloud': {
      reason: 'k8sTags are returned by the API',
      obj: cr({ nodeTemplate: { ...template, k8sTags: { team: 'b' } } }),
      cloud: pool(),
      observeOnly: false,
      want: ['spec.nodeTemplate.k8sTags'],
    },
    'a count change against the echoed count': {
      reason: 'spec 3, cloud 2',
      obj: cr({ initialNodeCount: 3 }),
      cloud: pool(),
      observeOnly: false,
      want: ['spec.initialNodeCount'],
    },
    'count drift without an echoed count, settled': {
      reason: 'status.currentNode is the count while the pool is settled',
      obj: cr(),
      cloud: noCount({ phase: '', currentNode: 1 }),
      observeOnly: false,
      want: ['spec.initialNodeCount'],
    },
    'Synchronized counts as settled': {
      reason: 'seen after an update',
      obj: cr(),
      cloud: noCount({ phase: 'Synchronized', currentNode: 1 }),
      observeOnly: false,
      want: ['spec.initialNodeCount'],
    },
    'no count verdict while nodes join': {
      reason: 'Synchronizing: the actual count is UNKNOWN',
      obj: cr(),
      cloud: noCount({ phase: 'Synchronizing', currentNode: 1 }),
      observeOnly: false,
      want: [],
    },
    'the autoscaler owns the count': {
      reason: 'autoscaling on: the count row has no desired value',
      obj: cr({ ...autoscaled, initialNodeCount: 1 }),
      cloud: pool({ initialNodeCount: 4, autoscaling: { enable: true } }, { phase: '', currentNode: 4 }),
      observeOnly: false,
      want: [],
    },
    'taints changed: compared by hash': {
      reason: 'the API never returns taints; the applied hash differs',
      obj: { ...cr(taints), status: cr().status },
      cloud: pool(),
      observeOnly: false,
      want: ['spec.nodeTemplate.taints (hash)'],
    },
    'autoscaling changed: compared by hash': {
      reason: 'the API echoes autoscaling only in part',
      obj: { ...cr(autoscaled), status: cr().status },
      cloud: pool(),
      observeOnly: false,
      want: ['spec.autoscaling (hash)'],
    },
    'adopted (nothing applied yet): the hash rows are applied once': {
      reason: 'no status.appliedHashes',
      obj: cr({}, {}, false),
      cloud: pool(),
      observeOnly: false,
      want: ['spec.nodeTemplate.taints (hash)', 'spec.autoscaling (hash)'],
    },
    'ObserveOnly compares only what the cloud shows': {
      reason: 'nothing was ever applied by this object',
      obj: cr({ initialNodeCount: 3 }, {}, false),
      cloud: pool(),
      observeOnly: true,
      want: ['spec.initialNodeCount'],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      expect(paths(fieldDiffs(nodePoolFields, c.obj, c.cloud, c.observeOnly)), c.reason).to.deep.equal(c.want);
    });
  }

  it('every change goes through the one update family', () => {
    const obj = {
      ...cr({ initialNodeCount: 3, nodeTemplate: { ...template, k8sTags: { x: 'y' }, taints: [] }, ...autoscaled }),
      status: {},
    };
    expect([...new Set(fieldDiffs(nodePoolFields, obj, noCount({ phase: '', currentNode: 1 })).map((d) => d.via))]).to.deep.equal([
      'update',
    ]);
    expect(nodePoolKind.families).to.deep.equal(['update']);
  });
});

describe('resources/nodepool: request bodies', () => {
  it('create: operator fields stripped, the cloud name from spec.metadata.name or the object', () => {
    const body = createRequest(cr({ version: 'v1.28', projectID: 'p', metadata: { name: 'cloud-name' } }), { sshKey: 'k' });
    expect({ kind: body.kind, apiVersion: body.apiVersion, metadata: body.metadata, keys: Object.keys(body.spec).sort() }).to.deep.equal({
      kind: 'NodePool',
      apiVersion: 'v3',
      metadata: { name: 'cloud-name' },
      keys: ['initialNodeCount', 'nodeTemplate', 'type'],
    });
    expect(createRequest(cr(), { sshKey: 'k' }).metadata.name).to.equal('pool');
  });

  // Hole: a node pool's login password sat in its spec in clear text. It comes from a Secret now, read at create.
  const withPassword = (userPassword: NonNullable<CceNodePoolSpec['nodeTemplate']['login']['userPassword']>) =>
    cr({ nodeTemplate: { ...template, login: { userPassword } } });
  const secretsWith = (data: Record<string, Record<string, string>>, reads: string[] = []) => ({
    read: async (ns: string, name: string) => {
      reads.push(`${ns}/${name}`);
      return data[`${ns}/${name}`];
    },
  });

  it('create: the login password comes from the Secret passwordSecretRef names, never from the spec', async () => {
    const reads: string[] = [];
    const secrets = secretsWith({ 'ns/pool-login': { pw: 'JDYkc2FsdA==' } }, reads);
    const obj = withPassword({ username: 'root', passwordSecretRef: { name: 'pool-login', key: 'pw' } });
    const body = createRequest(obj, await loginOf(obj, secrets));
    expect(body.spec.nodeTemplate.login).to.deep.equal({ userPassword: { username: 'root', password: 'JDYkc2FsdA==' } });
    expect(JSON.stringify(body)).to.not.contain('passwordSecretRef');
    expect(reads).to.deep.equal(['ns/pool-login']);
    const ssh = cr();
    expect(createRequest(ssh, await loginOf(ssh, secrets)).spec.nodeTemplate.login, 'sshKey still works').to.deep.equal({ sshKey: 'k' });
  });

  it('create: an inline password is refused (InvalidSpec); a missing Secret or key waits (WaitingForLoginSecret)', async () => {
    const inline = await loginOf(withPassword({ username: 'root', password: 'clear-text' }), secretsWith({})).catch((e: unknown) => e);
    expect(inline).to.be.instanceOf(Terminal).and.include({ reason: 'InvalidSpec' });
    expect((inline as Error).message)
      .to.contain('passwordSecretRef')
      .and.not.contain('clear-text');
    const missing = await loginOf(withPassword({ passwordSecretRef: { name: 'nope' } }), secretsWith({})).catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(Transient).and.include({ reason: 'WaitingForLoginSecret' });
    expect((missing as Error).message)
      .to.contain('Secret ns/nope')
      .and.contain('does not exist');
    const noKey = await loginOf(withPassword({ passwordSecretRef: { name: 's' } }), secretsWith({ 'ns/s': { other: 'x' } })).catch(
      (e: unknown) => e,
    );
    expect((noKey as Error).message).to.contain('has no key password');
  });

  const cases = {
    'the full body, with kind, apiVersion and metadata.name': {
      reason: 'the API documents them as required in the update body; labels without the system label',
      obj: cr({ initialNodeCount: 3, nodeTemplate: { ...template, taints: [{ key: 'k', value: 'v', effect: 'NoExecute' as const }] } }),
      cloud: pool(),
      want: {
        kind: 'NodePool',
        apiVersion: 'v3',
        metadata: { name: 'pool' },
        spec: {
          initialNodeCount: 3,
          autoscaling: { enable: false },
          nodeTemplate: { k8sTags: { team: 'a' }, taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] },
        },
      },
    },
    'the autoscaler keeps its count': {
      reason: 'autoscaling on: the cloud count is sent back unchanged',
      obj: cr({ initialNodeCount: 1, autoscaling: { enable: true, maxNodeCount: 9 } }),
      cloud: pool({ initialNodeCount: 4 }),
      want: {
        kind: 'NodePool',
        apiVersion: 'v3',
        metadata: { name: 'pool' },
        spec: { initialNodeCount: 4, autoscaling: { enable: true, maxNodeCount: 9 }, nodeTemplate: { k8sTags: { team: 'a' }, taints: [] } },
      },
    },
    'the cloud pool name, labels kept when the spec sets none': {
      reason: 'an adopted pool (spec.nodePoolID) may have another name',
      obj: cr({ nodeTemplate: { ...template, k8sTags: undefined } }),
      cloud: {
        ...pool({ nodeTemplate: { flavor: 'f', az: 'a', k8sTags: { old: 'x', [SYSTEM]: 'legacy' } } }),
        metadata: { name: 'legacy', uid: 'np-1' },
      },
      want: {
        kind: 'NodePool',
        apiVersion: 'v3',
        metadata: { name: 'legacy' },
        spec: { initialNodeCount: 2, autoscaling: { enable: false }, nodeTemplate: { k8sTags: { old: 'x' }, taints: [] } },
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`update: ${name}`, () => {
      expect(updateRequest(c.obj, c.cloud), c.reason).to.deep.equal(c.want);
    });
  }
});

describe('resources/nodepool: external', () => {
  const scope: PoolScope = { clusterID: 'c-1', currentVersion: 'v1.28.15-r0', versionAhead: undefined };
  const notFound = new CceApiError({ httpStatus: 404, code: 'CCE.01404001', message: 'not found', operation: 'ShowNodePool' });
  const fake = (puts: { cluster: string; id: string; body: UpdateNodePoolRequest }[]) =>
    ({
      nodePools: {
        get: async () => Promise.reject(notFound),
        observeShared: async () => undefined,
        list: async () => Promise.reject(notFound),
        findByName: async () => Promise.reject(notFound),
        update: async (cluster: string, id: string, body: UpdateNodePoolRequest) => {
          puts.push({ cluster, id, body });
          return { body: pool({ initialNodeCount: body.spec.initialNodeCount ?? 2 }), jobId: undefined, requestId: 'req-1' };
        },
      },
    }) as unknown as CceClient;

  it('observe and find: a 404 is "not there" (a gone cluster holds no pool)', async () => {
    const ext = nodePoolExternal(fake([]), scope, { read: async () => undefined });
    expect([await ext.observe('np-1'), await ext.find(cr())]).to.deep.equal([undefined, undefined]);
  });

  const cases = {
    'a count change is Scaling': {
      reason: 'the PUT changes the count 2 → 3',
      obj: cr({ initialNodeCount: 3 }),
      want: { reason: 'Scaling', message: 'scaling to 3 nodes; updated spec.initialNodeCount', count: 3 },
    },
    'labels only is Updating': {
      reason: 'the count stays 2',
      obj: cr({ nodeTemplate: { ...template, k8sTags: { team: 'b' } } }),
      want: { reason: 'Updating', message: 'updated spec.nodeTemplate.k8sTags', count: 2 },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`update: ${name}, in ONE PUT of the full body`, async () => {
      const puts: { cluster: string; id: string; body: UpdateNodePoolRequest }[] = [];
      const diffs = fieldDiffs(nodePoolFields, c.obj, pool());
      const applied = await nodePoolExternal(fake(puts), scope, { read: async () => undefined }).update(c.obj, pool(), 'update', diffs);
      const got = { reason: applied.reason, message: applied.message, count: puts[0]?.body.spec.initialNodeCount };
      expect(got, c.reason).to.deep.equal(c.want);
      expect(puts.map((p) => [p.cluster, p.id, p.body.kind, p.body.apiVersion, p.body.metadata?.name])).to.deep.equal([
        ['c-1', 'np-1', 'NodePool', 'v3', 'pool'],
      ]);
      expect(applied.observed?.inCluster, 'the answer is seen in its cluster').to.deep.equal({ id: 'c-1', version: 'v1.28.15-r0' });
    });
  }
});

describe('resources/nodepool: cluster gate', () => {
  const ready = (generation = 1) => [
    {
      type: 'Ready',
      status: 'True' as const,
      reason: 'Available',
      message: '',
      observedGeneration: generation,
      lastTransitionTime: '2024-01-01T00:00:00Z',
    },
  ];
  const cluster = (over: { spec?: Partial<CceCluster['spec']>; status?: CceCluster['status']; generation?: number } = {}): CceCluster => ({
    metadata: { name: 'main', namespace: 'ns', generation: over.generation ?? 1 },
    spec: {
      region: 'r',
      projectID: 'p',
      flavor: 'cce.s1.small',
      version: 'v1.28',
      hostNetwork: { vpc: 'v' },
      containerNetwork: { mode: 'overlay_l2' },
      ...over.spec,
    } as CceCluster['spec'],
    status: over.status ?? { clusterID: 'c-1', currentVersion: 'v1.28.15-r0', conditions: ready() },
  });
  const stalled = {
    clusterID: 'c-1',
    currentVersion: 'v1.28.15-r0',
    conditions: [
      { ...ready()[0]!, status: 'False' as const, reason: 'NotConverged', message: 'no such version' },
      { ...ready()[0]!, type: 'Synced', status: 'False' as const, reason: 'NotConverged', message: 'no such version' },
    ],
  };
  const upgrading = {
    clusterID: 'c-1',
    currentVersion: 'v1.28.15-r0',
    upgrade: { step: 'Upgrade' as const, targetVersion: 'v1.29' },
    conditions: [],
  };
  const scope = (versionAhead?: PoolScope['versionAhead']): PoolScope => ({
    clusterID: 'c-1',
    currentVersion: 'v1.28.15-r0',
    versionAhead,
  });
  const waitUpgrade =
    'spec.version v1.29 waits for CceCluster main to finish upgrading from v1.28.15-r0 to v1.29 (nodes are upgraded with their cluster)';
  const cases = {
    'missing CceCluster: wait': {
      reason: 'no cluster id is known: nothing to observe',
      pool: cr(),
      cluster: undefined,
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'CceCluster main does not exist (yet) in namespace ns' },
    },
    'CceCluster without a cloud id yet: wait': {
      reason: 'the cluster is being created',
      pool: cr(),
      cluster: cluster({ status: { conditions: [] } }),
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'CceCluster main is not Ready yet' },
    },
    'Autopilot: unsupported': {
      reason: 'Autopilot has no node pools',
      pool: cr(),
      cluster: cluster({ spec: { enableAutopilot: true } }),
      want: {
        state: 'unsupported',
        reason: 'UnsupportedOnAutopilot',
        message:
          'CceCluster main is a CCE Autopilot cluster: Autopilot has no node pools (capacity is serverless); delete this CceNodePool',
      },
    },
    'Ready: go': { reason: 'Ready for its current generation', pool: cr(), cluster: cluster(), want: { state: 'go', scope: scope() } },
    'not Ready, id known: hold': {
      reason: 'the cluster gate holds back changes, not readiness',
      pool: cr(),
      cluster: cluster({ status: stalled }),
      want: {
        state: 'hold',
        scope: scope(),
        reason: 'WaitingForCluster',
        message: 'CceCluster main is not Ready (NotConverged: no such version)',
      },
    },
    'Ready for an older generation: hold': {
      reason: 'its Ready is stale',
      pool: cr(),
      cluster: cluster({ generation: 2 }),
      want: {
        state: 'hold',
        scope: scope(),
        reason: 'WaitingForCluster',
        message: 'CceCluster main is not Ready (its status is for an older generation)',
      },
    },
    'upgrading and the pool wants the new version: hold for the upgrade': {
      reason: 'never Stalled: the upgrade sequencing',
      pool: cr({ version: 'v1.29' }),
      cluster: cluster({ spec: { version: 'v1.29' }, status: upgrading }),
      want: {
        state: 'hold',
        scope: scope({ version: 'v1.29', message: waitUpgrade }),
        reason: 'WaitingForClusterUpgrade',
        message: waitUpgrade,
      },
    },
    'spec.version ahead of current counts as upgrading': {
      reason: 'the cluster object was just patched',
      pool: cr({ version: 'v1.29' }),
      cluster: cluster({ spec: { version: 'v1.29' }, generation: 2 }),
      want: {
        state: 'hold',
        scope: scope({ version: 'v1.29', message: waitUpgrade }),
        reason: 'WaitingForClusterUpgrade',
        message: waitUpgrade,
      },
    },
    'upgrading, the pool asks nothing new: hold for the cluster': {
      reason: 'the pool stays observed and Ready',
      pool: cr({ version: 'v1.28' }),
      cluster: cluster({ spec: { version: 'v1.29' }, status: upgrading }),
      want: { state: 'hold', scope: scope(), reason: 'WaitingForCluster', message: 'CceCluster main is not Ready yet' },
    },
    'a version ahead of a cluster that does not upgrade: go, reported by readiness': {
      reason: 'the user must raise the cluster version',
      pool: cr({ version: 'v1.29' }),
      cluster: cluster(),
      want: {
        state: 'go',
        scope: scope({
          version: 'v1.29',
          message:
            "spec.version v1.29 is ahead of the cluster's v1.28.15-r0: raise the cluster's version (node pools are upgraded with their cluster)",
        }),
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      expect(managedGate(c.pool, c.cluster), c.reason).to.deep.equal(c.want);
    });
  }

  it('hold keeps an unchanged pool Ready-able: no diff and no readiness step', () => {
    const g = managedGate(cr(), cluster({ status: stalled }));
    if (g.state !== 'hold') throw new Error(`expected hold, got ${g.state}`);
    const steps = { diffs: fieldDiffs(nodePoolFields, cr(), pool()), readiness: poolReadiness(cr(), pool(), g.scope) };
    expect(steps).to.deep.equal({ diffs: [], readiness: undefined });
  });

  const cloudCluster = (phase: string, flavor = 'cce.s1.small') =>
    ({ metadata: { uid: 'c-9' }, spec: { flavor, version: 'v1.28' }, status: { phase } }) as unknown as Cluster;
  const unmanaged = cr({ clusterRef: undefined, clusterID: 'c-9', region: 'r', projectID: 'p', version: 'v1.29' });
  const ahead = (message: string) => ({ clusterID: 'c-9', currentVersion: 'v1.28', versionAhead: { version: 'v1.29', message } });
  const aheadMessage =
    "spec.version v1.29 is ahead of the cluster's v1.28: raise the cluster's version (node pools are upgraded with their cluster)";
  const upgradeMessage = 'spec.version v1.29 waits for cluster c-9 to finish upgrading from v1.28 (nodes are upgraded with their cluster)';
  const unmanagedCases = {
    'Available: go': {
      reason: 'the cluster is usable',
      cluster: cloudCluster('Available'),
      want: { state: 'go', scope: ahead(aheadMessage) },
    },
    'Upgrading with the pool ahead: hold for the upgrade': {
      reason: 'never Stalled',
      cluster: cloudCluster('Upgrading'),
      want: { state: 'hold', scope: ahead(upgradeMessage), reason: 'WaitingForClusterUpgrade', message: upgradeMessage, requeueMs: 10000 },
    },
    'Creating: wait': {
      reason: 'no pool can exist yet',
      cluster: cloudCluster('Creating'),
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'cluster c-9 is Creating, not Available', requeueMs: 10000 },
    },
    'Unavailable: hold': {
      reason: 'the pool is still observed',
      cluster: cloudCluster('Unavailable'),
      want: {
        state: 'hold',
        scope: ahead(aheadMessage),
        reason: 'WaitingForCluster',
        message: 'cluster c-9 is Unavailable, not Available',
        requeueMs: 10000,
      },
    },
    'Autopilot: unsupported': {
      reason: 'flavor cce.autopilot.cluster',
      cluster: cloudCluster('Available', 'cce.autopilot.cluster'),
      want: {
        state: 'unsupported',
        reason: 'UnsupportedOnAutopilot',
        message: 'cluster c-9 is a CCE Autopilot cluster: Autopilot has no node pools (capacity is serverless); delete this CceNodePool',
      },
    },
  };
  for (const [name, c] of Object.entries(unmanagedCases)) {
    it(`unmanaged cluster: ${name}`, () => {
      expect(unmanagedGate(unmanaged, c.cluster), c.reason).to.deep.equal(c.want);
    });
  }

  it('unmanaged cluster missing in the cloud: Terminal NotFoundInCloud naming spec.clusterID', async () => {
    const cloud = {
      clusters: {
        get: async () => Promise.reject(new CceApiError({ httpStatus: 404, code: 'CCE.01404001', message: 'x', operation: 'ShowCluster' })),
      },
    } as unknown as CceClient;
    const ctx = { lookup: () => undefined };
    const err = await poolGate(unmanaged, ctx, cloud).then(
      () => undefined,
      (e: unknown) => e,
    );
    const got = err instanceof Terminal ? { reason: err.reason, message: err.message } : err;
    expect(got).to.deep.equal({
      reason: 'NotFoundInCloud',
      message: 'spec.clusterID c-9 does not exist in project p (a standard CCE cluster is required)',
    });
  });

  const deleting = (over: Partial<CceNodePoolSpec>, status: CceNodePool['status']) => {
    const o = cr(over, status, false);
    return { ...o, metadata: { ...o.metadata, deletionTimestamp: new Date('2026-01-01T00:00:00Z') } };
  };
  const go = (clusterID: string) => ({ state: 'go', scope: { clusterID, currentVersion: undefined, versionAhead: undefined } });
  const deletingCases = {
    'the recorded cluster id': {
      reason: 'status.clusterID first',
      pool: deleting({}, { clusterID: 'c-rec' }),
      cluster: cluster(),
      want: go('c-rec'),
    },
    'the spec cluster id': {
      reason: 'an unmanaged cluster',
      pool: deleting({ clusterRef: undefined, clusterID: 'c-9' }, {}),
      cluster: undefined,
      want: go('c-9'),
    },
    "the CceCluster's id": { reason: 'a create answer may have been lost', pool: deleting({}, {}), cluster: cluster(), want: go('c-1') },
    'no cluster id: release': {
      reason: 'nothing can have been created',
      pool: deleting({}, {}),
      cluster: undefined,
      want: { state: 'release', message: 'the cluster of node pool pool was never known: nothing can have been created', warning: false },
    },
  };
  for (const [name, c] of Object.entries(deletingCases)) {
    it(`deleting: ${name}`, () => {
      expect(deletingGate(c.pool, c.cluster), c.reason).to.deep.equal(c.want);
    });
  }

  const lookup = (found: CceCluster | undefined) => ({ lookup: <O extends KubeObject>() => found as O | undefined });
  const targetCases = {
    "the cluster's fields are the defaults": {
      reason: 'clusterRef',
      pool: cr(),
      cluster: cluster(),
      want: { target: { region: 'r', endpoint: undefined, projectID: 'p', autopilot: false, credentialsSecretRef: undefined } },
    },
    "the pool's own fields win": {
      reason: 'spec.projectID set',
      pool: cr({ projectID: 'mine' }),
      cluster: cluster(),
      want: { target: { region: 'r', endpoint: undefined, projectID: 'mine', autopilot: false, credentialsSecretRef: undefined } },
    },
    'no CceCluster and no project: wait': {
      reason: 'live object',
      pool: cr(),
      cluster: undefined,
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'CceCluster main does not exist (yet) in namespace ns' },
    },
    'deleting without a CceCluster: release, warning about a recorded pool': {
      reason: 'it cannot be reached',
      pool: deleting({}, { nodePoolID: 'np-1' }),
      cluster: undefined,
      want: { state: 'release', message: 'its CceCluster is gone: cannot reach the cluster, not deleting it', warning: true },
    },
    'deleting without a CceCluster, nothing recorded: a quiet release': {
      reason: 'nothing to warn about',
      pool: deleting({}, {}),
      cluster: undefined,
      want: { state: 'release', message: 'its CceCluster is gone: cannot reach the cluster, not deleting it', warning: false },
    },
  };
  for (const [name, c] of Object.entries(targetCases)) {
    it(`target: ${name}`, () => {
      expect(poolTarget(c.pool, lookup(c.cluster)), c.reason).to.deep.equal(c.want);
    });
  }

  it('the CceCluster watch wakes the pools that reference it, by name or by cloud id', () => {
    const other = { ...cr({ clusterRef: { name: 'other' } }), metadata: { name: 'x', namespace: 'ns' } };
    const byId = { ...cr({ clusterRef: undefined, clusterID: 'c-1' }), metadata: { name: 'y', namespace: 'ns' } };
    const own = { list: () => [cr(), other, byId], get: () => undefined };
    expect(clusterWatch.map(cluster(), own as never)).to.deep.equal(['ns/pool', 'ns/y']);
    // With the kind's cluster index (what the informer keeps), the same pools, and no scan of every pool.
    const index = nodePoolKind.indexes?.[CLUSTER_INDEX];
    const all = [cr(), other, byId, { ...cr({ clusterRef: { name: 'main' } }), metadata: { name: 'z', namespace: 'elsewhere' } }];
    const indexed = {
      list: () => expect.fail('an indexed cache is not scanned'),
      get: () => undefined,
      byIndex: (name: string, value: string) => (name === CLUSTER_INDEX ? all.filter((o) => index!(o).includes(value)) : undefined),
    };
    expect(clusterWatch.map(cluster(), indexed as never)).to.deep.equal(['ns/pool', 'ns/y']);
  });
});

describe('resources/nodepool: facts, activity, readiness', () => {
  it('facts: the empty phase shows as Normal, counts as current/desired, the cluster it was read in', () => {
    expect(poolFacts(pool({}, { phase: '', currentNode: 1 }), cr())).to.deep.equal({
      phase: '',
      state: 'Normal',
      nodePoolID: 'np-1',
      clusterID: 'c-1',
      currentVersion: 'v1.28.15-r0',
      currentNode: 1,
      desiredNode: 2,
      nodes: '1/2',
    });
  });

  it("facts: while autoscaling, desired is the autoscaler's count", () => {
    const f = poolFacts(pool({ initialNodeCount: 5 }, { phase: '', currentNode: 4 }), cr({ autoscaling: { enable: true } }));
    expect({ desiredNode: f.desiredNode, nodes: f.nodes }).to.deep.equal({ desiredNode: 5, nodes: '4/5' });
  });

  const activities = {
    '': { reason: 'the normal phase', want: { state: 'ready', message: 'node pool phase Normal' } },
    Synchronized: { reason: 'seen after an update: in sync', want: { state: 'ready', message: 'node pool phase Synchronized' } },
    Synchronizing: { reason: 'nodes join or leave', want: { state: 'busy', message: 'node pool phase Synchronizing' } },
    Deleting: { reason: 'deletion runs', want: { state: 'deleting', message: 'node pool is being deleted' } },
    Error: {
      reason: 'a spec change may fix it',
      want: { state: 'failed', message: 'node pool phase Error: adding nodes failed', operable: true },
    },
    SoldOut: {
      reason: 'another flavor may fix it',
      want: { state: 'failed', message: 'node pool phase SoldOut: the flavor is sold out', operable: true },
    },
  };
  for (const [phase, c] of Object.entries(activities)) {
    it(`activity of phase "${phase}"`, () => {
      expect(poolActivity(pool({}, { phase, currentNode: 2 })), c.reason).to.deep.equal(c.want);
    });
  }

  const scope = (versionAhead?: PoolScope['versionAhead']): PoolScope => ({
    clusterID: 'c-1',
    currentVersion: 'v1.28.15-r0',
    versionAhead,
  });
  const readiness = {
    'matches: Ready': { reason: '2/2 nodes', obj: cr(), cloud: pool(), scope: scope(), want: undefined },
    'nodes still joining: Synchronizing': {
      reason: 'current differs from the count (poll)',
      obj: cr({ initialNodeCount: 3 }),
      cloud: pool({ initialNodeCount: 3 }),
      scope: scope(),
      want: { outcome: { state: 'progressing', reason: 'Synchronizing', message: '2/3 nodes active' } },
    },
    'autoscaling: the count is not waited for': {
      reason: "the autoscaler's business",
      obj: cr({ autoscaling: { enable: true } }),
      cloud: pool({ initialNodeCount: 3 }),
      scope: scope(),
      want: undefined,
    },
    'version ahead: WaitingForClusterUpgrade': {
      reason: 'nodes follow their cluster',
      obj: cr({ version: 'v1.29' }),
      cloud: pool(),
      scope: scope({ version: 'v1.29', message: 'ahead' }),
      want: {
        outcome: { state: 'progressing', reason: 'WaitingForClusterUpgrade', message: 'ahead' },
        requeueMs: 60000,
        jobInFlight: false,
      },
    },
  };
  for (const [name, c] of Object.entries(readiness)) {
    it(`readiness: ${name}`, () => {
      expect(poolReadiness(c.obj, c.cloud, c.scope), c.reason).to.deep.equal(c.want);
    });
  }

  it('the Ready message names the nodes', () => {
    expect(poolReadyMessage(pool())).to.deep.equal({ reason: 'Available', message: 'node pool is normal with 2 nodes' });
  });

  it('the kind: id field, noun, and what the API never returns', () => {
    const unobserved = nodePoolFields.filter((f) => !f.observed).map((f) => f.path);
    expect({
      idField: nodePoolKind.idField,
      noun: nodePoolKind.noun,
      id: nodePoolKind.idOf(pool()),
      hasTaints: unobserved.includes('nodeTemplate.taints'),
    }).to.deep.equal({
      idField: 'nodePoolID',
      noun: 'node pool',
      id: 'np-1',
      hasTaints: true,
    });
  });
});

describe('resources/nodepool: nodes by phase, one list-nodes call per observation', () => {
  const node = (name: string, pool: string, phase: string, ip?: string) => ({
    kind: 'Node',
    apiVersion: 'v3',
    metadata: { name, uid: `${name}-uid`, annotations: { [NODE_POOL_ANNOTATION]: pool } },
    spec: {} as never,
    status: { phase, ...(ip ? { privateIP: ip } : {}) },
  });
  it('counts per phase; names the not-Active nodes, faulty before under way, at most five', () => {
    const nodes = [
      node('a', 'p1', 'Active'),
      node('b', 'p1', 'Installing', '10.0.0.2'),
      node('c', 'p1', 'Abnormal', '10.0.0.3'),
      ...['d', 'e', 'f', 'g', 'h'].map((n) => node(n, 'p1', 'Build')),
    ];
    expect(nodeSummary(nodes)).to.deep.equal({
      phases: { Active: 1, Installing: 1, Abnormal: 1, Build: 5 },
      unhealthy: [
        { name: 'c', privateIP: '10.0.0.3', phase: 'Abnormal' },
        { name: 'b', privateIP: '10.0.0.2', phase: 'Installing' },
        { name: 'd', phase: 'Build' },
        { name: 'e', phase: 'Build' },
        { name: 'f', phase: 'Build' },
      ],
    });
  });
  /**
   * A function-record cloud for one pool p1 with 2 nodes: `listed` is whether a shared list of the cluster's pools
   * serves it, `sharedNodes` what the shared list of nodes holds, `freshNodes` what a list of its own returns.
   */
  const poolCloud = (o: { listed: boolean; sharedNodes: ReturnType<typeof node>[]; freshNodes: ReturnType<typeof node>[] }) => {
    const calls: string[] = [];
    const pool = { kind: 'NodePool', apiVersion: 'v3', metadata: { name: 'p', uid: 'p1' }, spec: {}, status: { currentNode: 2 } };
    const cloud = {
      nodePools: {
        observeShared: async (cluster: string, id: string) => (calls.push(`shared pools ${cluster} ${id}`), o.listed ? pool : undefined),
        get: async () => (calls.push('pool'), pool),
      },
      nodes: {
        listShared: async () => (calls.push('shared nodes'), o.sharedNodes),
        list: async () => (calls.push('nodes'), { items: o.freshNodes }),
      },
    } as unknown as CceClient;
    const ext = nodePoolExternal(cloud, { clusterID: 'c1', currentVersion: 'v1.28', versionAhead: undefined }, {
      read: async () => ({}),
    } as never);
    return { calls, ext };
  };
  it("observe: the pool and ONE list of the cluster's nodes, filtered to the pool; status.nodeStatus from it", async () => {
    const { calls, ext } = poolCloud({
      listed: false,
      // A shared list from a few seconds ago: the pool's second node not there yet, so it lists afresh.
      sharedNodes: [node('a', 'p1', 'Active')],
      freshNodes: [node('a', 'p1', 'Active'), node('x', 'other', 'Abnormal'), node('b', 'p1', 'Abnormal')],
    });
    const observed = (await ext.observe('p1')) as ObservedPool;
    expect(calls).to.deep.equal(['shared pools c1 p1', 'pool', 'shared nodes', 'nodes']);
    const facts = poolFacts(observed, { metadata: { name: 'p' }, spec: { initialNodeCount: 2 } } as CceNodePool);
    expect(facts.nodeStatus).to.deep.equal({ phases: { Active: 1, Abnormal: 1 }, unhealthy: [{ name: 'b', phase: 'Abnormal' }] });
  });
  it('observe: a shared list that agrees with the pool (its count, all Active) is used as it is', async () => {
    const { calls, ext } = poolCloud({
      listed: false,
      sharedNodes: [node('a', 'p1', 'Active'), node('b', 'p1', 'Active'), node('x', 'o', 'Build')],
      freshNodes: [],
    });
    const observed = (await ext.observe('p1')) as ObservedPool;
    expect(calls).to.deep.equal(['shared pools c1 p1', 'pool', 'shared nodes']);
    expect(observed.nodeSummary).to.deep.equal({ phases: { Active: 2 }, unhealthy: [] });
  });
  it('observe: a pool the shared list of pools serves is not read by itself', async () => {
    const { calls, ext } = poolCloud({ listed: true, sharedNodes: [node('a', 'p1', 'Active'), node('b', 'p1', 'Active')], freshNodes: [] });
    const observed = (await ext.observe('p1')) as ObservedPool;
    expect(calls).to.deep.equal(['shared pools c1 p1', 'shared nodes']);
    expect(observed.metadata.uid).to.equal('p1');
    expect(observed.inCluster).to.deep.equal({ id: 'c1', version: 'v1.28' });
  });
});
