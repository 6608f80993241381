/**
 * `cce-operator run` (and `cce-operator` with flags only, as operator/main.ts always ran): parses flags/env
 * (operator/config.ts), starts the manager (leader election, informers, metrics/health server) with the
 * controllers, and stops gracefully on SIGTERM/SIGINT.
 */
import { ConfigError, parseConfig } from '../config.js';
import { CloudClients } from '../resources/cloud-clients.js';
import { defaultCredentials } from '../resources/credentials.js';
import { parseEndpointList } from '../resources/endpoint-trust.js';
import { KubeSecrets } from '../resources/kube-secrets.js';
import { controllers } from '../resources/registry.js';
import { Manager, createLogger } from '../runtime/index.js';
import { KubeconfigError, loadKubeConfig } from './kubeconfig.js';
import { UsageError } from './usage-error.js';

export async function run(argv: readonly string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseConfig(argv);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed.help) {
    console.log(parsed.text);
    return;
  }
  const config = parsed.config;
  let kc;
  try {
    kc = loadKubeConfig(config.kubeconfig);
  } catch (err) {
    if (err instanceof KubeconfigError) throw new UsageError(err.message);
    throw err;
  }
  let fallback;
  try {
    fallback = defaultCredentials();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  const log = createLogger({ level: config.logLevel, defaultMeta: { component: 'cce-operator' } });
  const manager = new Manager({ kubeConfig: kc, settings: config, log });
  const clouds = new CloudClients({
    ...(config.cceEndpoint ? { endpoint: config.cceEndpoint } : {}),
    trustedEndpoints: parseEndpointList(config.trustedEndpoints),
    onCall: (e) => manager.metrics.recordCloudCall(e),
    client: { rateLimit: { ratePerSecond: config.cceQps, burst: config.cceBurst }, timeoutMs: config.cceTimeoutMs, logger: log },
  });
  for (const spec of controllers({ kubeConfig: kc, clouds, secrets: new KubeSecrets(kc), defaultCredentials: fallback })) {
    manager.register(spec);
  }
  manager.handleSignals();
  await manager.start();
  log.info('cce-operator started', { identity: config.identity, leaderElect: config.leaderElect, namespace: config.namespace || '(all)' });
}
