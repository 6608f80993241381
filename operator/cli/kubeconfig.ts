/**
 * Where the operator's Kubernetes credentials come from, failing fast with one line instead of a stack trace (a
 * missing or unreadable file) or an endless retry:
 *   --kubeconfig / KUBECONFIG (one file), else ~/.kube/config when it
 *   exists, else the in-cluster ServiceAccount (KUBERNETES_SERVICE_HOST and its token file), else an error.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inClusterAvailable, loadInCluster, SERVICE_ACCOUNT_DIR } from '../runtime/kube/in-cluster.js';
import { KubeconfigError, loadKubeconfigFile, type KubeConfig } from '../runtime/kube/kube-config.js';

export { KubeconfigError };

export interface KubeconfigEnv {
  env?: Record<string, string | undefined>;
  home?: string;
  /** The in-cluster ServiceAccount directory (token, ca.crt, namespace); default the mounted one. */
  serviceAccountDir?: string;
}

export function loadKubeConfig(path: string, where: KubeconfigEnv = {}): KubeConfig {
  const env = where.env ?? process.env;
  if (path) return loadKubeconfigFile(path, { env });
  const home = join(where.home ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return loadKubeconfigFile(home, { env });
  const root = where.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  if (inClusterAvailable({ root, env })) return loadInCluster({ root, env });
  throw new KubeconfigError(
    'no Kubernetes credentials: pass --kubeconfig (or set KUBECONFIG), create ~/.kube/config, or run in a cluster (in-cluster ServiceAccount)',
  );
}
