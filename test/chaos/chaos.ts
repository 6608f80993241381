/**
 * One chaos run, start to finish, against a kube-apiserver it is given (the caller starts it: test/chaos/run.ts
 * for `make chaos`, the integration root hook for the short version): a simulator, two operator replicas with
 * leader election, the fleet phase under faults and kills, the invalid-spec corpus, then the audit and the secrets
 * grep. Returns the figures; asserts nothing (the integration test and the reader do).
 */
import { randomBytes } from 'node:crypto';
import { SimAdmin } from '../../sim/admin-client.js';
import { startSimulator } from '../../sim/server.js';
import { auditFleet, type FleetAudit } from './audit.js';
import { CORPUS_CREDS, runCorpusPhase } from './corpus-phase.js';
import type { CorpusResult } from './corpus-run.js';
import { AKSK_SECRET, FLEET_PREFIX, PASSWORD_SECRET, TOKEN_SECRET } from './fleet.js';
import { runFleet, type FleetRun } from './fleet-run.js';
import { Kube, PLURALS, type CceObject } from './kube.js';
import type { ChaosOptions } from './options.js';
import { Random } from './random.js';
import { ReplicaSet, type Crash } from './replicas.js';
import { grepSecrets, kubeconfigSecrets, type GrepResult } from './secrets-grep.js';

export interface ChaosEnv {
  kubeconfigPath: string;
  /** The apiserver token in the operator's kubeconfig (a secret the operator holds). */
  adminToken: string;
}

