/**
 * Fleet benchmark (prints figures; asserts nothing — `make test` never fails on a number). For each N in BENCH_N
 * (e.g. `100` or `100,500`): a fresh kube-apiserver + etcd, the CCE simulator with 0 s jobs, the operator compiled
 * and run as its own process, and N clusters × P node pools × A add-ons created in one go. Measures time to the
 * first and to all Ready, operator CPU per object, cloud calls by operation against the minimum (2 per object:
 * create + one observe that finds it done), API server writes by resource against the minimum (3 per object:
 * finalizer, identity, Ready), one steady-state resync window, memory, and drift correction. Prints a table and
 * writes JSON (core count, Node version) so runs compare side by side.
 *
 *   make bench BENCH_N=500        npx tsx test/bench/run.ts --help
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { allCrds } from '../../operator/resources/crds.js';
import { sleep } from '../../operator/runtime/clock.js';
import { SimAdmin } from '../../sim/admin-client.js';
import { readImageRuntime, runtimeLine } from '../../hack/image-runtime.js';
import { startTestEnv } from '../../hack/testenv/launcher.js';
import { apiserverWrites } from './apiserver-writes.js';
import { driftCorrection } from './drift.js';
import { fleetOptions, USAGE, type FleetOptions } from './fleet-options.js';
import {
  BENCH_AK,
  BENCH_NAMESPACE,
  BENCH_PROJECT,
  BENCH_SK,
  clusterSet,
  credentialsSecret,
  PLURALS,
  type Manifest,
} from './fleet-manifests.js';
import { formatReport, type FleetResult } from './fleet-report.js';
import { KubeHttp } from './kube-http.js';
import { buildOperator, startOperator, type OperatorProcess } from './operator-process.js';
import { delta, total, type Sample } from './prom-text.js';
import { memoryBytes, memoryCgroup } from './memory-cgroup.js';
import { machineBusySeconds, processCpuSeconds, processName } from './proc-cpu.js';
import { readiness } from './readiness.js';
import { startSimProcess } from './sim-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = (process.env['BENCH_N'] ?? '100').split(',').filter(Boolean);
const log = (msg: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

log(`node ${process.version}, ${fleetOptions([], {}).cores} cores; building the operator and the simulator (tsc -> dist/)`);
const built = buildOperator(root);
// Another checkout's compiled operator (a "before" run): the same harness, simulator and measurements.
const entry = process.env['BENCH_OPERATOR_ENTRY'] ? resolve(process.env['BENCH_OPERATOR_ENTRY']) : built;
if (entry !== built) log(`operator under test: ${entry}`);
// The node flags and ENV the image starts that operator with, from its checkout's Dockerfile: the bench measures
// what ships (a "before" checkout with its own Dockerfile, without these settings, runs without them).
const image = readImageRuntime(join(dirname(entry), '..', '..', 'Dockerfile'));
log(`started as its image starts it: ${runtimeLine(image)}`);
/** What an interrupted run must stop (the operator and the simulator; the test environment reaps itself). */
const running = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the operator and the simulator`);
    void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(130));
  });
}

const results: FleetResult[] = [];
for (const n of sizes) {
  const opts = fleetOptions(process.argv.slice(2), { ...process.env, BENCH_N: n });
  results.push(await runOnce(opts));
  const file = resolve(root, opts.out); // relative to the repository; an absolute path as given
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results.at(-1), null, 2) + '\n');
  log(`wrote ${opts.out}`);
}
console.log(formatReport(results));
process.exit(results.every((r) => r.ready.all === r.objects) ? 0 : 1);

async function runOnce(o: FleetOptions): Promise<FleetResult> {
  const manifests: Manifest[] = [];
  for (let i = 0; i < o.clusters; i++) manifests.push(...clusterSet(i, o.pools, o.addons));
  const objects = manifests.length;
  log(
    `N=${o.clusters}: ${o.clusters} clusters × ${o.pools} pools × ${o.addons} add-ons = ${objects} objects; starting kube-apiserver + etcd`,
  );

  const env = await startTestEnv({ log: () => undefined });
  const kube = new KubeHttp(env.server, env.adminToken, env.caData);
  const kubectl = (args: string[], input?: string) =>
    execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, ...args], { input, encoding: 'utf8' });
  kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: allCrds() }));
  kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)]);
  const sim = await startSimProcess(root, { accessKey: BENCH_AK, secretKey: BENCH_SK, projectId: BENCH_PROJECT });
  const stopSim = () => sim.stop();
  running.add(stopSim);
  const admin = new SimAdmin(sim.url);
  await admin.setQuotas({ cluster: o.clusters + 10 });

  const logPath = join(tmpdir(), `cce-bench-operator-${o.clusters}.log`);
  const logFd = openSync(logPath, 'w');
  const args = [
    '--kubeconfig',
    env.kubeconfigPath,
    '--cce-endpoint',
    sim.url,
    '--leader-elect=false',
    '--log-level',
    process.env['BENCH_LOG_LEVEL'] ?? 'warn',
    '--cce-qps',
    String(o.qps),
    '--cce-burst',
    String(o.qps),
    '--resync-stable',
    `${o.resyncStableS}s`,
    ...(o.workers ? ['--workers', String(o.workers)] : []),
  ];
  const nodeOptions = process.env['BENCH_OPERATOR_NODE_OPTIONS'];
  const limit = o.memoryLimit === 'chart' ? chartMemoryLimit() : o.memoryLimit;
  const cgroup =
    limit === 'none' ? { unavailable: 'none asked' } : memoryCgroup(`cce-bench-${process.pid}-${o.clusters}`, memoryBytes(limit));
  const memoryLimit =
    'dir' in cgroup
      ? `${limit}${o.memoryLimit === 'chart' ? " (the chart's resources.limits.memory)" : ''}, a memory cgroup`
      : `none (${cgroup.unavailable})`;
  log(`operator memory limit: ${memoryLimit}${'dir' in cgroup ? ` (${cgroup.dir})` : ''}`);
  const op = await startOperator(
    entry,
    args,
    {
      PATH: process.env['PATH'] ?? '',
      ...image.env,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...operatorEnv(process.env['BENCH_OPERATOR_ENV']),
    },
    logFd,
    image.nodeFlags,
    'dir' in cgroup ? cgroup.wrap : undefined,
  );
  const stopOperator = () => op.stop().finally(() => ('dir' in cgroup ? cgroup.remove() : undefined));
  running.add(stopOperator);
  /** CPU seconds so far of each process of the run, and of the whole machine. */
  const machineCpu = () => {
    const byProcess: Record<string, number> = { operator: op.cpuSeconds(), simulator: processCpuSeconds(sim.child.pid ?? 0) };
    for (const pid of readFileSync(join(env.dir, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number)) {
      byProcess[processName(pid) || String(pid)] = processCpuSeconds(pid);
    }
    const self = process.cpuUsage();
    byProcess['benchmark'] = (self.user + self.system) / 1e6;
    return { byProcess, busy: machineBusySeconds(), at: Date.now() };
  };
  await sleep(2000);
  // No heap snapshot here: writing one leaves the process's native memory (and so its RSS) grown for the rest of
  // the run. The one snapshot is taken at the very end, after every RSS reading.
  const idle = { rss: op.rssBytes(), heap: heapOf(await op.metrics()) };
  log(`operator up (idle RSS ${mib(idle.rss)} MiB, heap ${mib(idle.heap)} MiB; log: ${logPath}); creating ${objects} objects`);

  try {
    const writes0 = await apiserverWrites(kube);
    const cpu0 = op.cpuSeconds();
    const machine0 = machineCpu();
    const start = Date.now();
    const created = new Map<string, number>();
    const create = async (m: Manifest) => {
      const plural = PLURALS[m.kind]!;
      const path =
        m.apiVersion === 'v1'
          ? `/api/v1/namespaces/${BENCH_NAMESPACE}/${plural}`
          : `/apis/${m.apiVersion}/namespaces/${BENCH_NAMESPACE}/${plural}`;
      const res = await kube.call('POST', path, m);
      if (res.status !== 201) throw new Error(`create ${m.kind} ${m.metadata.name}: ${res.status} ${res.text.slice(0, 300)}`);
      created.set(plural, (created.get(plural) ?? 0) + 1);
    };
    // Watched from before the first create: an object Ready while others are still being created is timed then.
    const readyWatch = readiness(kube, objects, start, o.timeoutS * 1000, async (line) => {
      const calls = total(toMap((await admin.counts()).byOperation));
      log(`${line}, ${calls} cloud calls, operator CPU ${(op.cpuSeconds() - cpu0).toFixed(1)} s, RSS ${mib(op.rssBytes())} MiB`);
    });
    await create(credentialsSecret());
    await KubeHttp.pool(manifests, 16, create);
    const appliedMs = Date.now() - start;
    log(`created ${objects} objects in ${(appliedMs / 1000).toFixed(1)} s; waiting for Ready`);

    const ready = await readyWatch;
    const cpuConverge = op.cpuSeconds() - cpu0;
    const machine1 = machineCpu();
    const calls = (await admin.counts()).byOperation;
    const writes = subtract(delta(await apiserverWrites(kube), writes0), created);
    const sim1 = await admin.objects();
    const expected = { clusters: o.clusters, nodePools: o.clusters * o.pools, addons: o.clusters * o.addons };
    // The simulator installs coredns and everest on every new standard cluster (as CCE does).
    const duplicates = {
      clusters: sim1.clusters.length - expected.clusters,
      nodePools: sim1.nodePools.length - expected.nodePools,
      addons: sim1.addons.length - expected.addons - 2 * o.clusters,
    };
    await sleep(3000);
    const convergedSamples = await op.metrics();
    const converged = { rss: op.rssBytes(), heap: heapOf(convergedSamples), spaces: memorySpaces(convergedSamples) };
    log(`all ${ready.all}/${objects} Ready after ${(ready.allMs / 1000).toFixed(1)} s; steady-state window of ${o.resyncStableS * 1.1} s`);

    const s0 = {
      calls: (await admin.counts()).byOperation,
      writes: await apiserverWrites(kube),
      rec: reconciles(await op.metrics()),
      cpu: op.cpuSeconds(),
    };
    await sleep(o.resyncStableS * 1100);
    const s1 = {
      calls: (await admin.counts()).byOperation,
      writes: await apiserverWrites(kube),
      rec: reconciles(await op.metrics()),
      cpu: op.cpuSeconds(),
    };
    const steady = {
      windowS: o.resyncStableS * 1.1,
      reconciles: s1.rec - s0.rec,
      calls: Object.fromEntries(delta(toMap(s1.calls), toMap(s0.calls))),
      writes: Object.fromEntries(delta(s1.writes, s0.writes)),
      cpuSeconds: s1.cpu - s0.cpu,
    };
    log(
      `steady state: ${steady.reconciles} reconciles, ${total(toMap(steady.calls))} cloud calls, ${total(toMap(steady.writes))} writes; drift on ${Math.ceil(o.clusters * o.driftFraction)} clusters`,
    );

    const drift = await driftCorrection(sim.url, admin, o, (line) => log(line));
    const final = { rss: op.rssBytes(), heap: heapOf(await op.metrics()), peakRss: op.peakRssBytes() };
    log('heap snapshot of the converged operator (it pauses while V8 writes it)');
    const live = await op.heap();
    const callTotal = total(toMap(calls));
    const writeTotal = total(writes);
    const crWrites = total(new Map([...writes].filter(([k]) => k.startsWith('cce'))));
    return {
      when: new Date().toISOString(),
      node: process.version,
      operator: entry === built ? 'this checkout' : entry,
      cores: o.cores,
      options: {
        clusters: o.clusters,
        pools: o.pools,
        addons: o.addons,
        workers: o.workers ?? 'default',
        qps: o.qps,
        resyncStableS: o.resyncStableS,
        image: { nodeFlags: image.nodeFlags, env: image.env },
        memoryLimit,
        operatorNodeOptions: nodeOptions ?? '',
        operatorEnv: process.env['BENCH_OPERATOR_ENV'] ?? '',
      },
      objects,
      appliedMs,
      ready,
      duplicates,
      cpu: {
        convergeSeconds: cpuConverge,
        msPerObject: (cpuConverge * 1000) / objects,
        machine: {
          byProcess: Object.fromEntries(Object.entries(machine1.byProcess).map(([k, v]) => [k, v - (machine0.byProcess[k] ?? 0)])),
          busySeconds: machine1.busy - machine0.busy,
          availableSeconds: ((machine1.at - machine0.at) / 1000) * o.cores,
        },
      },
      cloudCalls: {
        total: callTotal,
        perObject: callTotal / objects,
        minimum: 2 * objects,
        ratio: callTotal / (2 * objects),
        byOperation: calls,
      },
      apiserverWrites: {
        total: writeTotal,
        perObject: writeTotal / objects,
        customResources: crWrites,
        minimum: 3 * objects,
        ratio: writeTotal / (3 * objects),
        crRatio: crWrites / (3 * objects),
        byResource: Object.fromEntries(writes),
      },
      steady: {
        ...steady,
        reconcilesPerObject: steady.reconciles / objects,
        callsPerObjectPerResync: total(toMap(steady.calls)) / objects / 1.1,
        writesPerObjectPerResync: total(toMap(steady.writes)) / objects / 1.1,
      },
      memory: {
        idleRssMiB: mib(idle.rss),
        idleHeapMiB: mib(idle.heap),
        convergedRssMiB: mib(converged.rss),
        convergedHeapMiB: mib(converged.heap),
        finalRssMiB: mib(final.rss),
        finalHeapMiB: mib(final.heap),
        peakRssMiB: mib(final.peakRss),
        rssKiBPerObject: (converged.rss - idle.rss) / 1024 / objects,
        heapKiBPerObject: (converged.heap - idle.heap) / 1024 / objects,
        // Where the converged RSS is: V8's heap spaces as committed (not used), and memory outside the V8 heap.
        convergedSpacesMiB: converged.spaces,
        // After a full GC (heap snapshots): what the objects really keep alive.
        liveHeapFinalMiB: liveMiB(live),
        // Against the idle heap gauge (an idle operator has made little garbage yet).
        liveHeapKiBPerObject: 'liveBytes' in live ? (live.liveBytes - idle.heap) / 1024 / objects : -1,
        liveHeapTop: 'top' in live ? live.top : [],
      },
      drift,
    };
  } finally {
    running.delete(stopOperator);
    running.delete(stopSim);
    await stopOperator();
    closeSync(logFd);
    kube.close();
    await sim.stop();
    await env.stop();
  }
}

/** The memory limit the chart deploys the operator with (resources.limits.memory). */
function chartMemoryLimit(): string {
  const values = parse(readFileSync(join(root, 'charts', 'cce-operator', 'values.yaml'), 'utf8')) as {
    resources?: { limits?: { memory?: string } };
  };
  return values.resources?.limits?.memory ?? 'none';
}

/** BENCH_OPERATOR_ENV: "NAME=value NAME=value" for the operator process (e.g. MALLOC_ARENA_MAX=2). */
function operatorEnv(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (spec ?? '').split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`BENCH_OPERATOR_ENV: "${pair}" is not NAME=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function liveMiB(h: Awaited<ReturnType<OperatorProcess['heap']>>): number {
  return 'liveBytes' in h ? mib(h.liveBytes) : -1;
}

