/**
 * Where the operator's Kubernetes credentials come from, failing fast with one line instead of a stack trace (a
 * missing or unreadable file) or an endless retry (client-node's last resort is http://localhost:8080):
 *   --kubeconfig / KUBECONFIG (one file), else ~/.kube/config when it
 *   exists, else the in-cluster ServiceAccount (KUBERNETES_SERVICE_HOST and its token file), else an error.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface KubeconfigEnv {
  env?: Record<string, string | undefined>;
  home?: string;
  tokenFile?: string;
}

export function loadKubeConfig(path: string, where: KubeconfigEnv = {}): KubeConfig {
  const env = where.env ?? process.env;
  const kc = new KubeConfig();
  if (path) {
    try {
      readFileSync(path, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new KubeconfigError(`cannot read kubeconfig ${path}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
    }
    try {
      kc.loadFromFile(path);
    } catch (err) {
      throw new KubeconfigError(`kubeconfig ${path} is not valid: ${firstLine(err)}`);
    }
    return checked(kc, path);
  }
  const home = join(where.home ?? homedir(), '.kube', 'config');
  if (existsSync(home)) {
    try {
      kc.loadFromFile(home);
    } catch (err) {
      throw new KubeconfigError(`kubeconfig ${home} is not valid: ${firstLine(err)}`);
    }
    return checked(kc, home);
  }
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(where.tokenFile ?? SA_TOKEN)) {
    kc.loadFromCluster();
    return kc;
  }
  throw new KubeconfigError(
    'no Kubernetes credentials: pass --kubeconfig (or set KUBECONFIG), create ~/.kube/config, or run in a cluster (in-cluster ServiceAccount)',
  );
}

function checked(kc: KubeConfig, source: string): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new KubeconfigError(`kubeconfig ${source} has no current context with a cluster server`);
  return kc;
}

function firstLine(err: unknown): string {
  return ((err as Error).message ?? String(err)).split('\n')[0] as string;
}
