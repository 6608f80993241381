/**
 * The runtime on a real kube-apiserver: informer -> queue -> reconcile -> finalizer + status patch -> Events,
 * watches of another kind, the refresh annotation, deletion through the finalizer, conflict-safe writes,
 * /metrics, /healthz and /readyz, and an informer that recovers from errors.
 */
import { CoreV1Api, PatchStrategy, setHeaderOptions, type CoreV1Event, type KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import type { ControllerSpec } from '../../../operator/runtime/controller-spec.js';
import { KubeEventSink } from '../../../operator/runtime/events.js';
import type { KubeConfig as OperatorKubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import { Finalizers } from '../../../operator/runtime/finalizers.js';
import { ResourceInformer } from '../../../operator/runtime/informer.js';
import { keyOf } from '../../../operator/runtime/keys.js';
import type { CustomObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { Manager } from '../../../operator/runtime/manager.js';
import { CustomResourceClient } from '../../../operator/runtime/resource-client.js';
import { REFRESH_ANNOTATION } from '../../../operator/runtime/resync.js';
import { setCondition, type Condition } from '../../../operator/runtime/conditions.js';
import { stable } from '../../../operator/runtime/result.js';
import { StatusWriter } from '../../../operator/runtime/status-writer.js';
import { createTestNamespace } from '../setup.js';
import { createCrd, kubeConfig, objects, operatorKubeConfig, testSettings, uniqueGroup, waitFor } from './helpers.js';

type Widget = CustomObject<
  { size?: number; gadget?: string },
  { phase?: string; observedGeneration?: number; gadgetColor?: string; conditions?: Condition[] }
>;

const FINALIZER = 'runtime.test.cce.operator.dev/cleanup';

describe('runtime on a real kube-apiserver', function () {
  let kc: KubeConfig; // loaded in before(): the root hook sets KUBECONFIG
  let kube: OperatorKubeConfig; // the operator's own client's
  const group = uniqueGroup('ctl');
  const widgetType: ResourceType = { group, version: 'v1', plural: 'widgets', kind: 'Widget' };
  const gadgetType: ResourceType = { group, version: 'v1', plural: 'gadgets', kind: 'Gadget' };
  const cleanups: Array<() => Promise<void>> = [];
  let ns: string;
  let manager: Manager;
  const runs: Array<{ key: string; generation?: number; refresh: boolean }> = [];
  const forgotten: string[] = [];

  const widgets = () => objects(kc, widgetType, ns);
  const gadgets = () => objects(kc, gadgetType, ns);

  const spec: ControllerSpec<Widget> = {
    ...widgetType,
    watches: [
      {
        ...gadgetType,
        map: (gadget, own) =>
          own
            .list(gadget.metadata?.namespace)
            .filter((w) => w.spec?.gadget === gadget.metadata?.name)
            .map(keyOf),
      },
    ],
    async reconcile(key, obj, ctx) {
      runs.push({ key, generation: obj.metadata?.generation, refresh: ctx.refreshRequested });
      if (obj.metadata?.deletionTimestamp) {
        ctx.events.normal('Deleting', 'removing the finalizer');
        await ctx.finalizers.remove(obj, FINALIZER);
        return stable();
      }
      const withFinalizer = await ctx.finalizers.ensure(obj, FINALIZER);
      const gadget = obj.spec?.gadget
        ? ctx.lookup<CustomObject<{ color?: string }>>(gadgetType, { namespace: obj.metadata?.namespace, name: obj.spec.gadget })
        : undefined;
      const { changed } = await ctx.status.write(withFinalizer, (s) => ({
        ...s,
        phase: 'Ready',
        observedGeneration: obj.metadata?.generation,
        ...(gadget?.spec?.color ? { gadgetColor: gadget.spec.color } : {}),
        conditions: setCondition(
          s?.conditions,
          { type: 'Ready', status: 'True', reason: 'Available', message: 'ok', observedGeneration: obj.metadata?.generation },
          ctx.now(),
        ),
      }));
      if (changed) ctx.events.normal('Synced', `generation ${obj.metadata?.generation} observed`);
      return stable();
    },
    forget: (key) => forgotten.push(key),
  };

  before(async function () {
    this.timeout(120_000);
    kc = kubeConfig();
    kube = operatorKubeConfig();
    ns = await createTestNamespace('runtime-ctl');
    cleanups.push(await createCrd(kc, widgetType), await createCrd(kc, gadgetType));
    manager = new Manager({ kubeConfig: kube, settings: testSettings(ns), log: silentLogger() });
    manager.register(spec);
    await manager.start();
    await manager.whenLeading();
  });

  after(async () => {
    await manager?.stop();
    for (const c of cleanups) await c();
  });

  const runsOf = (key: string) => runs.filter((r) => r.key === key);

  it('adds the finalizer and writes status with conditions, then stays quiet (no hot loop on its own writes)', async () => {
    await widgets().create('w1', { size: 1 });
    await waitFor(async () => ((await widgets().get('w1')) as Widget).status?.phase === 'Ready', 20_000, 'w1 Ready');
    const w = (await widgets().get('w1')) as Widget;
    expect(w.metadata?.finalizers).to.deep.equal([FINALIZER]);
    expect(w.status?.observedGeneration).to.equal(1);
    expect(w.status?.conditions?.[0]).to.include({ type: 'Ready', status: 'True', reason: 'Available', observedGeneration: 1 });
    const after = runsOf(`${ns}/w1`).length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runsOf(`${ns}/w1`).length, 'finalizer + status writes do not cause a loop').to.equal(after);
    expect(after).to.be.at.most(2);
  });

  it('reconciles a spec change and records Events', async () => {
    const { api } = widgets();
    await api.patchNamespacedCustomObject({
      group,
      version: 'v1',
      plural: 'widgets',
      namespace: ns,
      name: 'w1',
      body: [{ op: 'replace', path: '/spec/size', value: 3 }],
    });
    await waitFor(async () => ((await widgets().get('w1')) as Widget).status?.observedGeneration === 2, 20_000, 'generation 2 observed');
    const core = kc.makeApiClient(CoreV1Api);
    let events: CoreV1Event[] = [];
    await waitFor(
      async () => {
        // Events are aggregated per object, type and reason: the second Synced updates the first (count 2).
        events = (await core.listNamespacedEvent({ namespace: ns })).items.filter((e) => e.involvedObject.name === 'w1');
        return events.some((x) => x.message === 'generation 2 observed' && (x.count ?? 1) >= 2);
      },
      10_000,
      'events',
    );
    const e = events.find((x) => x.message === 'generation 2 observed');
    expect(e).to.include({ type: 'Normal', reason: 'Synced', reportingComponent: 'cce-operator' });
    expect(e?.involvedObject).to.include({ kind: 'Widget', apiVersion: `${group}/v1`, namespace: ns, name: 'w1' });
    expect(e?.source?.component).to.equal('cce-operator');
  });

  it('aggregates a repeated Event into one with a count', async () => {
    const sink = new KubeEventSink(kube, { component: 'cce-operator', instance: 'test', log: silentLogger() });
    const w = (await widgets().get('w1')) as Widget;
    for (let i = 0; i < 3; i++) sink.record(w, 'Warning', 'CloudError', 'CCE.01500001: internal error');
    await sink.flush();
    const events = (await kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: ns })).items.filter(
      (e) => e.reason === 'CloudError',
    );
    expect(events.map((e) => [e.type, e.count])).to.deep.equal([['Warning', 3]]);
  });

  it('the refresh annotation triggers an immediate reconcile that sees refreshRequested', async () => {
    const before = runsOf(`${ns}/w1`).length;
    const { api } = widgets();
    const body = { metadata: { annotations: { [REFRESH_ANNOTATION]: new Date().toISOString() } } };
    await api.patchNamespacedCustomObject(
      { group, version: 'v1', plural: 'widgets', namespace: ns, name: 'w1', body },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(() => runsOf(`${ns}/w1`).length > before, 10_000, 'refresh reconcile');
    expect(runsOf(`${ns}/w1`).at(-1)?.refresh).to.equal(true);
  });

  it('wakes a widget when the gadget it references changes (watches + lookup)', async () => {
    await widgets().create('w2', { gadget: 'g1' });
    await waitFor(async () => ((await widgets().get('w2')) as Widget).status?.phase === 'Ready', 20_000, 'w2 Ready');
    await gadgets().create('g1', { color: 'blue' });
    await waitFor(async () => ((await widgets().get('w2')) as Widget).status?.gadgetColor === 'blue', 20_000, 'gadget color mapped');
  });

  it('deletion goes through the finalizer and then forgets the key', async () => {
    await widgets().delete('w2');
    await waitFor(async () => (await widgets().list()).every((w) => (w as Widget).metadata?.name !== 'w2'), 20_000, 'w2 gone');
    await waitFor(() => forgotten.includes(`${ns}/w2`), 10_000, 'forget(w2)');
  });

  it('status and finalizer writes survive a stale resourceVersion (409 -> re-read -> retry)', async () => {
    // Gadgets are not reconciled by anyone, so every write here is the test's own.
    const client = new CustomResourceClient<Widget>(kube, gadgetType);
    await gadgets().create('w3', { size: 1 }, { finalizers: ['other/keep'] });
    const stale = await client.get({ namespace: ns, name: 'w3' });
    await client.patch({ namespace: ns, name: 'w3' }, { metadata: { labels: { touched: 'yes' } } }); // bumps resourceVersion
    const { obj, changed } = await new StatusWriter(client).write(stale, (s) => ({ ...s, phase: 'Patched' }));
    expect([changed, obj.status?.phase]).to.deep.equal([true, 'Patched']);
    const again = await new StatusWriter(client).write(obj, (s) => ({ ...s, phase: 'Patched' }));
    expect(again.changed, 'no-op write is skipped').to.equal(false);
    const f = new Finalizers(client);
    const withF = await f.ensure(stale, 'x/y');
    expect(withF.metadata?.finalizers).to.deep.equal(['other/keep', 'x/y']);
    const removed = await f.remove(stale, 'other/keep');
    expect(removed?.metadata?.finalizers).to.deep.equal(['x/y']);
    await f.remove(removed as Widget, 'x/y');
  });

  it('serves /healthz, /readyz and /metrics with reconcile and queue metrics', async () => {
    const base = `http://127.0.0.1:${manager.httpPort()}`;
    expect((await fetch(`${base}/healthz`)).status).to.equal(200);
    expect((await fetch(`${base}/readyz`)).status).to.equal(200);
    manager.metrics.recordCloudCall({ operation: 'CreateCluster', status: 429, durationMs: 12 });
    const text = await (await fetch(`${base}/metrics`)).text();
    // Named as stock dashboards expect: controller-runtime, client-go workqueue, unprefixed process/nodejs defaults.
    expect(text).to.match(/controller_runtime_reconcile_total\{controller="widget",result="success"\} [1-9]/);
    expect(text).to.match(/controller_runtime_reconcile_time_seconds_bucket\{le="[^"]+",controller="widget"\}/);
    expect(text).to.include('workqueue_depth{name="widget"} 0');
    expect(text).to.match(/workqueue_adds_total\{name="widget"\} [1-9]/);
    expect(text).to.match(/workqueue_queue_duration_seconds_count\{name="widget"\} [1-9]/);
    expect(text).to.match(/workqueue_work_duration_seconds_count\{name="widget"\} [1-9]/);
    expect(text).to.match(/workqueue_longest_running_processor_seconds\{name="widget"\} /);
    expect(text).to.match(/controller_runtime_max_concurrent_reconciles\{controller="widget"\} [1-9]/);
    expect(text).to.include('cce_operator_cloud_api_calls_total{operation="CreateCluster",code="429",outcome="throttled"} 1');
    expect(text).to.include('cce_operator_jobs_in_flight{controller="widget"} 0');
    // The status writes this test's reconciles made, counted where they leave the process.
    expect(text).to.match(/cce_operator_apiserver_writes_total\{resource="widgets\/status",verb="patch"\} [1-9]/);
    expect(text).to.match(/^process_cpu_seconds_total /m);
    expect(text).to.match(/^nodejs_heap_size_used_bytes /m);
    expect(text).not.to.include('cce_operator_process_');
    expect((await fetch(`${base}/nope`)).status).to.equal(404);
  });

  it('an informer started before its CRD exists keeps restarting with backoff and syncs once it does', async function () {
    this.timeout(60_000);
    const lateType: ResourceType = { group: uniqueGroup('late'), version: 'v1', plural: 'sprockets', kind: 'Sprocket' };
    let restarts = 0;
    const inf = new ResourceInformer<CustomObject>(kube, lateType, {
      namespace: ns,
      log: silentLogger(),
      backoff: { baseMs: 200, maxMs: 1_000 },
      onRestart: () => restarts++,
    });
    const synced = inf.start();
    try {
      await waitFor(() => restarts >= 2, 10_000, 'restarts');
      expect(inf.hasSynced()).to.equal(false);
      cleanups.push(await createCrd(kc, lateType));
      await objects(kc, lateType, ns).create('s1', {});
      await synced;
      await waitFor(() => inf.get({ namespace: ns, name: 's1' }) !== undefined, 20_000, 's1 in cache');
    } finally {
      await inf.stop();
    }
  });
});
