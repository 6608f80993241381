/**
 * `make demo`: the main job. Starts a real etcd + kube-apiserver on loopback, installs the CRDs with the real
 * kubectl, starts the CCE simulator, pf-sim (a PaddleFlow cluster registry) and the operator, applies config/samples
 * and config/samples/registrations (the sample cluster registered in PaddleFlow and in Argo CD), and shows the objects
 * reaching Ready and the registries' records. Keeps running until Ctrl-C (everything started here is torn down).
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
import { PaddleFlowSimAdmin } from '../sim/paddleflow/admin-client.js';
import { startPaddleFlowSim } from '../sim/paddleflow/server.js';
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
const KINDS = 'cceclusters,ccenodepools,cceaddons,cceclusterregistrations';
/** The PaddleFlow server URL in config/samples/registrations, replaced with pf-sim's. */
const SAMPLE_PADDLEFLOW_URL = 'http://paddleflow-server.paddleflow:8999';
const DEMO_AK = 'DEMOACCESSKEY0000001'; // matches config/samples/demo-credentials.yaml
const DEMO_SK = 'demo-secret-key-not-a-real-one';
const PROJECT = 'demo-project';

const demoDir = join(root, '.demo');
mkdirSync(demoDir, { recursive: true });
const kubeconfigPath = join(demoDir, 'kubeconfig');

const env = await startTestEnv({ kubeconfigPath });
const kubectl = (...args: string[]) => execFileSync(env.binaries.kubectl, ['--kubeconfig', kubeconfigPath, ...args], { encoding: 'utf8' });
const kubectlIn = (input: string, ...args: string[]) =>
  execFileSync(env.binaries.kubectl, ['--kubeconfig', kubeconfigPath, ...args], { encoding: 'utf8', input });

process.stdout.write(kubectl('apply', '-k', join(root, 'crds')));
process.stdout.write(kubectl('wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)));

const sim = await startSimulator({ accessKey: DEMO_AK, secretKey: DEMO_SK, projectId: PROJECT, jobSeconds: Number(values['job-seconds']) });
console.log(`cce-sim listening on ${sim.url}`);
// The CCE simulator's kubeconfigs name addresses nobody serves: pf-sim's credential check reads /version from this
// demo's kube-apiserver instead (the stand-in), as it would from the new cluster.
const pf = await startPaddleFlowSim({ credentialCheck: { standIns: [{ match: '*', url: env.server, caData: env.caData }] } });
console.log(`pf-sim (PaddleFlow) listening on ${pf.url}`);

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
process.stdout.write(kubectlIn(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } }), 'apply', '-f', '-'));
const registrations = kubectl('kustomize', join(root, 'config', 'samples', 'registrations')).replaceAll(SAMPLE_PADDLEFLOW_URL, pf.url);
process.stdout.write(kubectlIn(registrations, 'apply', '-f', '-'));

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

const records = (await new PaddleFlowSimAdmin(pf.url).clusters()).map(
  (c) => `  ${c.clusterName}  ${c.status}  ${c.clusterType} ${c.version}  ${c.endpoint}  (${c.clusterId}, source ${c.source})`,
);
console.log(`\n--- PaddleFlow cluster registry (${pf.url}/api/paddleflow/v1/cluster)\n${records.join('\n') || '  (none)'}`);
console.log(
  `\n--- Argo CD cluster Secrets (namespace argocd)\n${kubectl('get', 'secrets', '-n', 'argocd', '-l', 'argocd.argoproj.io/secret-type=cluster', '-L', 'app.kubernetes.io/managed-by').trimEnd()}`,
);

const k = `${env.binaries.kubectl} --kubeconfig ${kubeconfigPath}`;
console.log(`
${allReady ? 'All samples are Ready.' : 'Not every sample reached Ready in time; see the conditions above and ' + operatorLog}
cce-operator demo:
  API server:     ${env.server}
  kubeconfig:     ${kubeconfigPath}
  CCE simulator:  ${sim.url}  (cloud objects: ${sim.url}/_sim/objects)
  PaddleFlow:     ${pf.url}  (records: ${pf.url}/_sim/clusters; root password: paddleflow)
  operator logs:  ${operatorLog}
Try:
  ${k} get ${KINDS}
  ${k} describe ccecluster demo-cluster
  ${k} get cceclusterregistrations
  ${k} patch ccecluster demo-cluster --type merge -p '{"spec":{"hibernate":true}}'   # PaddleFlow shows it offline
  ${k} patch ccecluster demo-cluster --type merge -p '{"spec":{"description":"edited"}}'
Press Ctrl-C to stop; everything started here is torn down.`);

if (values['exit-when-ready']) {
  operator.kill('SIGTERM');
  await new Promise((r) => operator.once('exit', r));
  await sim.close();
  await pf.close();
  await env.stop();
  process.exit(allReady ? 0 : 1);
} else {
  await new Promise(() => undefined); // Ctrl-C runs the launcher's teardown
}
