/**
 * CceNodePool on a cluster the operator does not manage (spec.clusterID): adoption of an existing cloud pool by
 * name and by spec.nodePoolID, ObserveOnly never writing, and the unobserved fields applied once on adoption.
 */
import { expect } from 'chai';
import { CceClient, type CreateNodePoolRequest } from '../../../operator/cloud/index.js';
import type { CceNodePool } from '../../../operator/resources/nodepool/types.js';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { standardCluster } from '../cluster/fixtures.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition, isReady } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { nodePool } from './fixtures.js';

const AK = 'AKIT0000000000000006';
const SK = 'integration-secret-key-0006';

describe('CceNodePool adoption on an unmanaged cluster (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let pools: CceObjects;
  let cloud: CceClient;
  let clusterID: string;

  before(async () => {
    installCrds();
    const ns = await createTestNamespace('nodepool-adopt');
    pools = new CceObjects(ns, 'ccenodepools');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    cloud = new CceClient({
      endpoint: sim.url,
      projectId: 'test-project',
      credentials: { kind: 'aksk', accessKey: AK, secretKey: SK },
      rateLimit: false,
    });
    // A cluster made outside the operator (e.g. by the console).
    const c = await cloud.clusters.create({
      kind: 'Cluster',
      apiVersion: 'v3',
      metadata: { name: 'outside' },
      spec: standardCluster('outside').spec as Record<string, unknown>,
    } as never);
    clusterID = c.body.metadata.uid as string;
    await waitFor('cluster Available', async () => (await cloud.clusters.get(clusterID)).status?.phase === 'Available');
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `adopt-${ns}`, namespace: ns });
  });

  after(async () => {
    cloud?.close();
    await stopAllOperators();
    await sim?.close();
  });

  const unmanaged = (name: string, extra: Record<string, unknown> = {}) => {
    const base = nodePool(name, 'unused');
    const spec: Record<string, unknown> = {
      ...(base.spec as Record<string, unknown>),
      clusterID,
      region: 'cn-north-4',
      projectID: 'test-project',
      ...extra,
    };
    delete spec.clusterRef;
    return { ...base, spec };
  };
  const poolBody = (name: string): CreateNodePoolRequest => {
    const spec = nodePool(name, 'x').spec as Record<string, unknown>;
    return {
      kind: 'NodePool',
      apiVersion: 'v3',
      metadata: { name },
      spec: { initialNodeCount: 1, nodeTemplate: spec.nodeTemplate },
    } as CreateNodePoolRequest;
  };
  const ready = (name: string) =>
    waitFor(`${name} Ready`, async () => ((p) => (isReady(p) ? (p as unknown as CceNodePool) : undefined))(await pools.get(name)), 45000);

  it('adopts an existing pool by name, applies the unobserved fields once, and never creates', async () => {
    const existing = await cloud.nodePools.create(clusterID, poolBody('legacy'));
    await admin.clearRequests();
    await pools.create(
      unmanaged('legacy', {
        nodeTemplate: {
          ...(nodePool('x', 'x').spec as { nodeTemplate: object }).nodeTemplate,
          taints: [{ key: 'legacy', effect: 'NoSchedule' }],
        },
      }),
    );
    const p = await ready('legacy');
    expect(p.status?.nodePoolID).to.equal(existing.body.metadata.uid);
    expect(p.status?.clusterID).to.equal(clusterID);
    const ops = (await admin.counts()).byOperation;
    expect(ops.CreateNodePool ?? 0).to.equal(0);
    expect(ops.UpdateNodePool).to.equal(1); // taints cannot be read back: applied once on adoption
    const cloudPool = await cloud.nodePools.get(clusterID, p.status!.nodePoolID!);
    expect(cloudPool.spec.nodeTemplate.taints).to.deep.equal([{ key: 'legacy', effect: 'NoSchedule' }]);
  });

  it('adopts by spec.nodePoolID under ObserveOnly without writing, reporting drift', async () => {
    const existing = await cloud.nodePools.create(clusterID, poolBody('watched'));
    await admin.clearRequests();
    await pools.create(
      unmanaged('watched', { nodePoolID: existing.body.metadata.uid, managementPolicy: 'ObserveOnly', initialNodeCount: 2 }),
    );
    const p = await ready('watched');
    expect(p.status?.nodePoolID).to.equal(existing.body.metadata.uid);
    expect(condition(p as never, 'Ready')?.reason).to.equal('DriftDetected');
    expect(condition(p as never, 'Ready')?.message).to.contain('spec.initialNodeCount');
    const writes = (await admin.requests()).filter((r) => r.method !== 'GET');
    expect(writes, JSON.stringify(writes)).to.have.length(0);
    await pools.delete('watched');
    await waitFor('watched gone', async () => (await pools.tryGet('watched')) === undefined);
    expect((await cloud.nodePools.list(clusterID)).items.map((i) => i.metadata.name)).to.include('watched');
  });

  it('reports a spec.nodePoolID that does not exist with the reason NotFoundInCloud', async () => {
    await pools.create(unmanaged('ghost', { nodePoolID: 'no-such-pool' }));
    await waitFor('NotFoundInCloud', async () => condition(await pools.get('ghost'), 'Synced')?.reason === 'NotFoundInCloud');
  });
});
