/** Makes every finished transition permanent; called at the start of each request with the request's time. */
import type { World } from './world.js';
import { settleCluster } from './lifecycle/cluster.js';
import { settlePool } from './lifecycle/nodepool.js';
import { settleNode } from './lifecycle/node.js';
import { settleAddon } from './lifecycle/addon.js';

export function settle(world: World, now: number): void {
  const s = world.state;
  for (const a of Object.values(s.addons)) settleAddon(world, a, now);
  for (const n of Object.values(s.nodes)) settleNode(world, n, now);
  for (const p of Object.values(s.nodePools)) settlePool(world, p, now);
  // Sorted so that a cluster's add-ons, installed when it becomes Available, start at that moment.
  const clusters = Object.values(s.clusters).sort((a, b) => (a.op?.startedAt ?? 0) - (b.op?.startedAt ?? 0));
  for (const c of clusters) if (s.clusters[c.uid]) settleCluster(world, c, now);
  // Add-ons created by a cluster that became Available in this pass may already be due (jobSeconds 0).
  for (const a of Object.values(s.addons)) settleAddon(world, a, now);
}
