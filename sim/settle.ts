/**
 * Makes every finished transition permanent; called at the start of each request with the request's time.
 *
 * A pass visits only the records with an operation (`World.begin` registers them, `World.inFlightSets`), and is
 * skipped while it cannot change anything: no operation started since the last pass and none of the running ones
 * is due. Before, every request walked every record and sorted every cluster: at 10,000 objects the simulator, not
 * the operator under test, was the fleet benchmark's bottleneck.
 */
import type { World, OpCollection } from './world.js';
import type { Op } from './state.js';
import { settleCluster } from './lifecycle/cluster.js';
import { settlePool } from './lifecycle/nodepool.js';
import { settleNode } from './lifecycle/node.js';
import { settleAddon } from './lifecycle/addon.js';
import { OP_COLLECTIONS } from './world.js';

export function settle(world: World, now: number): void {
  const s = world.state;
  const last = world.settled;
  if (last.state === s && last.opsStarted === world.opsStarted && now < last.nextDue) return;
  pass(world, 'addons', (a) => settleAddon(world, a, now));
  pass(world, 'nodes', (n) => settleNode(world, n, now));
  pass(world, 'nodePools', (p) => settlePool(world, p, now));
  // In the order they started, so that a cluster's add-ons, installed when it becomes Available, start at that moment.
  pass(
    world,
    'clusters',
    (c) => settleCluster(world, c, now),
    (a, b) => a.op!.startedAt - b.op!.startedAt,
  );
  // Add-ons created by a cluster that became Available in this pass may already be due (jobSeconds 0).
  pass(world, 'addons', (a) => settleAddon(world, a, now));
  let nextDue = Infinity;
  for (const where of OP_COLLECTIONS) {
    for (const r of inFlight(world, where)) nextDue = Math.min(nextDue, r.op!.startedAt + r.op!.durationMs);
  }
  world.settled = { state: s, opsStarted: world.opsStarted, nextDue };
}

type Rec<W extends OpCollection> = World['state'][W][string];

/** The records of `where` with an operation; drops the uids whose record is gone or has none any more. */
function inFlight<W extends OpCollection>(world: World, where: W): Rec<W>[] {
  const uids = world.inFlightSets()[where];
  const recs = world.state[where] as unknown as Record<string, Rec<W> & { op?: Op }>;
  const out: Rec<W>[] = [];
  for (const uid of uids) {
    const r = recs[uid];
    if (r?.op) out.push(r);
    else uids.delete(uid);
  }
  return out;
}

/**
 * `fn` on each record of `where` with an operation (in `order` when given) that is still there when its turn comes:
 * an earlier one may remove it (a deleted cluster takes its pools, nodes and add-ons).
 */
function pass<W extends OpCollection>(world: World, where: W, fn: (r: Rec<W>) => void, order?: (a: Rec<W>, b: Rec<W>) => number): void {
  const recs = world.state[where] as unknown as Record<string, Rec<W>>;
  const due = inFlight(world, where);
  if (order) due.sort(order);
  for (const r of due) if (recs[r.uid] === r) fn(r);
}
