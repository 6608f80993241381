/**
 * Writes the API server received, read from its own `apiserver_request_total` (so nothing the operator does is
 * missed or double-counted): by resource (`cceclusters/status`, `events`, ...), write verbs only, without the
 * API server's own housekeeping.
 */
import type { KubeHttp } from './kube-http.js';
import { parseSamples, sumBy } from './prom-text.js';

const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'APPLY', 'CREATE', 'UPDATE']);
const NAMES = new Set(['apiserver_request_total']);
/** What kube-apiserver writes by itself (its identity Lease, the `kubernetes` Service's endpoints); the benchmark
 * runs the operator without leader election, so none of these is the operator's. */
const APISERVER_OWN = new Set(['leases', 'endpoints', 'endpointslices']);

export async function apiserverWrites(kube: KubeHttp): Promise<Map<string, number>> {
  const res = await kube.call('GET', '/metrics');
  if (res.status !== 200) throw new Error(`GET /metrics on the apiserver: ${res.status}`);
  return sumBy(parseSamples(res.text, NAMES), 'apiserver_request_total', (l) => {
    if (!WRITE_VERBS.has((l['verb'] ?? '').toUpperCase()) || APISERVER_OWN.has(l['resource'] ?? '')) return undefined;
    return l['subresource'] ? `${l['resource']}/${l['subresource']}` : (l['resource'] ?? '?');
  });
}
