/**
 * The verdict of one reconcile pass, as kstatus conditions (Ready, Reconciling, Stalled, Synced) stamped with
 * observedGeneration, merged into a kind's status. Shared by every kind so they read alike. Pure.
 */
import { setConditions, type Condition, type ConditionInput } from '../runtime/conditions.js';

export type Outcome =
  | { state: 'ready'; reason: string; message: string }
  | { state: 'progressing'; reason: string; message: string }
  | { state: 'stalled'; reason: string; message: string }
  | { state: 'error'; reason: string; message: string };

export interface CommonStatus {
  conditions?: Condition[] | ConditionInput[] | unknown;
  observedGeneration?: number;
  unobservedFields?: string[];
  [key: string]: unknown;
}

export function outcomeConditions(o: Outcome, generation: number | undefined): ConditionInput[] {
  const failing = o.state === 'error' || o.state === 'stalled';
  return [
    { type: 'Ready', status: o.state === 'ready' ? 'True' : 'False', reason: o.reason, message: o.message, observedGeneration: generation },
    {
      type: 'Reconciling',
      status: o.state === 'progressing' ? 'True' : 'False',
      reason: o.state === 'progressing' ? o.reason : 'Idle',
      message: o.state === 'progressing' ? o.message : '',
      observedGeneration: generation,
    },
    {
      type: 'Stalled',
      status: o.state === 'stalled' ? 'True' : 'False',
      reason: o.state === 'stalled' ? o.reason : 'NotStalled',
      message: o.state === 'stalled' ? o.message : '',
      observedGeneration: generation,
    },
    {
      type: 'Synced',
      status: failing ? 'False' : 'True',
      reason: failing ? o.reason : 'ReconcileSuccess',
      message: failing ? o.message : '',
      observedGeneration: generation,
    },
  ];
}

/**
 * `current` with `facts` merged in (an `undefined` value removes the field), the conditions of `outcome`, the
 * unobserved-field list, and observedGeneration when the pass reached a verdict on this generation.
 */
export function applyOutcome<S extends CommonStatus>(
  current: S | undefined,
  facts: Partial<S>,
  outcome: Outcome,
  generation: number | undefined,
  unobserved: string[],
  now: Date,
): S {
  const status = { ...(current ?? {}) } as S;
  for (const [k, v] of Object.entries(facts)) {
    if (v === undefined) delete (status as Record<string, unknown>)[k];
    else (status as Record<string, unknown>)[k] = v;
  }
  status.unobservedFields = unobserved;
  status.conditions = setConditions(current?.conditions as Condition[] | undefined, outcomeConditions(outcome, generation), now);
  if (outcome.state !== 'error' && generation !== undefined) status.observedGeneration = generation;
  return status;
}

export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
