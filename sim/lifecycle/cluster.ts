/**
 * Cluster state machine.
 *   create:    Creating  → Available | Error          (job CreateCluster)
 *   delete:    Deleting  → (gone)    | Error          (job DeleteCluster)
 *   hibernate: Hibernating → Hibernation | Available (on failure)
 *   awake:     Awaking   → Available | Hibernation   (on failure)
 *   upgrade:   Upgrading → Available (spec.version = target on success, unchanged on failure)
 */
import { CceError } from '../errors.js';
import type { ClusterRec } from '../state.js';
import type { World } from '../world.js';
import { isDue } from '../world.js';
import { findVersion } from '../versions.js';
import { installDefaultAddons } from './addon.js';
import { str } from '../json.js';

export const OP_PHASE: Record<string, string> = {
  create: 'Creating',
  delete: 'Deleting',
  hibernate: 'Hibernating',
  awake: 'Awaking',
  upgrade: 'Upgrading',
};

/** The phase a reader sees now. */
export function clusterPhase(c: ClusterRec): string {
  return c.op ? (OP_PHASE[c.op.kind] ?? c.phase) : c.phase;
}

/** Operations that need a settled, Available cluster: 429 while a transition runs, 400 in any other phase. */
export function requireAvailable(c: ClusterRec, what: string): void {
  const phase = clusterPhase(c);
  if (c.op) throw new CceError('locked', `cluster ${c.uid} is ${phase}; ${what} must wait until it is Available`);
  if (phase !== 'Available') throw new CceError('invalid', `cluster ${c.uid} is ${phase}; ${what} is only allowed while Available`);
}

/** Removes a cluster and everything that lives in it. */
export function removeCluster(world: World, uid: string): void {
  const s = world.state;
  delete s.clusters[uid];
  for (const [id, p] of Object.entries(s.nodePools)) if (p.clusterId === uid) delete s.nodePools[id];
  for (const [id, n] of Object.entries(s.nodes)) if (n.clusterId === uid) delete s.nodes[id];
  for (const [id, a] of Object.entries(s.addons)) if (a.clusterId === uid) delete s.addons[id];
  for (const [id, t] of Object.entries(s.tasks)) if (t.clusterId === uid) delete s.tasks[id];
}

/** Makes a finished operation permanent. */
export function settleCluster(world: World, c: ClusterRec, now: number): void {
  const op = c.op;
  if (!op || !isDue(op, now)) return;
  const end = op.startedAt + op.durationMs;
  delete c.op;
  c.updatedAt = end;
  world.touch();
  delete c.reason;
  delete c.message;
  const failed = (phase: string): void => {
    c.phase = phase;
    c.reason = `${OP_PHASE[op.kind]} failed`;
    c.message = op.fail ?? '';
  };
  switch (op.kind) {
    case 'create':
      if (op.fail !== undefined) return failed('Error');
      c.phase = 'Available';
      installDefaultAddons(world, c, end);
      return;
    case 'delete':
      if (op.fail !== undefined) return failed('Error');
      removeCluster(world, c.uid);
      return;
    case 'hibernate':
      if (op.fail !== undefined) return failed('Available');
      c.phase = 'Hibernation';
      return;
    case 'awake':
      if (op.fail !== undefined) return failed('Hibernation');
      c.phase = 'Available';
      return;
    case 'upgrade': {
      c.phase = 'Available';
      if (op.fail !== undefined) return;
      const target = str(op.data, 'targetVersion') ?? String(c.spec.version);
      c.spec.version = target;
      const info = findVersion(c.autopilot, target);
      if (info) c.spec.platformVersion = info.platformVersion;
      return;
    }
  }
}
