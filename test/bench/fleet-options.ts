/** The fleet benchmark's knobs: environment variables (BENCH_*), overridden by flags of the same name. */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

export interface FleetOptions {
  /** Clusters (BENCH_N); each brings `pools` node pools and `addons` add-ons. */
  clusters: number;
  pools: number;
  addons: number;
  /** Operator flags: concurrent reconciles per kind (undefined = the operator's default). */
  workers: number | undefined;
  /** The operator's per-project cloud budget (--cce-qps / --cce-burst); the simulator is one project. */
  qps: number;
  /** The operator's --resync-stable: also the length of the steady-state window (one resync of every object). */
  resyncStableS: number;
  /** Share of clusters changed directly in the simulator for the drift measurement. */
  driftFraction: number;
  /** Give up waiting for Ready after this long. */
  timeoutS: number;
  /** Where the JSON result goes. */
  out: string;
  /**
   * The operator's memory limit (a cgroup): 'chart' = the chart's resources.limits.memory, as it is deployed; 'none'
   * = no limit (V8 then sizes its heap from the machine's memory); or a quantity such as 1Gi.
   */
  memoryLimit: string;
  cores: number;
}

const FLAGS = {
  n: { type: 'string' },
  pools: { type: 'string' },
  addons: { type: 'string' },
  workers: { type: 'string' },
  qps: { type: 'string' },
  'resync-stable': { type: 'string' },
  drift: { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  'memory-limit': { type: 'string' },
} as const;

export const USAGE = `make bench [BENCH_N=100] — or npx tsx test/bench/run.ts [flags]
  --n / BENCH_N                 clusters (default 100; each with --pools pools and --addons add-ons)
  --pools / BENCH_POOLS         node pools per cluster (default 2)
  --addons / BENCH_ADDONS       add-ons per cluster (default 2, at most 3)
  --workers / BENCH_WORKERS     the operator's --workers (default: the operator's own default)
  --qps / BENCH_QPS             the operator's --cce-qps and --cce-burst (default 100: the simulator is one project)
  --resync-stable / BENCH_RESYNC_S  the operator's --resync-stable in seconds, = the steady-state window (default 60)
  --drift / BENCH_DRIFT         fraction of clusters changed in the simulator to time drift correction (default 0.01)
  --timeout / BENCH_TIMEOUT_S   give up waiting for Ready after this many seconds (default 1800)
  --out / BENCH_OUT             JSON result file (default bench-results/fleet-<N>.json)
  --memory-limit / BENCH_MEMORY_LIMIT  the operator's memory limit, a cgroup (default chart: the chart's
                                resources.limits.memory, as deployed; node sizes V8's heap from it); none, or e.g. 1Gi
  BENCH_LOG_LEVEL               the operator's --log-level (default warn; its log file is named in the output)
  BENCH_OPERATOR_ENTRY          an operator already compiled elsewhere (its dist/operator/main.js), e.g. an older
                                commit's checkout, to measure "before" with this harness (default: this checkout, built)
                                The operator always runs with the node flags and ENV of its checkout's Dockerfile
                                (final stage), as the image runs it.
  BENCH_OPERATOR_ENV            more environment for the operator process, "NAME=value NAME=value" (e.g. MALLOC_ARENA_MAX=2)
  BENCH_OPERATOR_NODE_OPTIONS   NODE_OPTIONS for the operator process only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
                                (a profile is written when the operator exits at the end of the run)`;

export function fleetOptions(argv: string[], env: NodeJS.ProcessEnv): FleetOptions {
  const { values } = parseArgs({ args: argv, options: FLAGS, strict: true });
  const pick = (flag: keyof typeof FLAGS, name: string, def: string): string => values[flag] ?? env[name] ?? def;
  const num = (flag: keyof typeof FLAGS, name: string, def: string, min: number): number => {
    const raw = pick(flag, name, def);
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min) throw new Error(`--${flag} / ${name}: "${raw}" is not a number >= ${min}`);
    return v;
  };
  const clusters = num('n', 'BENCH_N', '100', 1);
  const workersRaw = pick('workers', 'BENCH_WORKERS', '');
  const addons = Math.floor(num('addons', 'BENCH_ADDONS', '2', 0));
  if (addons > 3) throw new Error(`--addons / BENCH_ADDONS: at most 3 (the simulator has 3 distinct add-on templates to install)`);
  return {
    clusters: Math.floor(clusters),
    pools: Math.floor(num('pools', 'BENCH_POOLS', '2', 0)),
    addons,
    workers: workersRaw ? Math.floor(num('workers', 'BENCH_WORKERS', '', 1)) : undefined,
    qps: num('qps', 'BENCH_QPS', '100', 1),
    resyncStableS: num('resync-stable', 'BENCH_RESYNC_S', '60', 5),
    driftFraction: num('drift', 'BENCH_DRIFT', '0.01', 0),
    timeoutS: num('timeout', 'BENCH_TIMEOUT_S', '1800', 10),
    out: pick('out', 'BENCH_OUT', `bench-results/fleet-${clusters}.json`),
    memoryLimit: pick('memory-limit', 'BENCH_MEMORY_LIMIT', 'chart'),
    cores: cpus().length,
  };
}
