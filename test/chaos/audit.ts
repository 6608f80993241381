/**
 * What the chaos left behind, from the cloud's objects and the Kubernetes objects: duplicates (two cloud objects for
 * one Kubernetes object), orphans (cloud objects no Kubernetes object owns), objects stuck Terminating, objects not
 * Ready, and Warning Events.
 */
import type { CoreV1Event } from '@kubernetes/client-node';
import type { SimObjects } from '../../sim/admin-client.js';
import { isReady, type CceObject, type Plural } from './kube.js';

/** Add-ons CCE installs with every standard cluster by itself: not orphans when no object claims them. */
const CLOUD_DEFAULT_ADDONS = new Set(['coredns', 'everest']);

export interface FleetAudit {
  duplicates: number;
  orphans: number;
  stuck: number;
  notReady: number;
  warningEvents: number;
  warningEventCount: number;
  details: { duplicates: string[]; orphans: string[]; stuck: string[]; notReady: string[]; warningReasons: Record<string, number> };
}

type Live = Record<Plural, CceObject[]>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const meta = (o: Record<string, unknown>) => (o.metadata ?? {}) as Record<string, unknown>;
const spec = (o: Record<string, unknown>) => (o.spec ?? {}) as Record<string, unknown>;

function groups<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
  return m;
}

const cloudNameOf = (o: CceObject): string => str((o.spec?.metadata as Record<string, unknown> | undefined)?.name) || o.metadata.name;
const clusterRefOf = (o: CceObject): string => str((o.spec?.clusterRef as Record<string, unknown> | undefined)?.name);

/** `belongs` limits the audit to the fleet's own objects (the corpus shares the simulator). */
export function auditFleet(cloud: SimObjects, live: Live, events: CoreV1Event[], belongs: (name: string) => boolean): FleetAudit {
  const d: FleetAudit['details'] = { duplicates: [], orphans: [], stuck: [], notReady: [], warningReasons: {} };
  const clusters = cloud.clusters.filter((c) => belongs(str(meta(c).name)));
  const clusterName = new Map(cloud.clusters.map((c) => [str(meta(c).uid), str(meta(c).name)]));
  const pools = cloud.nodePools.filter((p) => belongs(clusterName.get(str(p.clusterID)) ?? ''));
  const addons = cloud.addons.filter((a) => belongs(clusterName.get(str(spec(a).clusterID)) ?? ''));

  // A duplicate is each cloud object beyond the first for one name (clusters), name in a cluster (pools) or
  // template in a cluster (add-ons).
  let duplicates = 0;
  const dup = (what: string, g: unknown[]): void => {
    if (g.length < 2) return;
    duplicates += g.length - 1;
    d.duplicates.push(`${g.length} ${what}`);
  };
  for (const [name, g] of groups(clusters, (c) => str(meta(c).name))) dup(`clusters named ${name}`, g);
  for (const [k, g] of groups(pools, (p) => `${clusterName.get(str(p.clusterID))}/${str(meta(p).name)}`)) dup(`node pools ${k}`, g);
  for (const [k, g] of groups(addons, (a) => `${clusterName.get(str(spec(a).clusterID))}/${str(spec(a).addonTemplateName)}`))
    dup(`add-ons ${k}`, g);

  const liveClusters = new Set(live.cceclusters.filter((o) => belongs(o.metadata.name)).map(cloudNameOf));
  const clusterOfRef = new Map(live.cceclusters.map((o) => [o.metadata.name, cloudNameOf(o)]));
  const livePools = new Set(live.ccenodepools.map((o) => `${clusterOfRef.get(clusterRefOf(o))}/${cloudNameOf(o)}`));
  const liveAddons = new Set(live.cceaddons.map((o) => `${clusterOfRef.get(clusterRefOf(o))}/${str(o.spec?.addonTemplateName)}`));
  for (const c of clusters) if (!liveClusters.has(str(meta(c).name))) d.orphans.push(`cluster ${str(meta(c).name)} (${str(meta(c).uid)})`);
  for (const p of pools) {
    const cluster = clusterName.get(str(p.clusterID)) ?? '';
    if (liveClusters.has(cluster) && !livePools.has(`${cluster}/${str(meta(p).name)}`))
      d.orphans.push(`node pool ${cluster}/${str(meta(p).name)}`);
  }
  for (const a of addons) {
    const cluster = clusterName.get(str(spec(a).clusterID)) ?? '';
    const template = str(spec(a).addonTemplateName);
    if (liveClusters.has(cluster) && !liveAddons.has(`${cluster}/${template}`) && !CLOUD_DEFAULT_ADDONS.has(template))
      d.orphans.push(`add-on ${cluster}/${template}`);
  }

  for (const [plural, items] of Object.entries(live) as [Plural, CceObject[]][])
    for (const o of items.filter((x) => belongs(x.metadata.name))) {
      if (o.metadata.deletionTimestamp) d.stuck.push(`${plural}/${o.metadata.name} (${JSON.stringify(o.status?.conditions ?? [])})`);
      else if (!isReady(o)) d.notReady.push(`${plural}/${o.metadata.name} (${JSON.stringify(o.status?.conditions ?? [])})`);
    }

  const warnings = events.filter((e) => e.type === 'Warning' && belongs(e.involvedObject.name ?? ''));
  let count = 0;
  for (const e of warnings) {
    const n = e.count ?? e.series?.count ?? 1;
    count += n;
    d.warningReasons[e.reason ?? ''] = (d.warningReasons[e.reason ?? ''] ?? 0) + n;
  }
  return {
    duplicates,
    orphans: d.orphans.length,
    stuck: d.stuck.length,
    notReady: d.notReady.length,
    warningEvents: warnings.length,
    warningEventCount: count,
    details: d,
  };
}
