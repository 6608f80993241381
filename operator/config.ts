// Operator configuration. Every setting is a command-line flag AND an environment variable (flag wins),
// with a safe default. The SETTINGS table is the single source for parsing, `--help` and the README table.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseEndpointList } from './resources/endpoint-trust.js';
import { formatDuration, parseDuration } from './runtime/duration.js';
import { LOG_LEVELS, type LogLevel } from './runtime/logger.js';
import type { ManagerSettings } from './runtime/manager.js';

/** The manager's settings plus what main.ts itself uses. */
export interface OperatorConfig extends ManagerSettings {
  kubeconfig: string;
  logLevel: LogLevel;
  cceEndpoint: string;
  /** Comma-separated URL prefixes (parseEndpointList) the operator-wide credentials may be sent to. */
  trustedEndpoints: string;
  cceQps: number;
  cceBurst: number;
  cceTimeoutMs: number;
}

type Kind = 'string' | 'int' | 'number' | 'bool' | 'duration';
type Env = Record<string, string | undefined>;

interface Setting {
  key: keyof OperatorConfig;
  flag: string;
  env: string;
  kind: Kind;
  help: string;
  /** Default value, or a function of the environment (e.g. POD_NAMESPACE). */
  def: string | ((env: Env) => string);
  /** Shown in help/README instead of a computed default. */
  defText?: string;
  check?: (v: unknown) => string | undefined;
}

const positive = (v: unknown) => ((v as number) > 0 ? undefined : 'must be greater than 0');
const fraction = (v: unknown) => ((v as number) >= 0 && (v as number) < 1 ? undefined : 'must be in [0, 1)');
const urlList = (v: unknown) => {
  try {
    parseEndpointList(v as string);
    return undefined;
  } catch (err) {
    return `must be comma-separated http(s) URL prefixes: ${(err as Error).message}`;
  }
};

