/**
 * cce-operator entry point: parses flags/env (operator/config.ts), starts the manager (leader election, informers,
 * metrics/health server) with the CceCluster controller, and stops gracefully on SIGTERM/SIGINT.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError, parseConfig } from './config.js';
import { CloudClients } from './resources/cloud-clients.js';
import { defaultCredentials } from './resources/credentials.js';
import { parseEndpointList } from './resources/endpoint-trust.js';
import { KubeSecrets } from './resources/kube-secrets.js';
import { controllers } from './resources/registry.js';
import { Manager, createLogger } from './runtime/index.js';

function fail(message: string): never {
  process.stderr.write(`cce-operator: ${message}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseConfig(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
if (parsed.help) {
  console.log(parsed.text);
  process.exit(0);
}
const config = parsed.config;
const kc = new KubeConfig();
if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
else kc.loadFromDefault();

const log = createLogger({ level: config.logLevel, defaultMeta: { component: 'cce-operator' } });
const manager = new Manager({ kubeConfig: kc, settings: config, log });
const clouds = new CloudClients({
  ...(config.cceEndpoint ? { endpoint: config.cceEndpoint } : {}),
  trustedEndpoints: parseEndpointList(config.trustedEndpoints),
  onCall: (e) => manager.metrics.recordCloudCall(e),
  client: { rateLimit: { ratePerSecond: config.cceQps, burst: config.cceBurst }, timeoutMs: config.cceTimeoutMs, logger: log },
});
let fallback;
try {
  fallback = defaultCredentials();
} catch (err) {
  fail((err as Error).message);
}
for (const spec of controllers({ kubeConfig: kc, clouds, secrets: new KubeSecrets(kc), defaultCredentials: fallback })) {
  manager.register(spec);
}
manager.handleSignals();
await manager.start();
log.info('cce-operator started', { identity: config.identity, leaderElect: config.leaderElect, namespace: config.namespace || '(all)' });
