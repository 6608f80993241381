/**
 * The add-on instance's `status.status` [004 D§6.2] as a CceAddon phase, and what it means for a pass (the managed
 * ladder's Activity states): ready, degraded (partly usable), busy (an operation runs: wait), failed, deleting, or
 * gone. Pure.
 */
import type { Activity } from '../managed/kind.js';

export type ActivityState = Activity['state'];

const TABLE: Record<string, { phase: string; activity: ActivityState }> = {
  running: { phase: 'Running', activity: 'ready' },
  available: { phase: 'Available', activity: 'degraded' },
  installing: { phase: 'Installing', activity: 'busy' },
  upgrading: { phase: 'Upgrading', activity: 'busy' },
  rollbacking: { phase: 'RollingBack', activity: 'busy' },
  deleting: { phase: 'Deleting', activity: 'deleting' },
  abnormal: { phase: 'Abnormal', activity: 'failed' },
  installFailed: { phase: 'InstallFailed', activity: 'failed' },
  upgradeFailed: { phase: 'UpgradeFailed', activity: 'failed' },
  rollbackFailed: { phase: 'RollbackFailed', activity: 'failed' },
  deleteFailed: { phase: 'DeleteFailed', activity: 'failed' },
  deleteSuccess: { phase: 'Deleted', activity: 'gone' },
  unknown: { phase: 'Unknown', activity: 'gone' },
};

/** `running` → `Running`, ...; an unlisted value keeps its own spelling with a capital first letter. */
export function phaseOf(status: string | undefined): string {
  if (!status) return '';
  return TABLE[status]?.phase ?? status.charAt(0).toUpperCase() + status.slice(1);
}

/** Unknown values count as failed (reported, retried slowly), never as ready. */
export function activityOf(status: string | undefined): ActivityState {
  return (status && TABLE[status]?.activity) || 'failed';
}

/** States from which the API accepts an update, upgrade or rollback [004 §4.2.4]. */
export const OPERABLE: ReadonlySet<string> = new Set(['running', 'available', 'abnormal', 'upgradeFailed', 'rollbackFailed']);