export const SETTINGS: readonly Setting[] = [
  {
    key: 'kubeconfig',
    flag: 'kubeconfig',
    env: 'KUBECONFIG',
    kind: 'string',
    def: '',
    defText: '~/.kube/config, then in-cluster',
    help: 'Path to a kubeconfig file.',
  },
  {
    key: 'namespace',
    flag: 'namespace',
    env: 'CCE_OPERATOR_NAMESPACE',
    kind: 'string',
    def: '',
    defText: 'all namespaces',
    help: 'Watch only this namespace.',
  },
  {
    key: 'workers',
    flag: 'workers',
    env: 'CCE_OPERATOR_WORKERS',
    kind: 'int',
    def: '16',
    check: positive,
    help: 'Concurrent reconciles per kind. A reconcile mostly waits on the cloud and the API server, so several run at once; the cloud budget (--cce-qps) still bounds the calls.',
  },
  {
    key: 'leaderElect',
    flag: 'leader-elect',
    env: 'CCE_OPERATOR_LEADER_ELECT',
    kind: 'bool',
    def: 'true',
    help: 'Run controllers only while holding the Lease (disable for a single local process).',
  },
  {
    key: 'leaseName',
    flag: 'lease-name',
    env: 'CCE_OPERATOR_LEASE_NAME',
    kind: 'string',
    def: 'cce-operator-leader',
    help: 'Name of the coordination.k8s.io/v1 Lease.',
  },
  {
    key: 'leaseNamespace',
    flag: 'lease-namespace',
    env: 'CCE_OPERATOR_LEASE_NAMESPACE',
    kind: 'string',
    def: (e) => e['POD_NAMESPACE'] || 'default',
    defText: '$POD_NAMESPACE or default',
    help: 'Namespace of the Lease.',
  },
  {
    key: 'leaseDurationMs',
    flag: 'lease-duration',
    env: 'CCE_OPERATOR_LEASE_DURATION',
    kind: 'duration',
    def: '15s',
    check: positive,
    help: 'How long a standby waits after the last renewal before taking over.',
  },
  {
    key: 'renewDeadlineMs',
    flag: 'lease-renew-deadline',
    env: 'CCE_OPERATOR_LEASE_RENEW_DEADLINE',
    kind: 'duration',
    def: '10s',
    check: positive,
    help: 'The leader steps down when it cannot renew for this long.',
  },
  {
    key: 'retryPeriodMs',
    flag: 'lease-retry-period',
    env: 'CCE_OPERATOR_LEASE_RETRY_PERIOD',
    kind: 'duration',
    def: '2s',
    check: positive,
    help: 'Interval between acquire/renew attempts.',
  },
  {
    key: 'identity',
    flag: 'identity',
    env: 'CCE_OPERATOR_IDENTITY',
    kind: 'string',
    def: (e) => e['POD_NAME'] || `${hostname()}_${randomUUID().slice(0, 8)}`,
    defText: '$POD_NAME or hostname_random',
    help: 'Holder identity written to the Lease and Events.',
  },
  {
    key: 'metricsAddr',
    flag: 'metrics-addr',
    env: 'CCE_OPERATOR_METRICS_ADDR',
    kind: 'string',
    def: ':8080',
    help: 'Listen address for /metrics, /healthz and /readyz ("0" disables).',
  },
  {
    key: 'resyncStableMs',
    flag: 'resync-stable',
    env: 'CCE_OPERATOR_RESYNC_STABLE',
    kind: 'duration',
    def: '10m',
    check: positive,
    help: 'Re-observe period for Ready objects with nothing in flight. A due re-observe waits (5 s or more at a time) while the cloud budget of its project is less than half full (`--cce-burst`), so new and changed objects go first.',
  },
  {
    key: 'resyncActiveMs',
    flag: 'resync-active',
    env: 'CCE_OPERATOR_RESYNC_ACTIVE',
    kind: 'duration',
    def: '30s',
    check: positive,
    help: 'Re-observe period while a job runs or the object is not Ready.',
  },
  {
    key: 'resyncJitter',
    flag: 'resync-jitter',
    env: 'CCE_OPERATOR_RESYNC_JITTER',
    kind: 'number',
    def: '0.1',
    check: fraction,
    help: 'Random +/- fraction applied to resync periods.',
  },
  {
    key: 'backoffBaseMs',
    flag: 'backoff-base',
    env: 'CCE_OPERATOR_BACKOFF_BASE',
    kind: 'duration',
    def: '1s',
    check: positive,
    help: 'First retry delay after a failed reconcile (doubles per failure).',
  },
  {
    key: 'backoffMaxMs',
    flag: 'backoff-max',
    env: 'CCE_OPERATOR_BACKOFF_MAX',
    kind: 'duration',
    def: '5m',
    check: positive,
    help: 'Cap on the retry delay.',
  },
  {
    key: 'shutdownTimeoutMs',
    flag: 'shutdown-timeout',
    env: 'CCE_OPERATOR_SHUTDOWN_TIMEOUT',
    kind: 'duration',
    def: '30s',
    check: positive,
    help: 'On SIGTERM, how long in-flight reconciles may take to finish.',
  },
  {
    key: 'logLevel',
    flag: 'log-level',
    env: 'CCE_OPERATOR_LOG_LEVEL',
    kind: 'string',
    def: 'info',
    check: (v) => (LOG_LEVELS.includes(v as LogLevel) ? undefined : `must be one of ${LOG_LEVELS.join(', ')}`),
    help: 'error, warn, info or debug.',
  },
  {
    key: 'cceEndpoint',
    flag: 'cce-endpoint',
    env: 'CCE_OPERATOR_CCE_ENDPOINT',
    kind: 'string',
    def: '',
    defText: 'regional endpoint',
    help: 'Override the CCE API base URL (e.g. the simulator).',
  },
  {
    key: 'trustedEndpoints',
    flag: 'trusted-endpoints',
    env: 'CCE_OPERATOR_TRUSTED_ENDPOINTS',
    kind: 'string',
    def: '',
    defText: 'none',
    check: urlList,
    help: 'Comma-separated URL prefixes (scheme, host and port exact; path prefix) the operator-wide credentials may also be sent to, besides the regional endpoints and --cce-endpoint. An object naming any other endpoint must name its own credentials Secret.',
  },
  {
    key: 'cceQps',
    flag: 'cce-qps',
    env: 'CCE_OPERATOR_CCE_QPS',
    kind: 'number',
    def: '10',
    check: positive,
    help: 'Client-side budget of CCE API requests per second, per (endpoint, project), shared by all objects.',
  },
  {
    key: 'cceBurst',
    flag: 'cce-burst',
    env: 'CCE_OPERATOR_CCE_BURST',
    kind: 'int',
    def: '20',
    check: positive,
    help: 'Requests that may go out at once before --cce-qps applies.',
  },
  {
    key: 'cceTimeoutMs',
    flag: 'cce-timeout',
    env: 'CCE_OPERATOR_CCE_TIMEOUT',
    kind: 'duration',
    def: '30s',
    check: positive,
    help: 'Timeout of each CCE API request attempt.',
  },
];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type ParseOutcome = { help: true; text: string } | { help: false; config: OperatorConfig };