/** Committed size of each V8 heap space, the external (Buffer) memory and the heap total, MiB. */
function memorySpaces(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of samples) {
    if (x.name === 'nodejs_heap_space_size_total_bytes') out[x.labels['space'] ?? '?'] = mib(x.value);
    if (x.name === 'nodejs_external_memory_bytes') out['external'] = mib(x.value);
    if (x.name === 'nodejs_heap_size_total_bytes') out['heapTotal'] = mib(x.value);
  }
  return out;
}

function heapOf(samples: Sample[]): number {
  const s = samples.find((x) => x.name.endsWith('nodejs_heap_size_used_bytes'));
  return s?.value ?? 0;
}

/** Reconciles the operator has finished, all kinds and results (either metric name the operator exports). */
function reconciles(samples: Sample[]): number {
  return samples
    .filter((s) => s.name === 'controller_runtime_reconcile_total' || s.name === 'cce_operator_reconcile_total')
    .reduce((a, s) => a + s.value, 0);
}

function subtract(writes: Map<string, number>, ours: Map<string, number>): Map<string, number> {
  const out = new Map(writes);
  for (const [plural, n] of ours) {
    const left = (out.get(plural) ?? 0) - n;
    if (left) out.set(plural, left);
    else out.delete(plural);
  }
  return out;
}

function toMap(o: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(o));
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

export type { OperatorProcess };
