/** The fleet benchmark's result (the JSON file) and its table on stdout, one column per N. */
import { runtimeLine } from '../../hack/image-runtime.js';
import type { DriftResult } from './drift.js';
import type { Readiness } from './readiness.js';

export interface FleetResult {
  when: string;
  node: string;
  /** The operator measured: "this checkout", or the BENCH_OPERATOR_ENTRY it was given. */
  operator: string;
  cores: number;
  options: {
    clusters: number;
    pools: number;
    addons: number;
    workers: number | string;
    qps: number;
    resyncStableS: number;
    /** The node flags and ENV of the image's final stage (its checkout's Dockerfile), which the operator ran with. */
    image?: { nodeFlags: string[]; env: Record<string, string> };
    /** The operator's memory limit (a cgroup) and where it came from, or none and why. */
    memoryLimit?: string;
    /** BENCH_OPERATOR_NODE_OPTIONS and BENCH_OPERATOR_ENV as given ('' when unset). */
    operatorNodeOptions: string;
    operatorEnv: string;
  };
  objects: number;
  appliedMs: number;
  ready: Readiness;
  duplicates: { clusters: number; nodePools: number; addons: number };
  cpu: {
    convergeSeconds: number;
    msPerObject: number;
    /**
     * Where the machine's cores went from the first create to all Ready: CPU seconds per process (operator,
     * kube-apiserver, etcd, simulator, this benchmark) and the machine's busy seconds against cores × wall time.
     */
    machine?: { byProcess: Record<string, number>; busySeconds: number; availableSeconds: number };
  };
  cloudCalls: { total: number; perObject: number; minimum: number; ratio: number; byOperation: Record<string, number> };
  apiserverWrites: {
    total: number;
    perObject: number;
    customResources: number;
    minimum: number;
    ratio: number;
    crRatio: number;
    byResource: Record<string, number>;
  };
  steady: {
    windowS: number;
    reconciles: number;
    reconcilesPerObject: number;
    calls: Record<string, number>;
    writes: Record<string, number>;
    callsPerObjectPerResync: number;
    writesPerObjectPerResync: number;
    cpuSeconds: number;
  };
  memory: {
    idleRssMiB: number;
    idleHeapMiB: number;
    convergedRssMiB: number;
    convergedHeapMiB: number;
    finalRssMiB: number;
    finalHeapMiB: number;
    peakRssMiB: number;
    rssKiBPerObject: number;
    heapKiBPerObject: number;
    convergedSpacesMiB: Record<string, number>;
    liveHeapFinalMiB: number;
    liveHeapKiBPerObject: number;
    liveHeapTop: Array<{ name: string; count: number; bytes: number }>;
  };
  drift: DriftResult;
}

