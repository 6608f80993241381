import { expect } from 'chai';
import { Controller } from '../../../operator/runtime/controller.js';
import type { ControllerSpec, ReconcileContext } from '../../../operator/runtime/controller-spec.js';
import { MemoryEventSink } from '../../../operator/runtime/events.js';
import type { CustomObject } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { OperatorMetrics } from '../../../operator/runtime/metrics.js';
import { REFRESH_ANNOTATION } from '../../../operator/runtime/resync.js';
import { RequeueAfter, Terminal, requeueAfter, stable, type ReconcileResult } from '../../../operator/runtime/result.js';
import { FakeClock, flush } from './fake-clock.js';
import { FakeCache, FakeClient, testType, widget } from './fakes.js';

type Step = (obj: CustomObject, ctx: ReconcileContext) => Promise<ReconcileResult | void>;

function harness(step: Step, opts: { workers?: number; resyncGate?: (obj: CustomObject) => number } = {}) {
  const clock = new FakeClock();
  const cache = new FakeCache();
  const events = new MemoryEventSink();
  const metrics = new OperatorMetrics({ processMetrics: false });
  const runs: Array<{ key: string; refresh: boolean }> = [];
  const forgotten: string[] = [];
  const spec: ControllerSpec = {
    ...testType,
    reconcile: async (key, obj, ctx) => {
      runs.push({ key, refresh: ctx.refreshRequested });
      return step(obj, ctx);
    },
    forget: (key) => forgotten.push(key),
    ...(opts.resyncGate ? { resyncGate: opts.resyncGate } : {}),
  };
  const ctl = new Controller(spec, {
    cache,
    client: new FakeClient(),
    events,
    metrics,
    log: silentLogger(),
    resync: { stableMs: 600_000, activeMs: 30_000, jitterFraction: 0.1 },
    backoff: { baseMs: 1_000, maxMs: 8_000 },
    workers: opts.workers ?? 2,
    lookup: () => undefined,
    list: () => [],
    clock,
    random: () => 0.5,
  });
  const upsert = async (obj: CustomObject) => {
    cache.set(obj);
    ctl.onUpsert(obj);
    await flush();
  };
  const advance = async (ms: number) => {
    clock.advance(ms);
    await flush();
  };
  ctl.start();
  return { clock, cache, events, metrics, runs, forgotten, ctl, upsert, advance };
}

async function metric(m: OperatorMetrics, name: string): Promise<Array<{ labels: object; value: number }>> {
  const all = await m.registry.getMetricsAsJSON();
  return (all.find((x) => x.name === name)?.values ?? []).map((v) => ({ labels: v.labels, value: v.value }));
}