export interface ChaosReport {
  options: ChaosOptions;
  namespace: string;
  fleet: FleetRun;
  audit: FleetAudit;
  corpus: {
    specs: number;
    byVerdict: Record<string, number>;
    byMutation: Record<string, Record<string, number>>;
    rejectedNamingField: number;
    surfacedNamingField: number;
    maxCloudCalls: number;
    maxCloudCallsSpec: string;
    stuck: number;
    orphans: string[];
    silent: CorpusResult[];
    acceptedValid: CorpusResult[];
    rejectedNotNamingField: CorpusResult[];
  };
  crashes: Crash[];
  operatorStarts: number;
  leadershipExits: number;
  secrets: GrepResult;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secret = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

export async function runChaos(
  o: ChaosOptions,
  env: ChaosEnv,
  corpusRun: { channels: number; verdictMs: number; deleteMs: number },
  log: (s: string) => void,
): Promise<ChaosReport> {
  const namespace = `chaos-${randomBytes(3).toString('hex')}`;
  const kube = new Kube(env.kubeconfigPath, namespace);
  await kube.createNamespace();
  const projectId = 'chaos-project';
  const creds = {
    accessKey: `CHAOSAK${randomBytes(6).toString('hex').toUpperCase()}`,
    secretKey: secret('chaos-sk-'),
    token: secret('chaos-token-'),
    password: secret('chaos-password-'),
  };
  const sim = await startSimulator({
    accessKey: creds.accessKey,
    secretKey: creds.secretKey,
    projectId,
    tokens: [creds.token],
    jobSeconds: o.jobSeconds,
  });
  const admin = new SimAdmin(sim.url);
  await admin.setQuotas({ cluster: 100_000 });
  await kube.createSecret(AKSK_SECRET, { accessKey: creds.accessKey, secretKey: creds.secretKey });
  await kube.createSecret(CORPUS_CREDS, { accessKey: creds.accessKey, secretKey: creds.secretKey });
  await kube.createSecret(TOKEN_SECRET, { token: creds.token });
  await kube.createSecret(PASSWORD_SECRET, { password: creds.password });

  const leaseName = 'cce-operator-chaos';
  const replicas = new ReplicaSet({ kubeconfigPath: env.kubeconfigPath, simUrl: sim.url, namespace, leaseName, ...creds }, [
    'chaos-a',
    'chaos-b',
  ]);
  const random = new Random(o.seed);
  try {
    replicas.startAll();
    const elected = Date.now() + 120_000;
    while (!(await kube.leaseHolder(leaseName))) {
      if (Date.now() > elected) throw new Error('no operator replica took the Lease within 120 s');
      await sleep(500);
    }
    log(`operators up (${replicas.replicas.map((r) => r.identity).join(', ')}), leader ${await kube.leaseHolder(leaseName)}`);

    const fleet = await runFleet(o, { kube, admin, replicas, leaseName, projectId, random, log });
    const live = Object.fromEntries(await Promise.all(PLURALS.map(async (p) => [p, await kube.list(p)] as const))) as Record<
      (typeof PLURALS)[number],
      CceObject[]
    >;
    const audit = auditFleet(await admin.objects(), live, await kube.events(), (n) => n.startsWith(FLEET_PREFIX));
    log(`fleet: ${audit.duplicates} duplicates, ${audit.orphans} orphans, ${audit.stuck} stuck, ${audit.notReady} not Ready`);

    // Kubeconfig data the operator exported (before the corpus: the fleet is settled by now).
    const kubeconfigs: Record<string, string> = {};
    for (const c of live.cceclusters) {
      const ref = (c.spec?.kubeconfigSecretRef as { name?: string; key?: string } | undefined) ?? undefined;
      if (!ref?.name) continue;
      const data = await kube.secretData(ref.name);
      const kc = data?.[ref.key ?? 'kubeconfig'];
      if (kc) Object.assign(kubeconfigs, kubeconfigSecrets(`kubeconfig ${ref.name}`, kc));
    }

    const corpusPhase = await runCorpusPhase(
      { kube, admin, simUrl: sim.url, projectId, log },
      { count: o.corpus, seed: o.seed, ...corpusRun },
    );
    const results = corpusPhase.results;
    const byVerdict: Record<string, number> = {};
    const byMutation: Record<string, Record<string, number>> = {};
    for (const r of results) {
      byVerdict[r.verdict] = (byVerdict[r.verdict] ?? 0) + 1;
      const m = (byMutation[`${r.plural}:${r.mutation}`] ??= {});
      m[r.verdict] = (m[r.verdict] ?? 0) + 1;
    }
    const max = results.reduce<CorpusResult | undefined>((a, r) => (!a || r.cloudCalls > a.cloudCalls ? r : a), undefined);

    // Let the replicas flush, then grep everything the run produced.
    await sleep(1000);
    const statuses = await Promise.all(
      PLURALS.map(async (p) => (await kube.list(p)).map((x) => ({ name: x.metadata.name, status: x.status }))),
    );
    const haystacks = {
      'operator logs': replicas.lines.join('\n'),
      Events: JSON.stringify(await kube.events()),
      'object status': JSON.stringify(statuses) + JSON.stringify(results.map((r) => r.message)),
      'simulator request log': JSON.stringify(await admin.requests()),
    };
    const secrets = grepSecrets(
      {
        'access key': creds.accessKey,
        'secret key': creds.secretKey,
        'IAM token': creds.token,
        'node login password': creds.password,
        'apiserver token (operator kubeconfig)': env.adminToken,
        ...kubeconfigs,
      },
      haystacks,
    );
    return {
      options: o,
      namespace,
      fleet,
      audit,
      corpus: {
        specs: results.length,
        byVerdict,
        byMutation,
        rejectedNamingField: results.filter((r) => r.verdict === 'rejectedAtApply' && r.namesField).length,
        surfacedNamingField: results.filter((r) => r.verdict === 'surfaced').length,
        maxCloudCalls: max?.cloudCalls ?? 0,
        maxCloudCallsSpec: max ? `#${max.id} ${max.plural} ${max.mutation} ${max.field} (${max.verdict})` : '',
        stuck: results.filter((r) => r.stuck).length,
        orphans: corpusPhase.orphans,
        silent: results.filter((r) => r.verdict === 'silent'),
        acceptedValid: results.filter((r) => r.verdict === 'acceptedValid'),
        rejectedNotNamingField: results.filter((r) => r.verdict === 'rejectedAtApply' && !r.namesField),
      },
      crashes: replicas.crashes,
      operatorStarts: replicas.replicas.reduce((n, r) => n + r.starts, 0),
      leadershipExits: replicas.leadershipExits,
      secrets,
    };
  } finally {
    await replicas.stopAll('SIGTERM');
    await sim.close();
  }
}