/** Parses flags (argv without node and script) and environment variables. Throws ConfigError. */
export function parseConfig(argv: readonly string[], env: Env = process.env): ParseOutcome {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const s of SETTINGS) options[s.flag] = { type: 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: normaliseBools(argv), options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (values['help']) return { help: true, text: helpText() };
  const config: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const fromFlag = values[s.flag] as string | undefined;
    const fromEnv = env[s.env] === '' ? undefined : env[s.env];
    const raw = fromFlag ?? fromEnv ?? (typeof s.def === 'function' ? s.def(env) : s.def);
    const where = fromFlag !== undefined ? `--${s.flag}` : fromEnv !== undefined ? s.env : `default of --${s.flag}`;
    const value = convert(s.kind, raw);
    if (value === undefined) throw new ConfigError(`${where}: "${raw}" is not a valid ${s.kind}`);
    const problem = s.check?.(value);
    if (problem) throw new ConfigError(`${where}: ${problem} (got "${raw}")`);
    config[s.key] = value;
  }
  const c = config as unknown as OperatorConfig;
  if (c.renewDeadlineMs >= c.leaseDurationMs) throw new ConfigError('--lease-renew-deadline must be shorter than --lease-duration');
  if (c.retryPeriodMs >= c.renewDeadlineMs) throw new ConfigError('--lease-retry-period must be shorter than --lease-renew-deadline');
  if (c.backoffBaseMs > c.backoffMaxMs) throw new ConfigError('--backoff-base must not exceed --backoff-max');
  return { help: false, config: c };
}

/** `--flag` -> `--flag=true` and `--no-flag` -> `--flag=false` for boolean settings. */
function normaliseBools(argv: readonly string[]): string[] {
  const bools = new Set(SETTINGS.filter((s) => s.kind === 'bool').map((s) => s.flag));
  return argv.map((a) => {
    if (bools.has(a.slice(2)) && a.startsWith('--')) return `${a}=true`;
    if (a.startsWith('--no-') && bools.has(a.slice(5))) return `--${a.slice(5)}=false`;
    return a;
  });
}

function convert(kind: Kind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'int':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw) : undefined;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'bool':
      return /^(true|1|yes)$/i.test(raw) ? true : /^(false|0|no)$/i.test(raw) ? false : undefined;
    case 'duration':
      return parseDuration(raw);
  }
}

function defaultText(s: Setting): string {
  if (s.defText) return s.defText;
  const d = s.def as string;
  return s.kind === 'duration' ? formatDuration(parseDuration(d) ?? 0) : d;
}

export function helpText(): string {
  const rows = SETTINGS.map((s) => {
    const left = `  --${s.flag}${s.kind === 'bool' ? '[=true|false]' : ` <${s.kind}>`}`;
    return `${left.padEnd(40)} ${s.help}\n${' '.repeat(41)}env ${s.env}, default: ${defaultText(s)}`;
  });
  return [
    'Usage: cce-operator [run] [flags]',
    '',
    'Every flag can also be set by its environment variable; the flag wins.',
    '',
    ...rows,
    `  --help${' '.repeat(34)} Show this help.`,
  ].join('\n');
}

/** The Markdown table for the README (kept in sync by a unit test). */
export function configMarkdown(): string {
  const head = '| Flag | Environment variable | Default | Description |\n|---|---|---|---|';
  const rows = SETTINGS.map((s) => `| \`--${s.flag}\` | \`${s.env}\` | ${defaultText(s)} | ${s.help} |`);
  return [head, ...rows].join('\n');
}
