/**
 * CceAddon end to end: the real operator process, the real kube-apiserver, the simulator over HTTP.
 * One standard cluster carries the add-ons; an Autopilot cluster is used for rollback.
 */
import { expect } from 'chai';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import type { CceAddon } from '../../../operator/resources/addon/types.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { createTestNamespace } from '../setup.js';
import { CceObjects, condition } from '../support/cce-objects.js';
import { installCrds } from '../support/crds.js';
import { eventsFor } from '../support/events.js';
import { startOperator, stopAllOperators, type OperatorProcess } from '../support/operator.js';
import { waitFor } from '../support/wait.js';
import { autopilotCluster, standardCluster } from '../cluster/fixtures.js';
import { addon, calls, cloudAddons } from './fixtures.js';

const AK = 'AKIT0000000000000002';
const SK = 'integration-secret-key-0002';

type Obj = { metadata?: { generation?: number }; status?: { observedGeneration?: number; conditions?: unknown } };
const isReady = (o: Obj | undefined): boolean => {
  const c = condition(o, 'Ready');
  return (
    c?.status === 'True' && c.observedGeneration === o?.metadata?.generation && o?.status?.observedGeneration === o?.metadata?.generation
  );
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The hash of spec.values as last applied (status.appliedHashes, recorded by the managed ladder). */
const valuesHash = (a: CceAddon | undefined): string | undefined => a?.status?.appliedHashes?.['spec.values'];

describe('CceAddon lifecycle (operator + kube-apiserver + simulator)', function () {
  let sim: RunningSim;
  let admin: SimAdmin;
  let clusters: CceObjects;
  let addons: CceObjects;
  let ns: string;
  let operator: OperatorProcess;
  let clusterID: string;

  const start = () => startOperator({ simUrl: sim.url, accessKey: AK, secretKey: SK, leaseName: `addon-${ns}`, namespace: ns });
  const getAddon = async (name: string) => (await addons.get(name)) as unknown as CceAddon;
  const readyAddon = (name: string, extra: (a: CceAddon) => boolean = () => true, ms = 45000) =>
    waitFor(`${name} Ready`, async () => ((a) => (isReady(a) && extra(a) ? a : undefined))(await getAddon(name)), ms);

  before(async () => {
    installCrds();
    ns = await createTestNamespace('addon-life');
    clusters = new CceObjects(ns, 'cceclusters');
    addons = new CceObjects(ns, 'cceaddons');
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'test-project', jobSeconds: 0 });
    admin = new SimAdmin(sim.url);
    operator = start();
  });

  after(async () => {
    await stopAllOperators();
    await sim?.close();
  });

  it('add-ons wait for their cluster, then a cluster + 2 add-ons reach Ready (the default coredns is adopted)', async () => {
    await addons.create(
      addon('metrics', {
        clusterRef: { name: 'base' },
        addonTemplateName: 'metrics-server',
        version: '1.3.39',
        values: { custom: { interval: 30 } },
      }),
    );
    await addons.create(
      addon('dns', { clusterRef: { name: 'base' }, addonTemplateName: 'coredns', values: { custom: { upstream_nameservers: [] } } }),
    );
    const waiting = await waitFor('WaitingForCluster', async () =>
      ((a) => (condition(a, 'Ready')?.reason === 'WaitingForCluster' ? a : undefined))(await getAddon('metrics')),
    );
    expect(condition(waiting, 'Ready')?.status).to.equal('False');
    expect(condition(waiting, 'Ready')?.message).to.match(/CceCluster base/);

    await clusters.create(standardCluster('base'));
    const metrics = await readyAddon('metrics');
    const dns = await readyAddon('dns');
    const cluster = (await clusters.get('base')) as CceCluster;
    expect(isReady(cluster)).to.equal(true);
    clusterID = cluster.status?.clusterID as string;

    expect(metrics.status?.phase).to.equal('Running');
    expect(metrics.status?.status).to.equal('running');
    expect(metrics.status?.currentVersion).to.equal('1.3.39');
    expect(metrics.status?.clusterID).to.equal(clusterID);
    expect(metrics.status?.unobservedFields).to.deep.equal(['spec.values']);
    expect(valuesHash(metrics)).to.match(/^sha256:/);
    const [instance] = await cloudAddons(admin, 'metrics-server', clusterID);
    expect(metrics.status?.addonID).to.equal(instance?.metadata.uid);
    expect(instance?.spec.values).to.deep.equal({ custom: { interval: 30 } });

    // coredns came with the cluster: adopted, not installed a second time.
    const dnsInstances = await cloudAddons(admin, 'coredns', clusterID);
    expect(dnsInstances).to.have.length(1);
    expect(dns.status?.addonID).to.equal(dnsInstances[0]?.metadata.uid);
    expect(await calls(admin, 'CreateAddonInstance')).to.equal(1);
    for (const name of ['metrics', 'dns']) {
      const warnings = (await eventsFor(ns, name)).filter((e) => e.type === 'Warning');
      expect(warnings, JSON.stringify(warnings)).to.have.length(0);
    }
    expect((await eventsFor(ns, 'dns')).map((e) => e.reason)).to.include('Adopted');
  });

  it('upgrades the version with one call, re-values with one call, and never repeats them', async () => {
    await admin.clearRequests();
    await addons.patch('metrics', { spec: { version: '1.3.60' } });
    const upgraded = await readyAddon('metrics', (a) => a.status?.currentVersion === '1.3.60');
    expect(upgraded.status?.phase).to.equal('Running');
    await pause(1500);
    expect(await calls(admin, 'UpdateAddonInstance')).to.equal(1);
    // The upgrade carried the full values set.
    expect((await cloudAddons(admin, 'metrics-server', clusterID))[0]?.spec.values).to.deep.equal({ custom: { interval: 30 } });

    await admin.clearRequests();
    const hashBefore = valuesHash(upgraded);
    await addons.patch('metrics', { spec: { values: { custom: { interval: 60 } } } });
    const revalued = await readyAddon('metrics', (a) => valuesHash(a) !== hashBefore);
    expect((await cloudAddons(admin, 'metrics-server', clusterID))[0]?.spec.values).to.deep.equal({ custom: { interval: 60 } });
    expect(revalued.status?.currentVersion).to.equal('1.3.60');
    await pause(1500); // more passes (resync every 300 ms) must not PUT the values again
    expect(await calls(admin, 'UpdateAddonInstance')).to.equal(1);
    expect(await calls(admin, 'CreateAddonInstance')).to.equal(0);
  });

  it('a cloud error becomes Synced=False with the CCE code and a Warning Event, and recovers once the cloud does', async () => {
    const fault = await admin.addFault({ kind: 'error', operation: 'UpdateAddonInstance', status: 500 });
    const before = valuesHash(await getAddon('dns'));
    await addons.patch('dns', { spec: { values: { custom: { upstream_nameservers: ['10.0.0.53'] } } } });
    const failing = await waitFor('Synced=False', async () =>
      ((a) => (condition(a, 'Synced')?.status === 'False' ? a : undefined))(await getAddon('dns')),
    );
    expect(condition(failing, 'Synced')?.reason).to.equal('CloudError');
    expect(condition(failing, 'Synced')?.message).to.match(/UpdateAddonInstance.*HTTP 500 SVCSTG\.CCE-ADDONMGR\.500/);
    expect(valuesHash(failing)).to.equal(before);
    await waitFor('Warning Event', async () =>
      (await eventsFor(ns, 'dns')).some(
        (e) => e.type === 'Warning' && e.reason === 'CloudError' && /SVCSTG\.CCE-ADDONMGR\.500/.test(e.message ?? ''),
      ),
    );
    await admin.removeFault(fault.id);
    const recovered = await readyAddon('dns', (a) => valuesHash(a) !== before);
    expect(condition(recovered, 'Synced')?.status).to.equal('True');
  });

  it('ObserveOnly on an unmanaged cluster (spec.clusterID) reports drift and never writes', async () => {
    await admin.clearRequests();
    await addons.create(
      addon('observer', {
        clusterID,
        region: 'cn-north-4',
        projectID: 'test-project',
        addonTemplateName: 'everest',
        version: '2.3.12',
        managementPolicy: 'ObserveOnly',
      }),
    );
    const cr = await readyAddon('observer');
    expect(condition(cr, 'Ready')?.reason).to.equal('DriftDetected');
    expect(cr.status?.currentVersion).to.equal('2.4.5');
    const writes = (await admin.requests()).filter((r) => r.method !== 'GET');
    expect(writes, JSON.stringify(writes)).to.have.length(0);
    await addons.delete('observer');
    await waitFor('observer gone', async () => (await addons.tryGet('observer')) === undefined);
    expect(await cloudAddons(admin, 'everest', clusterID)).to.have.length(1);
  });

  it('an unknown version is Stalled with the available versions, without a hot loop; fixing it installs', async () => {
    await admin.clearRequests();
    await addons.create(addon('gpu', { clusterRef: { name: 'base' }, addonTemplateName: 'gpu-beta', version: '9.9.9' }));
    const stalled = await waitFor('Stalled', async () =>
      ((a) => (condition(a, 'Stalled')?.status === 'True' ? a : undefined))(await getAddon('gpu')),
    );
    expect(condition(stalled, 'Stalled')?.reason).to.equal('UnknownVersion');
    expect(condition(stalled, 'Stalled')?.message).to.match(/9\.9\.9.*available versions.*2\.6\.4/);
    expect(condition(stalled, 'Ready')?.status).to.equal('False');
    const listed = await calls(admin, 'ListAddonTemplates');
    await pause(2000);
    expect(await calls(admin, 'ListAddonTemplates')).to.equal(listed);
    expect(await calls(admin, 'CreateAddonInstance')).to.equal(0);
    expect((await eventsFor(ns, 'gpu')).filter((e) => e.type === 'Warning').map((e) => e.reason)).to.deep.equal(['UnknownVersion']);

    await addons.patch('gpu', { spec: { version: '2.6.4' } });
    const fixed = await readyAddon('gpu');
    expect(fixed.status?.currentVersion).to.equal('2.6.4');
    expect(condition(fixed, 'Stalled')?.status).to.equal('False');
  });

  it('rolls back on Autopilot through the rollback API when the cloud says the instance is rollbackable', async () => {
    await clusters.create(autopilotCluster('auto'));
    await addons.create(addon('auto-dns', { clusterRef: { name: 'auto' }, addonTemplateName: 'coredns', version: '1.28.4' }));
    await readyAddon('auto-dns', (a) => a.status?.currentVersion === '1.28.4', 60000);
    await addons.patch('auto-dns', { spec: { version: '1.28.6' } });
    const up = await readyAddon('auto-dns', (a) => a.status?.currentVersion === '1.28.6');
    expect(up.status?.previousVersion).to.equal('1.28.4');
    expect(up.status?.rollbackable).to.equal(true);

    await admin.clearRequests();
    await addons.patch('auto-dns', { spec: { version: '1.28.4' } });
    const back = await readyAddon('auto-dns', (a) => a.status?.currentVersion === '1.28.4');
    expect(back.status?.rollbackable).to.equal(false);
    expect(await calls(admin, 'RollbackAutopilotAddonInstance')).to.equal(1);
    expect(await calls(admin, 'UpdateAutopilotAddonInstance')).to.equal(0);

    // Forward again is an upgrade (previousVersion is now 1.28.6, but it is not a step back).
    await addons.patch('auto-dns', { spec: { version: '1.28.6' } });
    await readyAddon('auto-dns', (a) => a.status?.currentVersion === '1.28.6');
    expect(await calls(admin, 'UpdateAutopilotAddonInstance')).to.equal(1);
    expect(await calls(admin, 'RollbackAutopilotAddonInstance')).to.equal(1);
  });

  it('crash right after the install call returns → after restart exactly one instance', async () => {
    await operator.kill('SIGTERM');
    await admin.clearRequests();
    await admin.addFault({ kind: 'latency', operation: 'CreateAddonInstance', when: 'after', delayMs: 5000, count: 1 });
    operator = start();
    await addons.create(addon('scaler', { clusterRef: { name: 'base' }, addonTemplateName: 'autoscaler', version: '1.28.17' }));
    // The install is carried out in the cloud; its answer is held back. Kill the operator before it arrives.
    await waitFor('instance in the cloud', async () => (await cloudAddons(admin, 'autoscaler', clusterID)).length === 1, 45000, 50);
    await operator.kill('SIGKILL');
    expect((await getAddon('scaler')).status?.addonID).to.equal(undefined);

    operator = start();
    const cr = await readyAddon('scaler');
    const instances = await cloudAddons(admin, 'autoscaler', clusterID);
    expect(instances).to.have.length(1);
    expect(cr.status?.addonID).to.equal(instances[0]?.metadata.uid);
    // The held-back answer is logged when the delay ends; no second install ever follows.
    await waitFor('the first install logged', async () => (await calls(admin, 'CreateAddonInstance')) >= 1, 10000);
    await pause(1000);
    expect(await calls(admin, 'CreateAddonInstance')).to.equal(1);
    expect(condition(cr, 'Ready')?.reason).to.equal('Running');
  });

  it('Orphan leaves the cloud instance; Delete removes it and waits until it is gone', async () => {
    await addons.patch('metrics', { spec: { deletionPolicy: 'Orphan' } });
    await addons.delete('metrics');
    await waitFor('metrics gone', async () => (await addons.tryGet('metrics')) === undefined);
    expect(await cloudAddons(admin, 'metrics-server', clusterID)).to.have.length(1);

    await admin.clearRequests();
    await addons.delete('gpu');
    await waitFor('gpu gone', async () => (await addons.tryGet('gpu')) === undefined);
    expect(await cloudAddons(admin, 'gpu-beta', clusterID)).to.have.length(0);
    expect(await calls(admin, 'DeleteAddonInstance')).to.equal(1);
  });
});
