/**
 * Node pool state machine (`status.phase`; empty string = normal).
 *   create (initialNodeCount > 0) / scale: Synchronizing → "" | Error   (nodes added or removed; currentNode
 *                                          counts Active nodes, so it converges on initialNodeCount)
 *   update without a count change:         Synchronized → ""
 *   delete:                                Deleting → (gone) | Error   (job DeleteNodePool)
 */
import type { NodePoolRec } from '../state.js';
import type { World } from '../world.js';
import { isDue } from '../world.js';
import { newPoolNode, nodePhase, poolNodes } from './node.js';
import { num } from '../json.js';

export const POOL_OP_PHASE: Record<string, string> = {
  create: 'Synchronizing',
  scale: 'Synchronizing',
  update: 'Synchronized',
  delete: 'Deleting',
};

export function poolPhase(p: NodePoolRec): string {
  return p.op ? (POOL_OP_PHASE[p.op.kind] ?? p.phase) : p.phase;
}

export function currentNode(world: World, p: NodePoolRec, now: number): number {
  return poolNodes(world, p.uid).filter((n) => nodePhase(n, now) === 'Active').length;
}

/**
 * Adds or removes nodes so the pool has `initialNodeCount` nodes (not counting nodes being deleted); returns
 * the ids of the nodes it created. Removal takes the newest nodes first.
 */
export function converge(world: World, p: NodePoolRec, now: number, fail?: string): string[] {
  const want = num(p.spec, 'initialNodeCount') ?? 0;
  const live = poolNodes(world, p.uid).filter((n) => !n.op);
  const created: string[] = [];
  for (let i = live.length; i < want; i++) created.push(newPoolNode(world, p, now).uid);
  for (const n of live.slice(want).reverse()) world.begin('nodes', n, 'delete', now, fail);
  return created;
}

export function settlePool(world: World, p: NodePoolRec, now: number): void {
  const op = p.op;
  if (!op || !isDue(op, now)) return;
  delete p.op;
  p.updatedAt = op.startedAt + op.durationMs;
  world.touch();
  if (op.fail !== undefined) {
    p.phase = 'Error';
    if (op.kind === 'delete') return;
    const created = Array.isArray(op.data?.created) ? op.data.created : [];
    for (const id of created) if (typeof id === 'string') delete world.state.nodes[id];
    return;
  }
  if (op.kind === 'delete') {
    for (const n of poolNodes(world, p.uid)) delete world.state.nodes[n.uid];
    delete world.state.nodePools[p.uid];
    return;
  }
  p.phase = '';
}
