// kstatus-compatible conditions (metav1.Condition shape): type, status, reason, message, lastTransitionTime,
// observedGeneration. `setCondition` changes lastTransitionTime only when the status flips, and returns the
// same array when nothing changed so status writes can be skipped.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  /** CamelCase, machine-readable; reasons are exported constants in each kind. */
  reason: string;
  message: string;
  /** RFC 3339 timestamp of the last status flip. */
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** The condition types kstatus and Argo CD understand, plus Synced (crossplane's "last call to the cloud"). */
export const ConditionType = {
  Ready: 'Ready',
  Reconciling: 'Reconciling',
  Stalled: 'Stalled',
  Synced: 'Synced',
} as const;

export type ConditionInput = Omit<Condition, 'lastTransitionTime'>;

export function getCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return getCondition(conditions, type)?.status === 'True';
}

/**
 * Returns conditions with `next` applied. lastTransitionTime is kept unless the status changed (or the
 * condition is new). When nothing differs the input array itself is returned.
 */
export function setCondition(conditions: readonly Condition[] | undefined, next: ConditionInput, now: Date = new Date()): Condition[] {
  const list = conditions ?? [];
  const i = list.findIndex((c) => c.type === next.type);
  const old = i >= 0 ? list[i] : undefined;
  const lastTransitionTime = old && old.status === next.status ? old.lastTransitionTime : formatTime(now);
  const merged: Condition = { ...next, lastTransitionTime };
  if (merged.observedGeneration === undefined) delete merged.observedGeneration;
  if (old && sameCondition(old, merged)) return list as Condition[];
  if (i < 0) return [...list, merged];
  return list.map((c, j) => (j === i ? merged : c));
}

/** Applies several conditions in order. */
export function setConditions(
  conditions: readonly Condition[] | undefined,
  next: readonly ConditionInput[],
  now: Date = new Date(),
): Condition[] {
  return next.reduce<Condition[]>((acc, c) => setCondition(acc, c, now), (conditions ?? []) as Condition[]);
}

export function removeCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  const list = (conditions ?? []) as Condition[];
  return list.some((c) => c.type === type) ? list.filter((c) => c.type !== type) : list;
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function formatTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sameCondition(a: Condition, b: Condition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.lastTransitionTime === b.lastTransitionTime &&
    a.observedGeneration === b.observedGeneration
  );
}
