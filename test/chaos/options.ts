/** The chaos suite's settings: flags win over environment variables, which win over the defaults. */
import { parseArgs } from 'node:util';

export interface ChaosOptions {
  /** Fleet objects: clusters × 5 (each cluster has 2 node pools and 2 add-ons). */
  objects: number;
  /** How long the operator is killed and the cloud misbehaves. */
  chaosSeconds: number;
  /** SIGKILL interval range (a random value in [min, max] between kills). */
  killMinSeconds: number;
  killMaxSeconds: number;
  /** Generated invalid specs. */
  corpus: number;
  /** Fraction of clusters (with their pools and add-ons) deleted while they are being created. */
  deleteFraction: number;
  /** How long the fleet may take to settle after the chaos stops. */
  settleSeconds: number;
  /** The simulator's job duration (s). */
  jobSeconds: number;
  /** Where the JSON report goes ('' = nowhere). */
  jsonPath: string;
  seed: number;
}

export const DEFAULTS: ChaosOptions = {
  objects: 250,
  chaosSeconds: 180,
  killMinSeconds: 10,
  killMaxSeconds: 15,
  corpus: 1000,
  deleteFraction: 0.1,
  settleSeconds: 600,
  jobSeconds: 2,
  jsonPath: 'chaos-results/chaos.json',
  seed: 12,
};

const spec: Record<keyof ChaosOptions, { flag: string; env: string }> = {
  objects: { flag: 'objects', env: 'CHAOS_OBJECTS' },
  chaosSeconds: { flag: 'chaos-seconds', env: 'CHAOS_SECONDS' },
  killMinSeconds: { flag: 'kill-min-seconds', env: 'CHAOS_KILL_MIN_SECONDS' },
  killMaxSeconds: { flag: 'kill-max-seconds', env: 'CHAOS_KILL_MAX_SECONDS' },
  corpus: { flag: 'corpus', env: 'CHAOS_CORPUS' },
  deleteFraction: { flag: 'delete-fraction', env: 'CHAOS_DELETE_FRACTION' },
  settleSeconds: { flag: 'settle-seconds', env: 'CHAOS_SETTLE_SECONDS' },
  jobSeconds: { flag: 'job-seconds', env: 'CHAOS_JOB_SECONDS' },
  jsonPath: { flag: 'json', env: 'CHAOS_JSON' },
  seed: { flag: 'seed', env: 'CHAOS_SEED' },
};

export const USAGE = `npx tsx test/chaos/run.ts [flags]   (make chaos; each flag also as an environment variable)
${Object.entries(spec)
  .map(([k, s]) => `  --${s.flag.padEnd(18)} ${s.env.padEnd(24)} default ${String(DEFAULTS[k as keyof ChaosOptions]) || "''"}`)
  .join('\n')}`;

export function chaosOptions(argv: string[], env: NodeJS.ProcessEnv): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.values(spec).map((s) => [s.flag, { type: 'string' as const }])),
    strict: true,
  });
  const out: Record<string, number | string> = { ...DEFAULTS };
  for (const [key, s] of Object.entries(spec) as [keyof ChaosOptions, { flag: string; env: string }][]) {
    const raw = (values as Record<string, string | undefined>)[s.flag] ?? env[s.env];
    if (raw === undefined) continue;
    if (typeof DEFAULTS[key] === 'string') out[key] = raw;
    else {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${s.flag} / ${s.env}: must be a number >= 0, got ${raw}`);
      out[key] = n;
    }
  }
  const o = out as unknown as ChaosOptions;
  if (o.objects < 5 || o.objects % 5 !== 0)
    throw new Error('--objects must be a positive multiple of 5 (clusters × (1 + 2 pools + 2 add-ons))');
  if (o.killMinSeconds > o.killMaxSeconds) throw new Error('--kill-min-seconds must not exceed --kill-max-seconds');
  return o;
}
