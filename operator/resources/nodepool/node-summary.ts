/**
 * A node pool's nodes by phase, from ONE list-nodes call per pool observation [003 §4.1.11] (never a call per node):
 * the nodes of the pool are those annotated `kubernetes.io/node-pool.id` with its id. Status shows the count per
 * phase and at most a few of the nodes that are not Active (name, private IP, phase), the abnormal ones first. Pure.
 */
import type { Node } from '../../cloud/index.js';

/** The pool id CCE annotates each pool node with. */
export const NODE_POOL_ANNOTATION = 'kubernetes.io/node-pool.id';
/** How many not-Active nodes status names. */
export const MAX_LISTED_NODES = 5;
/** Phases that are on their way (not a fault): listed after the others. */
const UNDER_WAY = new Set(['Build', 'Installing', 'Upgrading', 'Deleting']);

export interface NodeSummary {
  phases: Record<string, number>;
  unhealthy: Array<{ name: string; privateIP?: string; phase: string }>;
}

export function poolNodes(nodes: readonly Node[], poolId: string): Node[] {
  return nodes.filter((n) => n.metadata?.annotations?.[NODE_POOL_ANNOTATION] === poolId);
}

export function nodeSummary(nodes: readonly Node[]): NodeSummary {
  const phases: Record<string, number> = {};
  for (const n of nodes) {
    const phase = n.status?.phase || 'Unknown';
    phases[phase] = (phases[phase] ?? 0) + 1;
  }
  const unhealthy = nodes
    .filter((n) => (n.status?.phase || 'Unknown') !== 'Active')
    .map((n) => ({
      name: n.metadata?.name ?? n.metadata?.uid ?? '',
      ...(n.status?.privateIP ? { privateIP: n.status.privateIP } : {}),
      phase: n.status?.phase || 'Unknown',
    }))
    .sort((a, b) => Number(UNDER_WAY.has(a.phase)) - Number(UNDER_WAY.has(b.phase)) || a.name.localeCompare(b.name))
    .slice(0, MAX_LISTED_NODES);
  return { phases, unhealthy };
}
