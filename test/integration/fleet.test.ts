/**
 * The whole set in one `kubectl apply -k config/samples` (a cluster, two node pools, two add-ons): everything
 * reaches Ready, pools and add-ons touch the cloud only after their cluster is Available, and no Warning Event
 * appears beyond the expected waits.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimAdmin } from '../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../sim/server.js';
import { createTestNamespace, testEnv } from './setup.js';
import { CceObjects, isReady } from './support/cce-objects.js';
import { installCrds } from './support/crds.js';
import { eventsFor } from './support/events.js';
import { startOperator, stopAllOperators } from './support/operator.js';
import { waitFor } from './support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// config/samples/demo-credentials.yaml and the samples' projectID
const AK = 'DEMOACCESSKEY0000001';
const SK = 'demo-secret-key-not-a-real-one';

describe('a whole fleet slice in one apply (cluster + 2 pools + 2 add-ons)', () => {
  let sim: RunningSim;
  let ns: string;

  before(async () => {
    installCrds();
    ns = await createTestNamespace('fleet');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'demo-project', jobSeconds: 2 });
    startOperator({ simUrl: sim.url, accessKey: 'unused-default', secretKey: 'unused-default', leaseName: `fleet-${ns}`, namespace: ns });
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  it('brings everything to Ready in dependency order without Warning events', async function () {
    this.timeout(180000);
    const env = testEnv();
    execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, 'apply', '-n', ns, '-k', join(root, 'config', 'samples')], {
      stdio: 'pipe',
    });
    const kinds = {
      cceclusters: ['demo-cluster'],
      ccenodepools: ['demo-general', 'demo-batch'],
      cceaddons: ['demo-metrics-server', 'demo-coredns'],
    } as const;
    for (const [plural, names] of Object.entries(kinds)) {
      const crs = new CceObjects(ns, plural as keyof typeof kinds);
      for (const name of names) await waitFor(`${plural}/${name} Ready`, async () => isReady(await crs.get(name)), 120000);
    }

    const log = await new SimAdmin(sim.url).requests();
    const at = (op: string) => log.filter((r) => r.operation === op).map((r) => Date.parse(r.time));
    const clusterCreated = Math.min(...at('CreateCluster'));
    const firstDependent = Math.min(...at('CreateNodePool'), ...at('CreateAddonInstance'), ...at('UpdateAddonInstance'));
    expect(at('CreateCluster')).to.have.length(1);
    expect(at('CreateNodePool')).to.have.length(2);
    expect(at('CreateAddonInstance'), 'metrics-server installed; coredns adopted').to.have.length(1);
    // The cluster's create job takes 2 s of simulated time: nothing may be created in it before then.
    expect(firstDependent - clusterCreated).to.be.at.least(2000);

    for (const name of Object.values(kinds).flat()) {
      const warnings = (await eventsFor(ns, name)).filter((e) => e.type === 'Warning');
      expect(warnings, `${name}: ${JSON.stringify(warnings)}`).to.deep.equal([]);
    }
  });
});
