/**
 * CceAddon against its cluster gate and the template catalogue, end to end (operator + kube-apiserver + simulator):
 * an unknown template is Stalled without retries; a cluster that stops being Ready holds back the add-on's changes,
 * not its readiness.
 */
import { expect } from 'chai';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import type { CceAddon } from '../../../operator/resources/addon/types.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { eventsFor } from '../support/events.js';
import { startOperator, stopAllOperators } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { standardCluster } from '../cluster/fixtures.js';
import { addon, calls, cloudAddons } from './fixtures.js';

const AK = 'AKIT0000000000000003';
const SK = 'integration-secret-key-0003';
const PAUSED = 'cce.operator.dev/paused';

type Obj = { metadata?: { generation?: number }; status?: { observedGeneration?: number; conditions?: unknown } };
const isReady = (o: Obj | undefined): boolean => {
  const c = condition(o, 'Ready');
  return (
    c?.status === 'True' && c.observedGeneration === o?.metadata?.generation && o?.status?.observedGeneration === o?.metadata?.generation
  );
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const valuesHash = (a: CceAddon | undefined): string | undefined => a?.status?.appliedHashes?.['spec.values'];

describe('CceAddon and its cluster gate (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let clusters: CceObjects;
  let addons: CceObjects;
  let ns: string;
  let clusterID: string;

  const getAddon = async (name: string) => (await addons.get(name)) as unknown as CceAddon;

  before(async () => {
    installCrds();
    ns = await createTestNamespace('addon-gate');
    clusters = new CceObjects(ns, 'cceclusters');
    addons = new CceObjects(ns, 'cceaddons');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `addon-gate-${ns}`, namespace: ns });
    await clusters.create(standardCluster('base'));
    const cluster = await waitFor('cluster Ready', async () => ((c) => (isReady(c) ? c : undefined))(await clusters.get('base')), 60000);
    clusterID = cluster.status?.clusterID as string;
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  it('an unknown addonTemplateName is Stalled (UnknownTemplate) and the template list is not retried', async function () {
    this.timeout(60000);
    await admin.clearRequests();
    await addons.create(addon('nope', { clusterRef: { name: 'base' }, addonTemplateName: 'no-such-addon' }));
    const stalled = await waitFor('Stalled', async () =>
      ((a) => (condition(a, 'Stalled')?.status === 'True' ? a : undefined))(await getAddon('nope')),
    );
    expect(condition(stalled, 'Stalled')?.reason).to.equal('UnknownTemplate');
    expect(condition(stalled, 'Stalled')?.message).to.match(
      /add-on template no-such-addon does not exist; the cloud offers: .*metrics-server/,
    );
    expect(condition(stalled, 'Ready')?.status).to.equal('False');
    // The named list answers 404 and the full list decides: a pass makes two calls, and the Terminal verdict
    // ends the retries (a 404 retried with backoff would keep listing every few hundred ms here).
    await pause(1000);
    const listed = await calls(admin, 'ListAddonTemplates');
    await pause(10000);
    expect(await calls(admin, 'ListAddonTemplates')).to.equal(listed);
    expect(listed).to.be.within(2, 4);
    expect(await calls(admin, 'CreateAddonInstance')).to.equal(0);
    expect((await eventsFor(ns, 'nope')).filter((e) => e.type === 'Warning').map((e) => e.reason)).to.deep.equal(['UnknownTemplate']);

    // Deleting it touches nothing in the cloud (nothing was installed).
    await addons.delete('nope');
    await waitFor('nope gone', async () => (await addons.tryGet('nope')) === undefined);
    expect(await calls(admin, 'DeleteAddonInstance')).to.equal(0);
  });

  it('an add-on matching its spec stays Ready while its CceCluster is not Ready; its changes wait for the cluster', async function () {
    this.timeout(90000);
    await addons.create(addon('metrics', { clusterRef: { name: 'base' }, addonTemplateName: 'metrics-server', version: '1.3.39' }));
    await waitFor('metrics Ready', async () => isReady(await addons.get('metrics')), 45000);

    await clusters.patch('base', { metadata: { annotations: { [PAUSED]: 'true' } } });
    await waitFor('cluster not Ready', async () => condition(await clusters.get('base'), 'Ready')?.status === 'False');
    // The CceCluster watch wakes the add-on: it is observed again and stays Ready, saying what would wait.
    const held = await waitFor('the add-on reports the hold', async () =>
      ((a) => (/CceCluster base is not Ready/.test(condition(a, 'Ready')?.message ?? '') ? a : undefined))(await getAddon('metrics')),
    );
    expect(condition(held, 'Ready')?.status).to.equal('True');
    expect(condition(held, 'Ready')?.reason).to.equal('Running');
    for (let i = 0; i < 5; i++) {
      await pause(300);
      expect(condition(await getAddon('metrics'), 'Ready')?.status).to.equal('True');
    }

    // A change while the cluster is not Ready is held back: Ready=False (WaitingForCluster), nothing written.
    await admin.clearRequests();
    await addons.patch('metrics', { spec: { values: { custom: { interval: 15 } } } });
    const waiting = await waitFor('held change', async () =>
      ((a) => (condition(a, 'Ready')?.reason === 'WaitingForCluster' ? a : undefined))(await getAddon('metrics')),
    );
    expect(condition(waiting, 'Ready')?.status).to.equal('False');
    expect(condition(waiting, 'Ready')?.message).to.match(/holding changes to spec\.values/);
    await pause(1500);
    expect(await calls(admin, 'UpdateAddonInstance')).to.equal(0);

    // The cluster Ready again: the change goes out once.
    await clusters.patch('base', { metadata: { annotations: { [PAUSED]: null } } });
    const applied = await waitFor(
      'values applied',
      async () => ((a) => (isReady(a) && valuesHash(a) ? a : undefined))(await getAddon('metrics')),
      45000,
    );
    expect(condition(applied, 'Ready')?.reason).to.equal('Running');
    expect((await cloudAddons(admin, 'metrics-server', clusterID))[0]?.spec.values).to.deep.equal({ custom: { interval: 15 } });
    await pause(1000);
    expect(await calls(admin, 'UpdateAddonInstance')).to.equal(1);
  });
});
