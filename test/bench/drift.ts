/**
 * Drift: a share of the clusters changed behind the operator's back (their description, through the CCE API
 * itself, as a console user would), then the time until the operator has put every one back.
 */
import { CceClient } from '../../operator/cloud/index.js';
import type { SimAdmin } from '../../sim/admin-client.js';
import { BENCH_AK, BENCH_PROJECT, BENCH_SK, clusterName } from './fleet-manifests.js';
import type { FleetOptions } from './fleet-options.js';

export interface DriftResult {
  clusters: number;
  /** Until the first / the last changed cluster was corrected (-1: not within the time limit). */
  firstCorrectedMs: number;
  allCorrectedMs: number;
  corrected: number;
  /** The operator's --resync-stable: an out-of-band change is only seen at the next resync. */
  resyncStableS: number;
}

interface SimCluster {
  metadata?: { name?: string; uid?: string };
  spec?: { description?: string };
}

export async function driftCorrection(simUrl: string, admin: SimAdmin, o: FleetOptions, log: (line: string) => void): Promise<DriftResult> {
  const k = Math.min(o.clusters, Math.ceil(o.clusters * o.driftFraction));
  const result: DriftResult = { clusters: k, firstCorrectedMs: -1, allCorrectedMs: -1, corrected: 0, resyncStableS: o.resyncStableS };
  if (k === 0) return result;
  const client = new CceClient({
    endpoint: simUrl,
    projectId: BENCH_PROJECT,
    credentials: { kind: 'aksk', accessKey: BENCH_AK, secretKey: BENCH_SK },
    rateLimit: false,
  });
  const byName = new Map(((await admin.objects()).clusters as SimCluster[]).map((c) => [c.metadata?.name, c]));
  const step = Math.max(1, Math.floor(o.clusters / k));
  const targets: { id: string; want: string }[] = [];
  for (let i = 0; targets.length < k; i += step) {
    const c = byName.get(clusterName(i));
    if (!c?.metadata?.uid) throw new Error(`drift: cluster ${clusterName(i)} is not in the simulator`);
    targets.push({ id: c.metadata.uid, want: c.spec?.description ?? '' });
  }
  const start = Date.now();
  for (const t of targets) await client.clusters.update(t.id, { spec: { description: 'changed outside the operator' } });
  const limit = (o.resyncStableS * 2 + 60) * 1000;
  const pending = new Set(targets.map((t) => t.id));
  let lastLog = 0;
  while (pending.size > 0 && Date.now() - start < limit) {
    await new Promise((r) => setTimeout(r, 500));
    const now = new Map(((await admin.objects()).clusters as SimCluster[]).map((c) => [c.metadata?.uid, c]));
    for (const t of targets) {
      if (pending.has(t.id) && now.get(t.id)?.spec?.description === t.want) {
        pending.delete(t.id);
        if (result.firstCorrectedMs < 0) result.firstCorrectedMs = Date.now() - start;
      }
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`drift: ${k - pending.size}/${k} corrected after ${((Date.now() - start) / 1000).toFixed(0)} s`);
    }
  }
  result.corrected = k - pending.size;
  if (pending.size === 0) result.allCorrectedMs = Date.now() - start;
  return result;
}
