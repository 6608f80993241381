/**
 * `make demo`: the main job. Starts a real etcd + kube-apiserver on loopback, installs the CRDs with the real
 * kubectl, and keeps running until Ctrl-C, printing how to reach the API server.
 *
 *   --exit-when-ready   tear down and exit 0 once everything is up (used by tests and CI smoke runs)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestEnv } from './testenv/launcher.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'exit-when-ready': { type: 'boolean', default: false } } });

const demoDir = join(root, '.demo');
mkdirSync(demoDir, { recursive: true });
const kubeconfigPath = join(demoDir, 'kubeconfig');

const env = await startTestEnv({ kubeconfigPath });
const kubectl = (...args: string[]) =>
  execFileSync(env.binaries.kubectl, ['--kubeconfig', kubeconfigPath, ...args], { encoding: 'utf8' });

process.stdout.write(kubectl('apply', '-f', join(root, 'crds')));
process.stdout.write(kubectl('wait', '--for=condition=Established', '--timeout=60s', '-f', join(root, 'crds')));

const k = `${env.binaries.kubectl} --kubeconfig ${kubeconfigPath}`;
console.log(`
cce-operator demo is running.
  API server:  ${env.server}
  kubeconfig:  ${kubeconfigPath}
Try:
  ${k} get crds
  ${k} get cceclusters,ccenodepools,cceaddons -A
Press Ctrl-C to stop; everything started here is torn down.`);

if (values['exit-when-ready']) {
  await env.stop();
} else {
  await new Promise(() => undefined); // Ctrl-C runs the launcher's teardown
}
