/**
 * Node state machine: Build (first half of jobSeconds) → Installing → Active; DELETE → Deleting → gone
 * (job DeleteNode; on failure the node becomes Abnormal).
 */
import type { NodePoolRec, NodeRec } from '../state.js';
import type { World } from '../world.js';
import { isDue } from '../world.js';
import { clone } from '../json.js';

let ipSeq = 10;

export function nodePhase(n: NodeRec, now: number): string {
  if (n.op) return 'Deleting';
  if (n.abnormal) return 'Abnormal';
  if (now >= n.readyAt) return 'Active';
  return now < n.readyAt - (n.readyAt - n.createdAt) / 2 ? 'Build' : 'Installing';
}

function suffix(): string {
  return Math.random().toString(36).slice(2, 7).padEnd(5, '0');
}

/** Creates one node of a pool (Build → Installing → Active over jobSeconds). */
export function newPoolNode(world: World, pool: NodePoolRec, now: number): NodeRec {
  const template = clone(pool.spec.nodeTemplate ?? {});
  delete (template as Record<string, unknown>).count;
  ipSeq = (ipSeq % 250) + 1;
  const n: NodeRec = {
    uid: world.newId(),
    clusterId: pool.clusterId,
    poolId: pool.uid,
    name: `${pool.name}-${suffix()}`,
    spec: typeof template === 'object' && template !== null && !Array.isArray(template) ? template : {},
    serverId: world.newId(),
    privateIP: `192.168.0.${ipSeq}`,
    createdAt: now,
    readyAt: now + world.config.jobMs,
  };
  world.state.nodes[n.uid] = n;
  world.touch();
  return n;
}

export function poolNodes(world: World, poolId: string): NodeRec[] {
  return Object.values(world.state.nodes)
    .filter((n) => n.poolId === poolId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function settleNode(world: World, n: NodeRec, now: number): void {
  const op = n.op;
  if (!op || !isDue(op, now)) return;
  world.touch();
  if (op.fail !== undefined) {
    delete n.op;
    n.abnormal = true;
    return;
  }
  delete world.state.nodes[n.uid];
}
