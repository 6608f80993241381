/**
 * `make demo`: the main job. Starts a real etcd + kube-apiserver on loopback, installs the CRDs with the real
 * kubectl, starts the CCE simulator and the operator, applies config/samples, and shows the objects reaching
 * Ready. Keeps running until Ctrl-C (everything started here is torn down).
 *
 *   --exit-when-ready   tear down and exit 0 once every sample is Ready (exit 1 if not within --timeout)
 *   --timeout <s>       how long to wait for Ready (default 300)
 *   --job-seconds <s>   simulated duration of CCE jobs (default 3)
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allCrds } from '../operator/resources/crds.js';
import { startSimulator } from '../sim/server.js';
import { freePort } from './testenv/ports.js';
import { startTestEnv } from './testenv/launcher.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'exit-when-ready': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
    'job-seconds': { type: 'string', default: '3' },
  },
});
const KINDS = 'cceclusters,ccenodepools,cceaddons';
const DEMO_AK = 'DEMOACCESSKEY0000001'; // matches config/samples/demo-credentials.yaml
const DEMO_SK = 'demo-secret-key-not-a-real-one';
const PROJECT = 'demo-project';

const demoDir = join(root, '.demo');
mkdirSync(demoDir, { recursive: true });
const kubeconfigPath = join(demoDir, 'kubeconfig');

const env = await startTestEnv({ kubeconfigPath });
const kubectl = (...args: string[]) => execFileSync(env.binaries.kubectl, ['--kubeconfig', kubeconfigPath, ...args], { encoding: 'utf8' });

process.stdout.write(kubectl('apply', '-k', join(root, 'crds')));
process.stdout.write(kubectl('wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)));

const sim = await startSimulator({ accessKey: DEMO_AK, secretKey: DEMO_SK, projectId: PROJECT, jobSeconds: Number(values['job-seconds']) });
console.log(`cce-sim listening on ${sim.url}`);

const metricsPort = await freePort();
const operator = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'operator', 'main.ts'),
    '--kubeconfig',
    kubeconfigPath,
    '--cce-endpoint',
    sim.url,
    '--metrics-addr',
    `127.0.0.1:${metricsPort}`,
    '--resync-active',
    '2s',
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
);
const operatorLog = join(demoDir, 'operator.log');
const logStream = createWriteStream(operatorLog);
operator.stdout.pipe(logStream);
operator.stderr.pipe(logStream);
// Ctrl-C reaches the operator too (same process group); the launcher's handler then tears the test env down.
process.on('exit', () => operator.kill('SIGKILL'));
console.log(`operator started (logs: ${operatorLog}, metrics: http://127.0.0.1:${metricsPort}/metrics)`);

process.stdout.write(kubectl('apply', '-k', join(root, 'config', 'samples')));

interface Obj {
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}
const deadline = Date.now() + Number(values.timeout) * 1000;
let allReady = false;
while (Date.now() < deadline) {
  const items = (JSON.parse(kubectl('get', KINDS, '-o', 'json')) as { items: Obj[] }).items;
  allReady = items.length > 0 && items.every((o) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  console.log(`\n--- ${new Date().toISOString()}\n${kubectl('get', KINDS).trimEnd()}`);
  if (allReady) break;
  await new Promise((r) => setTimeout(r, 3000));
}

const k = `${env.binaries.kubectl} --kubeconfig ${kubeconfigPath}`;
console.log(`
${allReady ? 'All samples are Ready.' : 'Not every sample reached Ready in time; see the conditions above and ' + operatorLog}
cce-operator demo:
  API server:     ${env.server}
  kubeconfig:     ${kubeconfigPath}
  CCE simulator:  ${sim.url}  (cloud objects: ${sim.url}/_sim/objects)
  operator logs:  ${operatorLog}
Try:
  ${k} get ${KINDS}
  ${k} describe ccecluster demo-cluster
  ${k} patch ccecluster demo-cluster --type merge -p '{"spec":{"description":"edited"}}'
Press Ctrl-C to stop; everything started here is torn down.`);

if (values['exit-when-ready']) {
  operator.kill('SIGTERM');
  await new Promise((r) => operator.once('exit', r));
  await sim.close();
  await env.stop();
  process.exit(allReady ? 0 : 1);
} else {
  await new Promise(() => undefined); // Ctrl-C runs the launcher's teardown
}
