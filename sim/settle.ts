/**
 * Makes every finished transition permanent; called at the start of each request with the request's time.
 *
 * A pass visits every record with an operation, so it is skipped while it cannot change anything: no operation was
 * started since the last pass (`World.op` counts them) and none of the running ones is due yet. Without the skip,
 * every request walked the whole cloud (a 10,000-object fleet made the simulator, not the operator under test, the
 * bottleneck of the fleet benchmark).
 */
import type { World } from './world.js';
import type { Op } from './state.js';
import { settleCluster } from './lifecycle/cluster.js';
import { settlePool } from './lifecycle/nodepool.js';
import { settleNode } from './lifecycle/node.js';
import { settleAddon } from './lifecycle/addon.js';

export function settle(world: World, now: number): void {
  const s = world.state;
  const last = world.settled;
  if (last.state === s && last.opsStarted === world.opsStarted && now < last.nextDue) return;
  for (const id in s.addons) settleAddon(world, s.addons[id]!, now);
  for (const id in s.nodes) settleNode(world, s.nodes[id]!, now);
  for (const id in s.nodePools) settlePool(world, s.nodePools[id]!, now);
  // Sorted so that a cluster's add-ons, installed when it becomes Available, start at that moment.
  const clusters = withOp(s.clusters).sort((a, b) => a.op!.startedAt - b.op!.startedAt);
  for (const c of clusters) if (s.clusters[c.uid]) settleCluster(world, c, now);
  // Add-ons created by a cluster that became Available in this pass may already be due (jobSeconds 0).
  for (const id in s.addons) settleAddon(world, s.addons[id]!, now);
  world.settled = { state: s, opsStarted: world.opsStarted, nextDue: nextDue([s.addons, s.nodes, s.nodePools, s.clusters]) };
}

function withOp<T extends { op?: Op }>(recs: Record<string, T>): T[] {
  const out: T[] = [];
  for (const id in recs) if (recs[id]!.op) out.push(recs[id]!);
  return out;
}

/** When the first of the operations still running is due (Infinity when none runs). */
function nextDue(collections: Record<string, { op?: Op }>[]): number {
  let due = Infinity;
  for (const recs of collections) {
    for (const id in recs) {
      const op = recs[id]!.op;
      if (op) due = Math.min(due, op.startedAt + op.durationMs);
    }
  }
  return due;
}
