/**
 * What an Argo CD prune does: `kubectl delete -k config/samples` deletes the credentials Secret together with the
 * cluster, its two node pools and its two add-ons. Everything must go, the cloud must be left empty, and the
 * Secret must go last (it carries the operator's credentials-in-use finalizer while the objects need it).
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimAdmin } from '../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../sim/server.js';
import { createTestNamespace, testEnv } from './setup.js';
import { CceObjects, isReady } from './support/cce-objects.js';
import { installCrds } from './support/crds.js';
import { startOperator, stopAllOperators } from './support/operator.js';
import { waitFor } from './support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AK = 'DEMOACCESSKEY0000001';
const SK = 'demo-secret-key-not-a-real-one';

describe('a prune of the samples together with their credentials Secret (kubectl delete -k)', () => {
  let sim: RunningSim;
  let ns: string;

  before(async () => {
    installCrds();
    ns = await createTestNamespace('prune');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'demo-project', jobSeconds: 1 });
    startOperator({ simUrl: sim.url, accessKey: 'unused-default', secretKey: 'unused-default', leaseName: `prune-${ns}`, namespace: ns });
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  const kinds = {
    cceclusters: ['demo-cluster'],
    ccenodepools: ['demo-general', 'demo-batch'],
    cceaddons: ['demo-metrics-server', 'demo-coredns'],
  } as const;

  it('deletes every cloud resource and lets the Secret go last', async function () {
    this.timeout(240000);
    const env = testEnv();
    const kubectl = (...args: string[]) =>
      execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, '-n', ns, ...args], { stdio: 'pipe' }).toString();
    kubectl('apply', '-k', join(root, 'config', 'samples'));
    for (const [plural, names] of Object.entries(kinds)) {
      const crs = new CceObjects(ns, plural as keyof typeof kinds);
      for (const name of names) await waitFor(`${plural}/${name} Ready`, async () => isReady(await crs.get(name)), 120000);
    }
    const kc = new KubeConfig();
    kc.loadFromDefault();
    const core = kc.makeApiClient(CoreV1Api);
    const secret = await core.readNamespacedSecret({ namespace: ns, name: 'cce-credentials' });
    expect(secret.metadata?.finalizers).to.include('cce.operator.dev/credentials-in-use');

    kubectl('delete', '-k', join(root, 'config', 'samples'), '--wait=false');
    for (const [plural, names] of Object.entries(kinds)) {
      const crs = new CceObjects(ns, plural as keyof typeof kinds);
      for (const name of names) await waitFor(`${plural}/${name} gone`, async () => (await crs.tryGet(name)) === undefined, 120000);
    }
    await waitFor('Secret gone', async () =>
      core.readNamespacedSecret({ namespace: ns, name: 'cce-credentials' }).then(
        () => false,
        (e: { code?: number }) => (e.code === 404 ? true : Promise.reject(e)),
      ),
    );
    const cloud = await new SimAdmin(sim.url).objects();
    expect({ clusters: cloud.clusters.length, nodePools: cloud.nodePools.length }).to.deep.equal({ clusters: 0, nodePools: 0 });
  });
});
