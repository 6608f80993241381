/** Installs the operator's CRDs (from the TypeScript source of truth) with the real kubectl; waits for Established. */
import { execFileSync } from 'node:child_process';
import { allCrds } from '../../../operator/resources/crds.js';
import { testEnv } from '../setup.js';

let installed = false;

export function installCrds(): void {
  if (installed) return;
  const env = testEnv();
  const kubectl = (args: string[], input?: string) =>
    execFileSync(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, ...args], {
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  const list = { apiVersion: 'v1', kind: 'List', items: allCrds() };
  kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], JSON.stringify(list));
  kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...allCrds().map((c) => `crd/${c.metadata.name}`)]);
  installed = true;
}
