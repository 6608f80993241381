/**
 * Where an add-on lives and whether it may act now. A `clusterRef` goes through ../cluster-ref.ts like a node pool's
 * (the CceCluster gives the cloud target and Autopilot-ness; its Ready state for its current generation gates
 * changes); an unmanaged cluster (`clusterID`, with `region`/`projectID` and `autopilot` in the add-on's own spec) is
 * always acted on. Pure (cache reads only).
 */
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { isDeleting, type CustomObject } from '../../runtime/kube-object.js';
import type { ObjectTarget } from '../cloud-clients.js';
import { clusterState, dependentTarget, referencedCluster, WaitingForCluster } from '../cluster-ref.js';
import type { Gate, Unreachable } from '../managed/kind.js';
import { Reason } from './reasons.js';
import type { CceAddon } from './types.js';

/** What the add-on's external client works in. */
export interface AddonScope {
  clusterID: string;
  autopilot: boolean;
  /** The cluster's Kubernetes version when known (template support check). */
  clusterVersion: string | undefined;
  /** spec.addonTemplateName: an instance of another template is never taken for this object's. */
  template: string;
}

type Ctx = Pick<ReconcileContext<CustomObject>, 'lookup'>;

const goesWithCluster = (name: string) => `CceCluster ${name} is gone or being deleted: the add-on goes with the cloud cluster`;

export function addonTarget(obj: CceAddon, ctx: Ctx): { target: ObjectTarget } | Unreachable {
  const ref = obj.spec.clusterRef;
  if (!ref) {
    const target = dependentTarget(obj, undefined, obj.spec.autopilot === true);
    // CEL requires region and projectID with clusterID; an object from before that rule is a spec problem.
    return target
      ? { target }
      : { state: 'unsupported', reason: Reason.InvalidSpec, message: 'spec.projectID is required with spec.clusterID' };
  }
  const cluster = referencedCluster(obj, ctx);
  const state = clusterState(cluster, ref.name, obj.metadata?.namespace ?? 'default');
  if (isDeleting(obj) && !state.ready && state.going) return { state: 'release', message: goesWithCluster(ref.name), warning: false };
  const target = dependentTarget(obj, cluster, cluster?.spec.enableAutopilot === true);
  if (target) return { target };
  return { state: 'wait', reason: WaitingForCluster, message: state.ready ? `CceCluster ${ref.name} names no projectID` : state.message };
}

export function addonGate(obj: CceAddon, ctx: Ctx): Gate<AddonScope> {
  const s = obj.spec;
  const template = s.addonTemplateName;
  const deleting = isDeleting(obj);
  if (!s.clusterRef) {
    const clusterID = (deleting ? obj.status?.clusterID : undefined) ?? s.clusterID;
    if (!clusterID)
      return deleting
        ? { state: 'release', message: 'no cluster id: nothing was installed', warning: false }
        : { state: 'unsupported', reason: Reason.InvalidSpec, message: 'one of spec.clusterRef and spec.clusterID is required' };
    return { state: 'go', scope: { clusterID, autopilot: s.autopilot === true, clusterVersion: undefined, template } };
  }
  const name = s.clusterRef.name;
  const cluster = referencedCluster(obj, ctx);
  const state = clusterState(cluster, name, obj.metadata?.namespace ?? 'default');
  const autopilot = cluster?.spec.enableAutopilot === true;
  const scopeIn = (clusterID: string): AddonScope => ({ clusterID, autopilot, clusterVersion: state.currentVersion, template });
  if (deleting) {
    if (!state.ready && state.going) return { state: 'release', message: goesWithCluster(name), warning: false };
    const clusterID = obj.status?.clusterID ?? state.clusterID;
    return clusterID
      ? { state: 'go', scope: scopeIn(clusterID) }
      : { state: 'release', message: `CceCluster ${name} has no cluster id: nothing was installed`, warning: false };
  }
  if (state.ready) return { state: 'go', scope: scopeIn(state.clusterID) };
  // The cluster gate holds back changes, not readiness: with its id known, the instance is still observed.
  if (state.clusterID) return { state: 'hold', scope: scopeIn(state.clusterID), reason: state.reason, message: state.message };
  return { state: 'wait', reason: state.reason, message: state.message };
}