const s = (ms: number) => (ms < 0 ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
const f = (n: number, d = 2) => n.toFixed(d);
const top = (m: Record<string, number>, k = 6) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ') || '-';

export function formatReport(results: readonly FleetResult[]): string {
  const rows: [string, (r: FleetResult) => string][] = [
    ['objects (clusters × pools × add-ons)', (r) => `${r.objects} (${r.options.clusters}×${r.options.pools}×${r.options.addons})`],
    ['created in', (r) => s(r.appliedMs)],
    ['first Ready (any / cluster)', (r) => `${s(r.ready.firstMs)} / ${s(r.ready.firstClusterMs)}`],
    ['all Ready after', (r) => `${s(r.ready.allMs)} (${r.ready.all}/${r.objects})`],
    ['duplicates in the cloud', (r) => `${r.duplicates.clusters + r.duplicates.nodePools + r.duplicates.addons}`],
    ['operator CPU per object', (r) => `${f(r.cpu.msPerObject, 1)} ms (${f(r.cpu.convergeSeconds, 1)} s)`],
    [
      'machine CPU until all Ready (s)',
      (r) =>
        r.cpu.machine
          ? `${Object.entries(r.cpu.machine.byProcess)
              .map(([k, v]) => `${k} ${f(v, 0)}`)
              .join(
                ', ',
              )}; busy ${f(r.cpu.machine.busySeconds, 0)} of ${f(r.cpu.machine.availableSeconds, 0)} (${f((100 * r.cpu.machine.busySeconds) / r.cpu.machine.availableSeconds, 0)}%)`
          : '-',
    ],
    ['cloud calls per object (min 2)', (r) => `${f(r.cloudCalls.perObject)} = ${f(r.cloudCalls.ratio)}× min`],
    ['  by operation', (r) => top(r.cloudCalls.byOperation)],
    ['apiserver writes per object (min 3)', (r) => `${f(r.apiserverWrites.perObject)} = ${f(r.apiserverWrites.ratio)}× min`],
    ['  custom resources only', (r) => `${f(r.apiserverWrites.customResources / r.objects)} = ${f(r.apiserverWrites.crRatio)}× min`],
    ['  by resource', (r) => top(r.apiserverWrites.byResource)],
    ['steady state: reconciles per object', (r) => `${f(r.steady.reconcilesPerObject)} in ${f(r.steady.windowS, 0)} s`],
    ['  cloud calls per object per resync', (r) => `${f(r.steady.callsPerObjectPerResync)} (${top(r.steady.calls, 3)})`],
    ['  writes per object per resync', (r) => `${f(r.steady.writesPerObjectPerResync)} (${top(r.steady.writes, 3)})`],
    ['  operator CPU per reconcile', (r) => `${f((r.steady.cpuSeconds * 1000) / Math.max(1, r.steady.reconciles), 2)} ms`],
    ['RSS idle / converged / peak', (r) => `${r.memory.idleRssMiB} / ${r.memory.convergedRssMiB} / ${r.memory.peakRssMiB} MiB`],
    ['heap idle / converged', (r) => `${r.memory.idleHeapMiB} / ${r.memory.convergedHeapMiB} MiB`],
    ['RSS / heap per object', (r) => `${f(r.memory.rssKiBPerObject, 1)} / ${f(r.memory.heapKiBPerObject, 1)} KiB`],
    ['live heap after GC at the end (per object)', (r) => `${r.memory.liveHeapFinalMiB} MiB (${f(r.memory.liveHeapKiBPerObject, 1)} KiB)`],
    [
      '  largest by constructor',
      (r) =>
        r.memory.liveHeapTop
          .slice(0, 5)
          .map((t) => `${t.name} ${(t.bytes / 1048576).toFixed(1)}`)
          .join(', ') || '-',
    ],
    [
      'drift corrected (first / all)',
      (r) =>
        `${s(r.drift.firstCorrectedMs)} / ${s(r.drift.allCorrectedMs)} (${r.drift.corrected}/${r.drift.clusters}; resync ${r.drift.resyncStableS} s)`,
    ],
  ];
  const head = results[0];
  const lines = [
    `fleet benchmark — node ${head?.node}, ${head?.cores} cores, workers ${head?.options.workers}, cce-qps ${head?.options.qps}, simulator jobs 0 s`,
  ];
  if (head && head.operator !== 'this checkout') lines.push(`operator under test: ${head.operator}`);
  // results from before the image settings were recorded have none
  if (head?.options.image) lines.push(`operator started as its image starts it: ${runtimeLine(head.options.image)}`);
  if (head?.options.memoryLimit) lines.push(`operator memory limit: ${head.options.memoryLimit}`);
  const tuned = [head?.options.operatorNodeOptions, head?.options.operatorEnv].filter(Boolean).join(' ');
  if (tuned) lines.push(`operator process: ${tuned}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push(`${''.padEnd(width)} | ${results.map((r) => `N=${r.options.clusters}`).join(' | ')}`);
  for (const [label, cell] of rows) lines.push(`${label.padEnd(width)} | ${results.map(cell).join(' | ')}`);
  if (results.length > 1) {
    const a = results[0]!;
    const b = results.at(-1)!;
    const slope = ((b.memory.convergedRssMiB - a.memory.convergedRssMiB) * 1024) / (b.objects - a.objects);
    lines.push(`${'RSS slope between N'.padEnd(width)} | ${f(slope, 1)} KiB per object`);
  }
  return lines.join('\n');
}
