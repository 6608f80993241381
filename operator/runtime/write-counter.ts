// Counts the writes this process sends to the API server, whatever sends them (status and finalizer patches,
// Events, Secrets, the Lease, Argo CD cluster Secrets): every request goes through the KubeConfig's one HTTP
// client (kube/kube-http.ts), whose write listeners see them all. Writes are counted when sent (attempts).
import type { KubeConfig } from './kube/kube-config.js';
import { kubeHttp } from './kube/kube-http.js';

const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** `cceclusters/status` from `/apis/cce.operator.dev/v1alpha1/namespaces/ns/cceclusters/name/status`. */
export function resourceOfPath(path: string): string {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  // /api/v1/... or /apis/{group}/{version}/...
  let i = parts[0] === 'api' ? 2 : 3;
  if (parts[i] === 'namespaces' && parts.length > i + 2) i += 2;
  const resource = parts[i] ?? 'unknown';
  const sub = parts[i + 2];
  return sub ? `${resource}/${sub}` : resource;
}

type Recorder = (resource: string, verb: string) => void;

/**
 * Calls `record(resource, verb)` for every write request made through `kc`'s client (several managers sharing
 * one KubeConfig, as in tests, each get their own calls). Returns the unsubscribe.
 */
export function countWrites(kc: KubeConfig, record: Recorder): () => void {
  return kubeHttp(kc).onWrite((method, path) => {
    const verb = VERBS[method.toUpperCase()];
    if (verb) record(resourceOfPath(path), verb);
  });
}
