import { expect } from 'chai';
import { ConfigError, SETTINGS, configMarkdown, helpText, parseConfig, type OperatorConfig } from '../../../operator/config.js';

const baseEnv = { POD_NAME: 'op-0' };
function parse(argv: string[], env: Record<string, string> = {}): OperatorConfig {
  const out = parseConfig(argv, { ...baseEnv, ...env });
  if (out.help) throw new Error('unexpected help');
  return out.config;
}

describe('operator/config', () => {
  it('has safe defaults', () => {
    expect(parse([])).to.deep.equal({
      kubeconfig: '',
      namespace: '',
      workers: 16,
      leaderElect: true,
      leaseName: 'cce-operator-leader',
      leaseNamespace: 'default',
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      identity: 'op-0',
      metricsAddr: ':8080',
      resyncStableMs: 600_000,
      resyncActiveMs: 30_000,
      resyncJitter: 0.1,
      backoffBaseMs: 1_000,
      backoffMaxMs: 300_000,
      shutdownTimeoutMs: 30_000,
      logLevel: 'info',
      cceEndpoint: '',
      trustedEndpoints: '',
      cceQps: 10,
      cceBurst: 20,
      cceTimeoutMs: 30_000,
    });
  });

  const cases: Record<string, { reason: string; argv: string[]; env?: Record<string, string>; want: Partial<OperatorConfig> }> = {
    flags: {
      reason: 'flags in both --x=v and --x v forms',
      argv: [
        '--workers=4',
        '--namespace',
        'team-a',
        '--resync-stable',
        '1h',
        '--log-level=debug',
        '--cce-endpoint',
        'http://127.0.0.1:9000',
      ],
      want: { workers: 4, namespace: 'team-a', resyncStableMs: 3_600_000, logLevel: 'debug', cceEndpoint: 'http://127.0.0.1:9000' },
    },
    env: {
      reason: 'environment variables when no flag is given',
      argv: [],
      env: { CCE_OPERATOR_WORKERS: '8', CCE_OPERATOR_LEADER_ELECT: 'false', CCE_OPERATOR_RESYNC_ACTIVE: '45s', KUBECONFIG: '/k' },
      want: { workers: 8, leaderElect: false, resyncActiveMs: 45_000, kubeconfig: '/k' },
    },
    precedence: {
      reason: 'a flag wins over its environment variable',
      argv: ['--workers', '3'],
      env: { CCE_OPERATOR_WORKERS: '8' },
      want: { workers: 3 },
    },
    'empty env ignored': {
      reason: 'an empty environment variable falls back to the default',
      argv: [],
      env: { CCE_OPERATOR_WORKERS: '' },
      want: { workers: 16 },
    },
    'bare bool': {
      reason: '--leader-elect alone means true',
      argv: ['--leader-elect'],
      env: { CCE_OPERATOR_LEADER_ELECT: 'false' },
      want: { leaderElect: true },
    },
    'negated bool': { reason: '--no-leader-elect means false', argv: ['--no-leader-elect'], want: { leaderElect: false } },
    'bool value': { reason: '--leader-elect=false', argv: ['--leader-elect=false'], want: { leaderElect: false } },
    'pod namespace': {
      reason: 'the Lease lives in the pod namespace by default',
      argv: [],
      env: { POD_NAMESPACE: 'cce-system' },
      want: { leaseNamespace: 'cce-system' },
    },
    'lease flags': {
      reason: 'lease timings parse as durations',
      argv: [
        '--lease-duration=6s',
        '--lease-renew-deadline=4s',
        '--lease-retry-period=500ms',
        '--lease-name=x',
        '--lease-namespace=y',
        '--identity=me',
      ],
      want: { leaseDurationMs: 6_000, renewDeadlineMs: 4_000, retryPeriodMs: 500, leaseName: 'x', leaseNamespace: 'y', identity: 'me' },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => {
      const got = parse(c.argv, c.env);
      const picked = Object.fromEntries(Object.keys(c.want).map((k) => [k, got[k as keyof OperatorConfig]]));
      expect(picked).to.deep.equal(c.want);
    });
  }

  const errors: Record<string, { argv: string[]; env?: Record<string, string>; match: RegExp }> = {
    'unknown flag': { argv: ['--wrkers=2'], match: /wrkers/ },
    'positional argument': { argv: ['--leader-elect', 'false'], match: /positional|argument/i },
    'not an int': { argv: ['--workers=two'], match: /--workers: "two" is not a valid int/ },
    'zero workers': { argv: ['--workers=0'], match: /--workers: must be greater than 0/ },
    'bad env duration names the variable': {
      argv: [],
      env: { CCE_OPERATOR_RESYNC_STABLE: '10 minutes' },
      match: /CCE_OPERATOR_RESYNC_STABLE/,
    },
    'bad log level': { argv: ['--log-level=trace'], match: /must be one of error, warn, info, debug/ },
    'bad bool': { argv: ['--leader-elect=maybe'], match: /not a valid bool/ },
    'jitter out of range': { argv: ['--resync-jitter=1.5'], match: /\[0, 1\)/ },
    'renew >= lease': { argv: ['--lease-renew-deadline=20s'], match: /shorter than --lease-duration/ },
    'retry >= renew': { argv: ['--lease-retry-period=10s'], match: /shorter than --lease-renew-deadline/ },
    'base > max': { argv: ['--backoff-base=10m'], match: /--backoff-base must not exceed/ },
  };
  for (const [reason, c] of Object.entries(errors)) {
    it(`rejects: ${reason}`, () => {
      expect(() => parseConfig(c.argv, { ...baseEnv, ...c.env })).to.throw(ConfigError, c.match);
    });
  }

  it('--help returns generated help listing every flag and variable', () => {
    const out = parseConfig(['--help'], baseEnv);
    expect(out.help).to.equal(true);
    const text = out.help ? out.text : '';
    expect(text).to.equal(helpText());
    for (const s of SETTINGS) {
      expect(text).to.include(`--${s.flag}`);
      expect(text).to.include(s.env);
    }
    expect(text).to.include('default: 10m');
  });

  it('every flag has a distinct environment variable and the README documents them all', async () => {
    const envs = SETTINGS.map((s) => s.env);
    expect(new Set(envs).size).to.equal(envs.length);
    const { readFile } = await import('node:fs/promises');
    for (const doc of ['../../../README.md', '../../../operator/runtime/README.md']) {
      const readme = await readFile(new URL(doc, import.meta.url), 'utf8');
      expect(readme, `${doc}: paste configMarkdown() from operator/config.ts`).to.include(configMarkdown());
    }
  });
});
