/** What a CceCluster's cloud cluster says: status facts, and what its phase means for a pass. Pure. */
import type { Cluster } from '../../cloud/index.js';
import type { Activity } from '../managed/kind.js';
import { ManagedReason } from '../managed/reasons.js';
import { Reason } from './reasons.js';

const BUSY = new Set([
  'Creating',
  'Upgrading',
  'Resizing',
  'ScalingUp',
  'ScalingDown',
  'RollingBack',
  'Hibernating',
  'Awaking',
  'Freezing',
  'UnFreezing',
]);

export function clusterFacts(c: Cluster): Record<string, unknown> {
  return {
    phase: c.status?.phase ?? '',
    ...(c.metadata?.uid ? { clusterID: c.metadata.uid } : {}),
    ...(c.spec?.version ? { currentVersion: c.spec.version } : {}),
    ...(c.spec?.platformVersion ? { platformVersion: c.spec.platformVersion } : {}),
    endpoints: (c.status?.endpoints ?? []).map((e) => ({ url: e.url, type: e.type })),
  };
}

export function clusterActivity(c: Cluster): Activity {
  const phase = c.status?.phase ?? '';
  if (phase === 'Available' || phase === 'Hibernation') return { state: 'ready', message: `cluster phase ${phase}` };
  if (phase === 'Deleting') return { state: 'deleting', message: 'cluster phase Deleting' };
  if (BUSY.has(phase)) return { state: 'busy', message: `cluster phase ${phase}` };
  const why = [c.status?.reason, c.status?.message].filter(Boolean).join(' ');
  return { state: 'failed', message: `cluster phase ${phase || 'unknown'}${why ? `: ${why}` : ''}` };
}

export function clusterReadyMessage(c: Cluster): { reason: string; message: string } {
  return c.status?.phase === 'Hibernation'
    ? { reason: Reason.Hibernated, message: 'cluster is hibernated' }
    : { reason: ManagedReason.Available, message: 'cluster is Available' };
}
