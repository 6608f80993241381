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

interface Listed {
  items: { status?: { conditions?: { type: string; status: string }[] } }[];
}

const KINDS = ['cceclusters', 'ccenodepools', 'cceaddons'];

export async function readiness(
  kube: KubeHttp,
  objects: number,
  start: number,
  timeoutMs: number,
  progress: (line: string) => Promise<void>,
): Promise<Readiness> {
  const r: Readiness = { all: 0, clusters: 0, firstMs: -1, firstClusterMs: -1, allMs: -1 };
  let lastProgress = 0;
  for (;;) {
    const counts = await Promise.all(
      KINDS.map(async (plural) => {
        const res = await kube.call<Listed>('GET', `/apis/cce.operator.dev/v1alpha1/namespaces/${BENCH_NAMESPACE}/${plural}`);
        if (res.status !== 200) throw new Error(`list ${plural}: ${res.status}`);
        return res.body.items.filter((o) => o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      }),
    );
    const now = Date.now() - start;
    r.clusters = counts[0]!;
    r.all = counts.reduce((a, b) => a + b, 0);
    if (r.all > 0 && r.firstMs < 0) r.firstMs = now;
    if (r.clusters > 0 && r.firstClusterMs < 0) r.firstClusterMs = now;
    if (r.all >= objects) {
      r.allMs = now;
      return r;
    }
    if (now > timeoutMs) {
      r.allMs = now;
      return r;
    }
    if (now - lastProgress >= 5000) {
      lastProgress = now;
      await progress(`t=${(now / 1000).toFixed(0)}s Ready ${r.all}/${objects} (clusters ${r.clusters})`);
    }
    await new Promise((res) => setTimeout(res, 1000));
  }
}