describe('runtime/controller', () => {
  it('reconciles a new object once, then resyncs on the stable period', async () => {
    const h = harness(async () => stable());
    await h.upsert(widget('a'));
    expect(h.runs.map((r) => r.key)).to.deep.equal(['ns/a']);
    expect(h.clock.delays()).to.deep.equal([600_000]);
    await h.advance(600_000);
    expect(h.runs).to.have.length(2);
  });

  it('a stable resync waits while the cloud budget is busy (no reconcile), then runs; a change never waits', async () => {
    let budgetWaitMs = 0;
    const h = harness(async () => stable(), { resyncGate: () => budgetWaitMs });
    await h.upsert(widget('a'));
    expect(h.runs).to.have.length(1);
    budgetWaitMs = 2_000;
    await h.advance(600_000);
    expect(h.runs, 'the resync was put off').to.have.length(1);
    expect(h.clock.delays(), 'rechecked after max(5 s, wait) x 1.25 (random 0.5)').to.deep.equal([6_250]);
    expect(await metric(h.metrics, 'cce_operator_resyncs_deferred_total')).to.deep.equal([{ labels: { controller: 'widget' }, value: 1 }]);
    await h.advance(6_250);
    expect(h.runs, 'still busy: put off again').to.have.length(1);
    budgetWaitMs = 0;
    await h.advance(6_250);
    expect(h.runs, 'budget free: the resync runs').to.have.length(2);
    expect(h.clock.delays(), 'and the next one is a stable resync again').to.deep.equal([600_000]);
    // A spec change while the budget is busy and a resync is pending runs at once.
    budgetWaitMs = 2_000;
    await h.upsert(widget('a', { generation: 2 }));
    expect(h.runs, 'a change never waits for the budget').to.have.length(3);
    expect(await metric(h.metrics, 'cce_operator_resyncs_deferred_total'), 'the two put-off resyncs').to.deep.equal([
      { labels: { controller: 'widget' }, value: 2 },
    ]);
  });

  it('a pass after a non-stable result is never put off, however busy the budget', async () => {
    let next: ReconcileResult = requeueAfter(5_000, { jobInFlight: true });
    const h = harness(async () => next, { resyncGate: () => 10_000 });
    await h.upsert(widget('a'));
    next = {};
    await h.advance(5_000);
    expect(h.runs, 'the job poll ran').to.have.length(2);
    next = stable();
    await h.advance(30_000);
    expect(h.runs, 'the active-period pass ran').to.have.length(3);
    await h.advance(600_000);
    expect(h.runs, 'only the stable resync waits').to.have.length(3);
  });

  it('resyncs on the active period while not stable, and at the requested delay while a job runs', async () => {
    let next: ReconcileResult = {};
    const h = harness(async () => next);
    await h.upsert(widget('a'));
    expect(h.clock.delays()).to.deep.equal([30_000]);
    next = requeueAfter(5_000, { jobInFlight: true });
    await h.advance(30_000);
    expect(h.clock.delays()).to.deep.equal([5_000]);
    expect(await metric(h.metrics, 'cce_operator_jobs_in_flight')).to.deep.equal([{ labels: { controller: 'widget' }, value: 1 }]);
    next = stable();
    await h.advance(5_000);
    expect(await metric(h.metrics, 'cce_operator_jobs_in_flight')).to.deep.equal([{ labels: { controller: 'widget' }, value: 0 }]);
  });

  it('ignores status-only updates but reacts to spec (generation), annotation and deletion changes', async () => {
    const h = harness(async () => stable());
    const a = widget('a');
    await h.upsert(a);
    await h.upsert({ ...a, status: { phase: 'Available' }, metadata: { ...a.metadata, resourceVersion: '2' } });
    expect(h.runs, 'status-only').to.have.length(1);
    await h.upsert(widget('a', { generation: 2 }));
    expect(h.runs, 'generation').to.have.length(2);
    await h.upsert(widget('a', { generation: 2, annotations: { team: 'x' } }));
    expect(h.runs, 'annotation').to.have.length(3);
    await h.upsert({
      ...widget('a', { generation: 2, annotations: { team: 'x' } }),
      metadata: { ...widget('a', { generation: 2, annotations: { team: 'x' } }).metadata, deletionTimestamp: '2024-01-01T00:00:00Z' },
    });
    expect(h.runs, 'deletion').to.have.length(4);
  });

  it('the refresh annotation forces an immediate reconcile that sees refreshRequested once', async () => {
    const h = harness(async () => stable());
    await h.upsert(widget('a'));
    await h.upsert(widget('a', { annotations: { [REFRESH_ANNOTATION]: '2024-06-01T00:00:00Z' } }));
    await h.upsert(widget('a', { annotations: { [REFRESH_ANNOTATION]: '2024-06-01T00:00:00Z' }, status: { x: 1 } }));
    await h.advance(600_000);
    expect(h.runs.map((r) => r.refresh)).to.deep.equal([false, true, false]);
  });

  it('retries failures with per-key exponential backoff, capped, and resets on success', async () => {
    let fail = true;
    const h = harness(async () => {
      if (fail) throw new Error('CCE 503');
      return stable();
    });
    await h.upsert(widget('a'));
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(h.clock.delays()[0] as number);
      await h.advance(h.clock.delays()[0] as number);
    }
    expect(delays).to.deep.equal([1_000, 2_000, 4_000, 8_000, 8_000]);
    fail = false;
    await h.advance(8_000);
    expect(h.ctl.queue.failures('ns/a')).to.equal(0);
    expect(h.clock.delays()).to.deep.equal([600_000]);
    expect(h.events.events[0]).to.deep.equal({ key: 'ns/a', type: 'Warning', reason: 'ReconcileError', message: 'CCE 503' });
    const counts = await metric(h.metrics, 'controller_runtime_reconcile_total');
    expect(counts).to.deep.include.members([
      { labels: { controller: 'widget', result: 'error' }, value: 6 },
      { labels: { controller: 'widget', result: 'success' }, value: 1 },
    ]);
    expect(await metric(h.metrics, 'controller_runtime_reconcile_errors_total')).to.deep.equal([
      { labels: { controller: 'widget' }, value: 6 },
    ]);
    expect(await metric(h.metrics, 'workqueue_retries_total')).to.deep.equal([{ labels: { name: 'widget' }, value: 6 }]);
  });

  it('a Terminal error stops retrying and records one Warning with its reason; a spec change retries', async () => {
    let gen = 1;
    const h = harness(async (obj) => {
      if (obj.metadata?.generation === gen) throw new Terminal('flavor not allowed', 'InvalidSpec');
      return stable();
    });
    await h.upsert(widget('a'));
    expect(h.clock.pending()).to.equal(0);
    expect(h.events.events).to.deep.equal([{ key: 'ns/a', type: 'Warning', reason: 'InvalidSpec', message: 'flavor not allowed' }]);
    gen = 0;
    await h.upsert(widget('a', { generation: 2 }));
    expect(h.runs).to.have.length(2);
  });

  it('the Warning for a failed cloud call carries the request id (cause chain) beside the message, not in it', async () => {
    const cloud = Object.assign(new Error('internal error'), { requestId: 'req-42' });
    const h = harness(async () => {
      throw new Terminal('ListClusters failed: HTTP 500 CCE.01500001: internal error', 'CloudError', { cause: cloud });
    });
    await h.upsert(widget('a'));
    expect(h.events.events).to.deep.equal([
      {
        key: 'ns/a',
        type: 'Warning',
        reason: 'CloudError',
        message: 'ListClusters failed: HTTP 500 CCE.01500001: internal error',
        requestId: 'req-42',
      },
    ]);
  });

  it('a thrown RequeueAfter schedules its delay without counting a failure', async () => {
    const h = harness(async () => {
      throw new RequeueAfter(7_000, 'job running');
    });
    await h.upsert(widget('a'));
    expect([h.clock.delays(), h.ctl.queue.failures('ns/a'), h.events.events.length]).to.deep.equal([[7_000], 0, 0]);
  });

  it('drops a key whose object left the cache and tells the kind to forget it', async () => {
    const h = harness(async () => stable());
    await h.upsert(widget('a'));
    h.cache.objects.delete('ns/a');
    h.ctl.onDelete(widget('a'));
    await flush();
    expect([h.forgotten, h.clock.pending(), h.runs.length]).to.deep.equal([['ns/a'], 0, 1]);
  });

  it('never reconciles one key concurrently; a burst during a reconcile collapses into one more', async () => {
    let active = 0;
    let maxActive = 0;
    const release: Array<() => void> = [];
    const h = harness(
      async () => {
        maxActive = Math.max(maxActive, ++active);
        await new Promise<void>((r) => release.push(r));
        active--;
        return stable();
      },
      { workers: 4 },
    );
    await h.upsert(widget('a'));
    for (let g = 2; g < 7; g++) await h.upsert(widget('a', { generation: g }));
    expect(h.runs).to.have.length(1);
    release.shift()?.();
    await flush();
    expect(h.runs).to.have.length(2);
    release.shift()?.();
    await flush();
    expect([h.runs.length, maxActive]).to.deep.equal([2, 1]);
  });

  it('different keys run in parallel up to the worker count', async () => {
    let active = 0;
    let maxActive = 0;
    const release: Array<() => void> = [];
    const h = harness(
      async () => {
        maxActive = Math.max(maxActive, ++active);
        await new Promise<void>((r) => release.push(r));
        active--;
      },
      { workers: 2 },
    );
    for (const n of ['a', 'b', 'c']) await h.upsert(widget(n));
    expect(maxActive).to.equal(2);
    release.splice(0).forEach((r) => r());
    await flush();
    release.splice(0).forEach((r) => r());
    await flush();
    expect(h.runs.map((r) => r.key)).to.deep.equal(['ns/a', 'ns/b', 'ns/c']);
  });

  it('stop waits for in-flight reconciles; after the timeout it aborts their signal', async () => {
    let signal: AbortSignal | undefined;
    let release: () => void = () => {};
    const h = harness(async (_o, ctx) => {
      signal = ctx.signal;
      await new Promise<void>((r) => (release = r));
    });
    await h.upsert(widget('a'));
    const stopping = h.ctl.stop(1_000);
    await flush();
    h.clock.advance(1_000);
    expect(await stopping).to.equal(false);
    expect(signal?.aborted).to.equal(true);
    release();

    const h2 = harness(async () => new Promise<void>((r) => (release = r)));
    await h2.upsert(widget('b'));
    const stopping2 = h2.ctl.stop(1_000);
    release();
    expect(await stopping2).to.equal(true);
    await h2.upsert(widget('c'));
    expect(h2.runs, 'no new work after stop').to.have.length(1);
  });

  it('watched kinds enqueue the keys their mapper returns', async () => {
    const h = harness(async () => stable());
    h.cache.set(widget('pool-1'));
    h.cache.set(widget('pool-2'));
    h.ctl.enqueueMapped({ metadata: { name: 'cluster', namespace: 'ns' } }, (changed, own) =>
      own.list(changed.metadata?.namespace).map((o) => `ns/${o.metadata?.name}`),
    );
    await flush();
    expect(h.runs.map((r) => r.key).sort()).to.deep.equal(['ns/pool-1', 'ns/pool-2']);
  });
});
