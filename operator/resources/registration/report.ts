/** What a registration's record says: status facts, what its state means for a pass, the Ready message. Pure. */
import type { Activity } from '../managed/kind.js';
import { Reason } from './reasons.js';
import type { Registered } from './types.js';

export function registrationFacts(r: Registered): Record<string, unknown> {
  const paddleflow = r.target === 'paddleflow';
  return {
    phase: paddleflow ? (r.status === 'offline' ? 'Offline' : 'Online') : 'Registered',
    ...(r.id ? { registrationID: r.id } : {}),
    target: r.target,
    recordName: paddleflow ? r.name : r.secret,
    registryStatus: paddleflow ? r.status || undefined : undefined,
    endpoint: r.endpoint || undefined,
    version: paddleflow ? r.version || undefined : undefined,
  };
}

/** Registries answer synchronously: a record is settled, unless its Argo CD Secret is being deleted. */
export function registrationActivity(r: Registered): Activity {
  if (r.deleting) return { state: 'deleting', message: `the cluster Secret ${r.secret ?? ''} is being deleted` };
  return { state: 'ready', message: 'registered' };
}

export function registrationReadyMessage(r: Registered): { reason: string; message: string } {
  const message =
    r.target === 'paddleflow'
      ? `registered in PaddleFlow as ${r.name} (${r.status || 'status n/a'})`
      : `registered in Argo CD as ${r.name} (Secret ${r.secret ?? ''})`;
  return { reason: Reason.Registered, message };
}
