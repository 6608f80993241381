/**
 * An object Stalled because the cloud lacks an API (reason UnsupportedByCloud) is not retried until its spec changes:
 * while the Stalled condition was written for the current generation, a pass makes no cloud call (a refresh request
 * asks again). Pure.
 */
import type { Condition } from '../../runtime/conditions.js';
import type { ManagedObject } from './kind.js';
import { ManagedReason } from './reasons.js';

export function heldAsUnsupported(obj: ManagedObject, refreshRequested: boolean): boolean {
  if (refreshRequested) return false;
  const conditions = Array.isArray(obj.status?.conditions) ? (obj.status.conditions as Condition[]) : [];
  const stalled = conditions.find((c) => c.type === 'Stalled');
  return (
    stalled?.status === 'True' &&
    stalled.reason === ManagedReason.UnsupportedByCloud &&
    stalled.observedGeneration !== undefined &&
    stalled.observedGeneration === obj.metadata?.generation
  );
}
