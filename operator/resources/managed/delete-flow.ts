/**
 * Deleting a managed object (after Orphan / ObserveOnly were released before connecting, reconciler.ts): wait for
 * what must go first, find the cloud resource (by the recorded id, or by name when none was recorded: a create
 * whose answer was lost must not leave a resource behind), never delete what another object owns, delete once,
 * follow it until the cloud answers 404, then release the finalizer.
 */
import { requeueAfter, type ReconcileResult } from '../../runtime/result.js';
import type { CredentialsTarget, Gate, ManagedObject } from './kind.js';
import { otherOwner } from './ownership.js';
import { FINALIZER, ManagedReason as Reason } from './reasons.js';
import type { Ladder } from './reconciler.js';

export async function finalize<O extends ManagedObject, R, S, C, T extends CredentialsTarget>(
  l: Ladder<O, R, S, C, T>,
  cloud: C,
  gate: Gate<S>,
): Promise<ReconcileResult> {
  const { kind, ctx } = l;
  if (gate.state === 'release') return l.release(gate.message, gate.warning);
  // Nothing of this object can exist where it cannot reach (its create needs the scope the gate lacks).
  if (gate.state === 'wait' || gate.state === 'unsupported') return l.release(gate.message, !!l.recordedId);
  const blocker = await kind.deleteBlockers?.(l.obj, ctx);
  if (blocker) return l.step(undefined, blocker);

  const external = kind.external(cloud, gate.scope, l.deps.secrets);
  const id = l.recordedId;
  const observed = id ? await external.observe(id) : await external.find(l.obj);
  const noun = kind.noun;
  if (observed) {
    const owner = otherOwner(l.obj, kind.idOf(observed) ?? '', ctx.cache.list(), kind.idField);
    if (owner) return l.release(`it is managed by ${kind.type.kind} ${owner}`);
  }
  const activity = observed ? kind.activity(observed, l.obj) : undefined;
  if (!observed || activity?.state === 'gone') {
    const what = `${noun} ${kind.cloudName(l.obj)}${id ? ` (${id})` : ''}`;
    ctx.events.normal(Reason.Deleted, id || observed ? `${what} deleted` : `${what} was never created: nothing to delete`);
    await ctx.finalizers.remove(l.obj, FINALIZER);
    return {};
  }
  if (activity?.state === 'deleting' || activity?.state === 'busy') {
    const message =
      activity.state === 'deleting'
        ? `${noun} is being deleted`
        : `waiting for the ${noun} to finish (${activity.message}) before deleting it`;
    return l.progress({ observed, outcome: { state: 'progressing', reason: Reason.Deleting, message } }, l.poll, true);
  }
  const deleted = await external.delete(l.obj, observed);
  const rid = kind.idOf(observed);
  ctx.events.normal(Reason.Deleting, `delete requested for ${noun} ${rid} (job ${deleted.jobID ?? 'n/a'})`, {
    requestId: deleted.requestId,
  });
  const set = { jobID: deleted.jobID, ...(id ? {} : { [kind.idField]: rid }) };
  await l.report({
    observed: deleted.observed ?? observed,
    outcome: { state: 'progressing', reason: Reason.Deleting, message: `deleting (job ${deleted.jobID ?? 'n/a'})` },
    set,
  });
  return requeueAfter(l.poll, { jobInFlight: true });
}
