// The in-cluster ServiceAccount, as client-go's rest.InClusterConfig: the API server at
// KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT, trusted through the mounted ca.crt, authenticated with the
// mounted token, which is re-read as the kubelet rotates it (token-file.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserCredentials } from './credentials.js';
import { KubeConfig, KubeconfigError } from './kube-config.js';
import { TokenFileCredentials, type TokenFileOptions } from './token-file.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterOptions {
  /** The directory holding token, ca.crt and namespace (default SERVICE_ACCOUNT_DIR). */
  root?: string;
  env?: Record<string, string | undefined>;
  tokenFile?: TokenFileOptions;
}

/** Whether this process runs in a cluster: the service host is set and the token is mounted. */
export function inClusterAvailable(o: InClusterOptions = {}): boolean {
  const env = o.env ?? process.env;
  return (
    Boolean(env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']) && existsSync(join(o.root ?? SERVICE_ACCOUNT_DIR, 'token'))
  );
}

export function loadInCluster(o: InClusterOptions = {}): KubeConfig {
  const env = o.env ?? process.env;
  const root = o.root ?? SERVICE_ACCOUNT_DIR;
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  if (!host || !port) throw new KubeconfigError('in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set');
  let ca: Buffer;
  try {
    ca = readFileSync(join(root, 'ca.crt'));
  } catch (err) {
    throw new KubeconfigError(
      `in-cluster: cannot read ${join(root, 'ca.crt')}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const tokens = new TokenFileCredentials(join(root, 'token'), o.tokenFile);
  try {
    tokens.get();
  } catch (err) {
    throw new KubeconfigError(`in-cluster: ${(err as Error).message}`);
  }
  let namespace: string | undefined;
  try {
    namespace = readFileSync(join(root, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new KubeConfig({ server, ca }, new UserCredentials({}, tokens), 'in-cluster', namespace);
}
