/**
 * Fleet benchmark (prints figures; no assertions): N CceClusters against the simulator (jobs take 0 s), one
 * operator process. Measures time until all are Ready, cloud calls per cluster, and the operator's peak RSS.
 *
 *   npx tsx test/bench/run.ts [--clusters 100] [--workers 4] [--qps 10]   (--qps is the operator's --cce-qps)
 */
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allCrds } from '../../operator/resources/crds.js';
import { SimAdmin } from '../../sim/admin-client.js';
import { startSimulator } from '../../sim/server.js';
import { startTestEnv } from '../../hack/testenv/launcher.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '100' },
    workers: { type: 'string', default: '4' },
    qps: { type: 'string', default: '10' },
  },
});
const N = Number(values.clusters);

const env = await startTestEnv({ log: () => undefined });
const kubectl = (args: string[], input?: string) =>
  execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, ...args], { input, encoding: 'utf8' });
kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: allCrds() }));
kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)]);

const sim = await startSimulator({ accessKey: 'BENCHAK', secretKey: 'BENCHSK', projectId: 'bench', jobSeconds: 0 });
const admin = new SimAdmin(sim.url);
await admin.setQuotas({ cluster: N + 10 });

const op = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'operator', 'main.ts'),
    '--kubeconfig',
    env.kubeconfigPath,
    '--cce-endpoint',
    sim.url,
    '--leader-elect=false',
    '--metrics-addr',
    '0',
    '--workers',
    String(values.workers),
    '--resync-active',
    '1s',
    '--log-level',
    'warn',
    '--cce-qps',
    String(values.qps),
  ],
  { cwd: root, env: { ...process.env, HW_ACCESS_KEY: 'BENCHAK', HW_SECRET_KEY: 'BENCHSK' }, stdio: 'ignore' },
);
let peakRssKb = 0;
const sampler = setInterval(() => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${op.pid}/status`, 'utf8'));
    if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
  } catch {
    /* exited */
  }
}, 100);

const kc = new KubeConfig();
kc.loadFromFile(env.kubeconfigPath);
const api = kc.makeApiClient(CustomObjectsApi);
const gv = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters', namespace: 'default' };
const start = Date.now();
for (let i = 0; i < N; i++) {
  await api.createNamespacedCustomObject({
    ...gv,
    body: {
      apiVersion: 'cce.operator.dev/v1alpha1',
      kind: 'CceCluster',
      metadata: { name: `bench-${String(i).padStart(4, '0')}` },
      spec: {
        region: 'cn-north-4',
        projectID: 'bench',
        type: 'VirtualMachine',
        flavor: 'cce.s1.small',
        version: 'v1.28',
        hostNetwork: { vpc: 'vpc-1', subnet: 'subnet-1' },
        containerNetwork: { mode: 'overlay_l2' },
      },
    },
  });
}
const applied = Date.now() - start;
let ready = 0;
const deadline = Date.now() + 10 * 60_000;
while (Date.now() < deadline) {
  const list = (await api.listNamespacedCustomObject(gv)) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] };
  ready = list.items.filter((o) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  if (ready === N) break;
  await new Promise((r) => setTimeout(r, 250));
}
const allReadyMs = Date.now() - start;
const counts = (await admin.counts()).byOperation;
const calls = Object.values(counts).reduce((a, b) => a + b, 0);
const clouds = (await admin.objects()).clusters.length;
clearInterval(sampler);
op.kill('SIGTERM');
await new Promise((r) => op.once('exit', r));
await sim.close();
await env.stop();

console.log(`clusters: ${N} (workers ${values.workers}, --cce-qps ${values.qps})`);
console.log(`applied in:        ${applied} ms`);
console.log(`all Ready after:   ${allReadyMs} ms (${ready}/${N} Ready; ${(allReadyMs / N).toFixed(1)} ms per cluster)`);
console.log(`cloud clusters:    ${clouds} (duplicates: ${clouds - N})`);
console.log(`cloud API calls:   ${calls} (${(calls / N).toFixed(1)} per cluster): ${JSON.stringify(counts)}`);
console.log(`operator peak RSS: ${(peakRssKb / 1024).toFixed(1)} MiB`);
process.exit(ready === N ? 0 : 1);
