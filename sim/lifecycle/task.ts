/**
 * Upgrade, pre-check and snapshot tasks: Init (first 10%) → Queuing (to 30%) → Running → Success | Failed,
 * with `progress` as a percentage string. Phases are derived from the clock; nothing to settle.
 */
import type { TaskRec } from '../state.js';
import { isDue, progress } from '../world.js';

export type TaskPhase = 'Init' | 'Queuing' | 'Running' | 'Success' | 'Failed';

export function taskPhase(t: TaskRec, now: number): TaskPhase {
  if (now < t.startedAt) return 'Init';
  if (isDue(t, now)) return t.fail !== undefined ? 'Failed' : 'Success';
  const p = progress(t, now);
  if (t.kind === 'PreCheckTask' || t.kind === 'SnapshotTask') return p < 0.1 ? 'Init' : 'Running';
  return p < 0.1 ? 'Init' : p < 0.3 ? 'Queuing' : 'Running';
}

/** `"0.00"`..`"100.00"`; a failed task keeps the progress it had reached (half-way). */
export function taskProgress(t: TaskRec, now: number): string {
  if (now < t.startedAt) return '0.00';
  const done = isDue(t, now);
  const p = done ? (t.fail !== undefined ? 0.5 : 1) : progress(t, now);
  return (p * 100).toFixed(2);
}

export function completionTime(t: TaskRec, now: number): number | undefined {
  return now >= t.startedAt && isDue(t, now) ? t.startedAt + t.durationMs : undefined;
}

/** The newest task of a kind on a cluster. */
export function latestTask(tasks: Record<string, TaskRec>, clusterId: string, kind: TaskRec['kind']): TaskRec | undefined {
  return Object.values(tasks)
    .filter((t) => t.clusterId === clusterId && t.kind === kind)
    .sort((a, b) => a.createdAt - b.createdAt)
    .pop();
}
