/**
 * `make chaos`: the chaos suite with its figures (prints a table and "N duplicates, N orphans, N stuck"; writes the
 * JSON report; asserts nothing, exits 1 when a correctness figure is not zero). Starts its own kube-apiserver + etcd.
 *
 *   npx tsx test/chaos/run.ts [--objects 250] [--chaos-seconds 180] [--corpus 1000] ...   (--help lists them)
 */
import { execFileSync } from 'node:child_process';
import { startTestEnv } from '../../hack/testenv/launcher.js';
import { allCrds } from '../../operator/resources/crds.js';
import { runChaos } from './chaos.js';
import { chaosOptions, USAGE } from './options.js';
import { findings, table, truth, writeJson } from './report.js';

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const o = chaosOptions(process.argv.slice(2), process.env);
const started = Date.now();
const log = (s: string) => console.log(`[chaos +${((Date.now() - started) / 1000).toFixed(0)}s] ${s}`);
const env = await startTestEnv({ log: () => undefined });
let exit = 1;
try {
  const kubectl = (args: string[], input?: string) =>
    execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, ...args], { input, encoding: 'utf8' });
  kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: allCrds() }));
  kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)]);
  const r = await runChaos(o, env, { channels: 20, verdictMs: 30_000, deleteMs: 90_000 }, log);
  console.log(`\n${table(r)}\n`);
  const details = findings(r);
  if (details) console.log(`${details}\n`);
  console.log(truth(r));
  if (o.jsonPath) {
    writeJson(o.jsonPath, r);
    console.log(`report: ${o.jsonPath}`);
  }
  const bad = r.audit.duplicates + r.audit.orphans + r.audit.stuck + r.crashes.length + r.secrets.hits.length + r.corpus.orphans.length;
  exit = bad === 0 ? 0 : 1;
} finally {
  await env.stop();
}
process.exit(exit);
