/**
 * The upgrade-family bodies a CceCluster's spec.upgradePolicy asks for [004 §4.3.1 T4-213..T4-218, §4.3.5
 * T4-238..T4-241], and the failed pre-check items as the cloud names them. Pure.
 */
import type { ClusterUpgradeAction, PreCheckRequest, PreCheckTask } from '../../cloud/index.js';
import type { CceCluster } from './types.js';

/** Nodes upgraded per step when the policy names none: CCE's recommendation [T4-218]. */
export const DEFAULT_USER_DEFINED_STEP = 20;

const some = <T>(v: T | undefined): v is T => v !== undefined && (Array.isArray(v) ? v.length > 0 : Object.keys(v as object).length > 0);

/** The upgrade action for one step; the add-on versions only on the step that reaches spec.version. */
export function upgradeAction(cr: CceCluster, target: string, lastStep: boolean): ClusterUpgradeAction {
  const p = cr.spec.upgradePolicy ?? {};
  const addons = (p.addons ?? []).map((a) => ({ addonTemplateName: a.addonTemplateName, operation: 'patch', version: a.version }));
  return {
    targetVersion: target,
    // The in-place strategy's object is required with that type [T4-217].
    strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: p.userDefinedStep ?? DEFAULT_USER_DEFINED_STEP } },
    ...(some(p.nodePoolOrder) ? { nodePoolOrder: { ...p.nodePoolOrder } } : {}),
    ...(some(p.nodeOrder) ? { nodeOrder: structuredClone(p.nodeOrder) as ClusterUpgradeAction['nodeOrder'] } : {}),
    ...(lastStep && addons.length ? { addons } : {}),
  };
}

export function preCheckSpec(cr: CceCluster, clusterID: string, current: string | undefined, target: string): PreCheckRequest['spec'] {
  const skipped = cr.spec.upgradePolicy?.skippedCheckItemList ?? [];
  return {
    clusterID,
    clusterVersion: current,
    targetVersion: target,
    ...(skipped.length ? { skippedCheckItemList: structuredClone(skipped) as PreCheckRequest['spec']['skippedCheckItemList'] } : {}),
  };
}

export interface FailedCheckItem {
  name?: string;
  kind?: string;
  phase?: string;
  message?: string;
}

/** The check items that did not pass (cluster and add-on checks), by the names the cloud returns. */
export function failedCheckItems(task: PreCheckTask | undefined): FailedCheckItem[] {
  const st = task?.status;
  return [...(st?.clusterCheckStatus?.itemsStatus ?? []), ...(st?.addonCheckStatus?.itemsStatus ?? [])]
    .filter((i) => i.phase && i.phase !== 'Success')
    .slice(0, 64)
    .map((i) => ({
      ...(i.name ? { name: i.name } : {}),
      ...(i.kind ? { kind: i.kind } : {}),
      ...(i.phase ? { phase: i.phase } : {}),
      ...(i.message ? { message: i.message.slice(0, 1024) } : {}),
    }));
}
