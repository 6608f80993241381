/** Polls the three kinds until every object is Ready (or the time is up), with a progress line every 5 s. */
import { BENCH_NAMESPACE } from './fleet-manifests.js';
import type { KubeHttp } from './kube-http.js';

export interface Readiness {
  all: number;
  clusters: number;
  /** Since the first create was sent. */
  firstMs: number;
  firstClusterMs: number;
  allMs: number;
}

interface Watched {
  metadata?: { name?: string; resourceVersion?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

const KINDS = ['cceclusters', 'ccenodepools', 'cceaddons'];

/**
 * Watches the three kinds (one stream each: the apiserver sends every existing object, then each change) and
 * resolves when every object is Ready or the time is up. Times are taken at the event, and watching costs the
 * apiserver next to nothing — listing 2,500 objects every second, as this did before, took a large share of
 * the apiserver's CPU away from the operator being measured.
 */
export async function readiness(
  kube: KubeHttp,
  objects: number,
  start: number,
  timeoutMs: number,
  progress: (line: string) => Promise<void>,
): Promise<Readiness> {
  const r: Readiness = { all: 0, clusters: 0, firstMs: -1, firstClusterMs: -1, allMs: -1 };
  const ready = KINDS.map(() => new Set<string>());
  const abort = new AbortController();
  let done!: () => void;
  const finished = new Promise<void>((res) => (done = res));
  const count = () => {
    const now = Date.now() - start;
    r.clusters = ready[0]!.size;
    r.all = ready.reduce((a, s) => a + s.size, 0);
    if (r.all > 0 && r.firstMs < 0) r.firstMs = now;
    if (r.clusters > 0 && r.firstClusterMs < 0) r.firstClusterMs = now;
    if (r.all >= objects && r.allMs < 0) {
      r.allMs = now;
      done();
    }
  };
  const watches = KINDS.map(async (plural, i) => {
    let rv = '';
    while (!abort.signal.aborted) {
      const path = `/apis/cce.operator.dev/v1alpha1/namespaces/${BENCH_NAMESPACE}/${plural}${rv ? `?resourceVersion=${rv}` : ''}`;
      await kube
        .watch<Watched>(
          path,
          (e) => {
            if (e.type === 'ERROR') {
              rv = ''; // e.g. 410 Gone: the stream ends; start again from the current state
              return;
            }
            const name = e.object.metadata?.name ?? '';
            rv = e.object.metadata?.resourceVersion ?? rv;
            const isReady = e.type !== 'DELETED' && !!e.object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
            if (isReady) ready[i]!.add(name);
            else ready[i]!.delete(name);
            count();
          },
          abort.signal,
        )
        .catch(() => (rv = '')); // e.g. 410 Gone: start again from the current state
    }
  });
  const ticker = setInterval(() => {
    const now = Date.now() - start;
    if (now > timeoutMs && r.allMs < 0) {
      r.allMs = now;
      done();
      return;
    }
    void progress(`t=${(now / 1000).toFixed(0)}s Ready ${r.all}/${objects} (clusters ${r.clusters})`);
  }, 5000);
  await finished;
  clearInterval(ticker);
  abort.abort();
  await Promise.all(watches);
  return r;
}
