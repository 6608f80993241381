// Counts the writes this process sends to the API server, whatever sends them (status and finalizer patches,
// Events, Secrets, the Lease, Argo CD cluster Secrets): every generated API client authenticates each request
// through its KubeConfig, so wrapping that one method sees them all. Writes are counted when sent (attempts).
import type { KubeConfig } from '@kubernetes/client-node';

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
const recorders = new WeakMap<KubeConfig, Set<Recorder>>();

/**
 * Calls `record(resource, verb)` for every write request made through `kc`'s API clients (wrapped once per
 * KubeConfig; several managers sharing one, as in tests, each get their own calls). Returns the unsubscribe.
 */
export function countWrites(kc: KubeConfig, record: Recorder): () => void {
  let set = recorders.get(kc);
  if (!set) {
    const listeners = (set = new Set<Recorder>());
    recorders.set(kc, listeners);
    const authenticate = kc.applySecurityAuthentication.bind(kc);
    kc.applySecurityAuthentication = async (context) => {
      const verb = VERBS[String(context.getHttpMethod()).toUpperCase()];
      if (verb && listeners.size > 0) {
        try {
          const resource = resourceOfPath(new URL(context.getUrl()).pathname);
          for (const r of listeners) r(resource, verb);
        } catch {
          /* never let metrics break a request */
        }
      }
      return authenticate(context);
    };
  }
  set.add(record);
  return () => set.delete(record);
}
