/**
 * Mocha root hooks for the integration suites: one real etcd + kube-apiserver per run (built from Go modules
 * by hack/testenv/build.sh when missing). Sets KUBECONFIG so `new KubeConfig().loadFromDefault()` reaches it.
 * Each suite creates its own namespace with createTestNamespace().
 */
import { startTestEnv, type TestEnv } from '../../hack/testenv/launcher.js';

let env: TestEnv | undefined;

export function testEnv(): TestEnv {
  if (!env) throw new Error('the test environment is not running (root hook beforeAll has not run)');
  return env;
}

export { createTestNamespace } from './support/namespace.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(20 * 60 * 1000); // a cold machine builds kube-apiserver first
    env = await startTestEnv();
    process.env.KUBECONFIG = env.kubeconfigPath;
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60000);
    await env?.stop();
    env = undefined;
  },
};
