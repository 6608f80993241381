/** What a CceAddon's cloud instance says: status facts, what its state means for a pass, the Ready message. Pure. */
import type { AddonInstance } from '../../cloud/index.js';
import type { Activity } from '../managed/kind.js';
import { activityOf, OPERABLE, phaseOf } from './phase.js';
import { Reason } from './reasons.js';
import { currentVersion } from './versions.js';

export function addonFacts(obs: AddonInstance): Record<string, unknown> {
  const s = obs.status ?? {};
  return {
    status: s.status ?? '',
    phase: phaseOf(s.status),
    ...(obs.metadata?.uid ? { addonID: obs.metadata.uid } : {}),
    ...(obs.spec?.clusterID ? { clusterID: obs.spec.clusterID } : {}),
    currentVersion: currentVersion(obs) || undefined,
    previousVersion: s.previousVersion || undefined,
    rollbackable: typeof s.isRollbackable === 'boolean' ? s.isRollbackable : undefined,
    cloudReason: (s.Reason ?? s.reason) || undefined,
  };
}

/** The instance's `status.status` as an Activity; failed states say why (the cloud's Reason and message). */
export function addonActivity(obs: AddonInstance): Activity {
  const status = obs.status?.status ?? '';
  const state = activityOf(status);
  const operable = OPERABLE.has(status);
  switch (state) {
    case 'failed': {
      const why = [obs.status?.Reason ?? obs.status?.reason, obs.status?.message].filter(Boolean).join(': ');
      const hint = status === 'installFailed' ? ' (delete and re-create the CceAddon to reinstall)' : '';
      return { state, message: `add-on ${status || 'status unknown'}${why ? `: ${why}` : ''}${hint}`, operable };
    }
    case 'degraded':
      return { state, message: `add-on ${status}: only some instances run`, operable };
    default:
      return { state, message: `add-on ${status}`, operable };
  }
}

export function addonReadyMessage(obs: AddonInstance): { reason: string; message: string } {
  return { reason: Reason.Running, message: `add-on ${obs.status?.status ?? 'running'}` };
}
