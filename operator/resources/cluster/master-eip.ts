/**
 * Public access to the API server: binds spec.masterEIP to it (`PUT .../mastereip`), unbinds the EIP the operator
 * bound once the field is removed, and leaves an EIP bound outside the operator alone while the field is absent.
 * The EIP last bound is recorded in status.appliedMasterEIP (the cluster API does not say which EIP it has);
 * status.endpoints (from the cluster GET) shows the resulting External address on the next observe.
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import type { Pass, Step } from '../managed/kind.js';
import { Reason } from './reasons.js';
import type { CceCluster } from './types.js';

/** The binding the spec asks for, against what the operator last applied: the call to make, if any. */
export function eipChange(cr: CceCluster): { bind?: string; unbind?: string } | undefined {
  const wanted = cr.spec.masterEIP?.id;
  const applied = cr.status?.appliedMasterEIP;
  if (wanted === applied || (!wanted && !applied)) return undefined;
  return { ...(applied ? { unbind: applied } : {}), ...(wanted ? { bind: wanted } : {}) };
}

/**
 * The cluster's public endpoint, before Ready: binds / unbinds as eipChange says, then reads the cluster again so the
 * pass reports (and the kubeconfig export uses) the endpoints as they are now. Undefined when the binding matches.
 */
export async function masterEipStep(p: Pass<CceCluster, Cluster, void>): Promise<{ step: Step; observed: Cluster } | undefined> {
  const change = eipChange(p.obj);
  if (!change) return undefined;
  const id = p.observed.metadata.uid as string;
  const cloud: CceClient = p.cloud;
  if (change.unbind) await cloud.access.unbindEip(id);
  let step: Step;
  if (change.bind) {
    const m = await cloud.access.bindEip(id, change.bind);
    const where = m.body?.status?.publicEndpoint ? `: ${m.body.status.publicEndpoint}` : '';
    step = {
      outcome: { state: 'progressing', reason: Reason.MasterEipBound, message: `API server EIP ${change.bind} bound${where}` },
      set: { appliedMasterEIP: change.bind },
      event: true,
    };
  } else {
    const message = `API server EIP ${change.unbind} unbound`;
    step = {
      outcome: { state: 'progressing', reason: Reason.MasterEipUnbound, message },
      set: { appliedMasterEIP: undefined },
      event: true,
    };
  }
  const observed = await cloud.clusters.get(id, { errorStatus: 'true' });
  const endpoints = (observed.status?.endpoints ?? []).map((e) => ({ url: e.url, type: e.type }));
  return { step: { ...step, set: { ...step.set, endpoints } }, observed };
}
