/**
 * The cluster upgrade flow, one minor version per round: pre-check → upgrade → task polling → post-check. Each
 * step is recorded in status.upgrade so a restarted operator resumes where it was. Returns the next report.
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import { Terminal } from '../../runtime/result.js';
import type { Report } from './report.js';
import { Reason } from './reasons.js';
import type { CceCluster } from './types.js';
import { downgradeMessage, nextUpgradeStep } from './version.js';

type UpgradeState = NonNullable<NonNullable<CceCluster['status']>['upgrade']>;

const FAILED = new Set(['Failed', 'Error']);

export async function advanceUpgrade(cr: CceCluster, observed: Cluster, cloud: CceClient): Promise<Report> {
  const id = observed.metadata.uid as string;
  const current = observed.spec?.version;
  const state: UpgradeState | undefined = cr.status?.upgrade;
  const progressing = (message: string, upgrade: UpgradeState | undefined): Report => ({
    observed,
    outcome: { state: 'progressing', reason: Reason.Upgrading, message },
    set: { upgrade },
  });

  if (!state?.step) {
    const bad = downgradeMessage(current, cr.spec.version);
    if (bad) throw new Terminal(bad, Reason.InvalidSpec);
    const offered = (await cloud.upgrades.info(id)).spec?.versionInfo?.targetVersions ?? [];
    const target = nextUpgradeStep(current, cr.spec.version, offered);
    if (!target) {
      throw new Terminal(`no upgrade path from ${current} towards ${cr.spec.version} (CCE offers: ${offered.join(', ') || 'none'})`, Reason.InvalidSpec);
    }
    const m = await cloud.upgrades.preCheck(id, { clusterID: id, clusterVersion: current, targetVersion: target });
    return progressing(`pre-check for ${current} → ${target} started`, { targetVersion: target, step: 'PreCheck', taskID: m.body?.metadata?.uid });
  }
  const target = state.targetVersion as string;
  if (state.step === 'PreCheck') {
    const task = state.taskID ? await cloud.upgrades.getPreCheck(id, state.taskID) : undefined;
    const phase = task?.status?.phase;
    if (phase && FAILED.has(phase)) {
      throw new Terminal(`upgrade pre-check to ${target} ${phase}: ${task?.status?.message ?? 'see the CCE console'}`, Reason.UpgradeFailed);
    }
    if (phase !== 'Success' && state.taskID) return progressing(`pre-check for ${target}: ${phase ?? 'pending'}`, state);
    const m = await cloud.upgrades.upgrade(id, { targetVersion: target, strategy: { type: 'inPlaceRollingUpdate' } });
    return progressing(`upgrade to ${target} started`, { targetVersion: target, step: 'Upgrade', taskID: m.taskId });
  }
  if (state.step === 'Upgrade') {
    const task = state.taskID ? await cloud.upgrades.getTask(id, state.taskID) : undefined;
    const phase = task?.status?.phase;
    if (phase === 'Failed') throw new Terminal(`upgrade to ${target} failed (task ${state.taskID})`, Reason.UpgradeFailed);
    if (phase !== 'Success') return progressing(`upgrading to ${target}: ${phase ?? 'pending'} ${task?.status?.progress ?? ''}`.trim(), state);
    await cloud.upgrades.postCheck(id, { clusterID: id, clusterVersion: current, targetVersion: target });
    return progressing(`post-check after the upgrade to ${target} done`, { targetVersion: target, step: 'PostCheck' });
  }
  // PostCheck done: the round is over; the next pass starts another round if spec.version is further ahead.
  return progressing(`upgraded to ${target}`, undefined);
}
