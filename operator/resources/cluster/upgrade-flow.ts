/**
 * The cluster upgrade, one step of the cloud's upgrade paths per round: pre-check → upgrade task → post-check. Each
 * step is recorded in status.upgrade so a restarted operator resumes where it was. A failed step is reported with
 * what the cloud says and waits: change the annotation cce.operator.dev/retry-upgrade to retry it (the upgrade task
 * through the retry API, the pre-check by running it again), or set spec.version back to the current version to
 * abandon the upgrade.
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import { Terminal } from '../../runtime/result.js';
import type { Applied, Pass, Step } from '../managed/kind.js';
import { Reason, RETRY_UPGRADE_ANNOTATION } from './reasons.js';
import type { CceCluster } from './types.js';
import { compareMinor, downgradeMessage, nextUpgradeStep } from './version.js';

type UpgradeState = NonNullable<NonNullable<CceCluster['status']>['upgrade']>;

const FAILED = new Set(['Failed', 'Error']);
/**
 * Nodes upgraded per step: the in-place strategy's object is required with that strategy type and its step is
 * 1..40, 20 recommended [004 §4.3.1 T4-217, T4-218].
 */
const UPGRADE_NODE_STEP = 20;
/** How often a failed step is re-read while it waits for the user. */
const FAILED_RECHECK_MS = 300_000;

/** The first step of a round: validate the target against the cloud's paths, then the pre-check. */
export async function startUpgrade(cr: CceCluster, observed: Cluster, cloud: CceClient): Promise<Applied<Cluster>> {
  const id = observed.metadata.uid as string;
  const current = observed.spec?.version;
  const bad = downgradeMessage(current, cr.spec.version);
  if (bad) throw new Terminal(bad, Reason.InvalidSpec);
  const offered = (await cloud.upgrades.info(id)).spec?.versionInfo?.targetVersions ?? [];
  const target = nextUpgradeStep(current, cr.spec.version, offered);
  if (!target) {
    throw new Terminal(
      `no upgrade path from ${current} towards ${cr.spec.version} (CCE offers: ${offered.join(', ') || 'none'})`,
      Reason.InvalidSpec,
    );
  }
  const m = await cloud.upgrades.preCheck(id, { clusterID: id, clusterVersion: current, targetVersion: target });
  const upgrade: UpgradeState = {
    targetVersion: target,
    step: 'PreCheck',
    taskID: m.body?.metadata?.uid,
    fromVersion: current,
    retried: retryToken(cr),
  };
  return {
    reason: Reason.Upgrading,
    message: `upgrading ${current} towards ${cr.spec.version}: pre-check for ${target} started`,
    requestId: m.requestId,
    set: { upgrade },
    multiStep: true,
  };
}

/** The annotation value that asked for the last retry (a new value asks again). */
function retryToken(cr: CceCluster): string | undefined {
  return cr.metadata?.annotations?.[RETRY_UPGRADE_ANNOTATION];
}

/** The kind's inFlight hook: advances a recorded upgrade; undefined when none is recorded. */
export async function advanceUpgrade(p: Pass<CceCluster, Cluster, void>): Promise<Step | undefined> {
  const state = p.obj.status?.upgrade;
  if (!state?.step) return undefined;
  const { obj: cr, observed, cloud } = p;
  const id = observed.metadata.uid as string;
  const current = observed.spec?.version;
  const target = state.targetVersion as string;
  const progressing = (message: string, upgrade: UpgradeState | undefined): Step => ({
    outcome: { state: 'progressing', reason: Reason.Upgrading, message },
    set: { upgrade },
    jobInFlight: true,
  });
  const failed = (message: string): Step => ({
    outcome: {
      state: 'stalled',
      reason: Reason.UpgradeFailed,
      message: `${message}; to retry, set annotation ${RETRY_UPGRADE_ANNOTATION} to a new value; to abandon, set spec.version back to ${current}`,
    },
    requeueMs: FAILED_RECHECK_MS,
  });
  const retryAsked = retryToken(cr) !== undefined && retryToken(cr) !== state.retried;

  if (state.step === 'PreCheck') {
    const task = state.taskID ? await cloud.upgrades.getPreCheck(id, state.taskID) : undefined;
    const phase = task?.status?.phase;
    if (phase && FAILED.has(phase)) {
      if (abandoned(cr, current)) return abandon(current, target);
      if (retryAsked) {
        const m = await cloud.upgrades.preCheck(id, { clusterID: id, clusterVersion: current, targetVersion: target });
        return {
          ...progressing(`pre-check for ${target} started again`, { ...state, taskID: m.body?.metadata?.uid, retried: retryToken(cr) }),
          event: true,
        };
      }
      const st = task?.status;
      const items = [...(st?.clusterCheckStatus?.itemsStatus ?? []), ...(st?.addonCheckStatus?.itemsStatus ?? [])].filter(
        (i) => i.phase && i.phase !== 'Success',
      );
      const detail = items.map((i) => `${i.name ?? 'item'}: ${i.message ?? i.phase}`).join('; ');
      const why = [st?.message, detail].filter(Boolean).join(': ') || 'see the CCE console';
      return failed(`upgrade pre-check for ${target} ${phase}: ${why}`);
    }
    if (phase !== 'Success' && state.taskID) return progressing(`pre-check for ${target}: ${phase ?? 'pending'}`, state);
    const strategy = { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: UPGRADE_NODE_STEP } };
    const m = await cloud.upgrades.upgrade(id, { targetVersion: target, strategy });
    return progressing(`upgrade to ${target} started`, { ...state, step: 'Upgrade', taskID: m.taskId });
  }
  if (state.step === 'Upgrade') {
    const task = state.taskID ? await cloud.upgrades.getTask(id, state.taskID) : undefined;
    const phase = task?.status?.phase;
    if (phase === 'Failed') {
      if (abandoned(cr, current)) return abandon(current, target);
      if (retryAsked) {
        await cloud.upgrades.retry(id);
        return {
          outcome: { state: 'progressing', reason: Reason.UpgradeRetried, message: `upgrade task ${state.taskID} to ${target} retried` },
          set: { upgrade: { ...state, retried: retryToken(cr) } },
          jobInFlight: true,
          event: true,
        };
      }
      const items = task?.spec?.items ? ` ${JSON.stringify(task.spec.items)}` : '';
      return failed(
        `upgrade task ${state.taskID} to ${target} failed (progress ${task?.status?.progress ?? 'unknown'}${task?.status?.completionTime ? `, ended ${task.status.completionTime}` : ''})${items}`,
      );
    }
    if (phase !== 'Success')
      return progressing(`upgrading to ${target}: ${phase ?? 'pending'} ${task?.status?.progress ?? ''}`.trim(), state);
    const source = task?.spec?.version ?? state.fromVersion ?? current;
    await cloud.upgrades.postCheck(id, { clusterID: id, clusterVersion: source, targetVersion: target });
    return progressing(`post-check after the upgrade to ${target} done`, { ...state, step: 'PostCheck' });
  }
  // PostCheck done: the round is over; the next pass starts another round if spec.version is further ahead.
  return progressing(`upgraded to ${target}`, undefined);
}

/** spec.version is back at (or below) the version the cluster runs: the user gave up the failed upgrade. */
function abandoned(cr: CceCluster, current: string | undefined): boolean {
  return compareMinor(cr.spec.version, current) <= 0;
}

function abandon(current: string | undefined, target: string): Step {
  return {
    outcome: {
      state: 'progressing',
      reason: Reason.UpgradeAbandoned,
      message: `upgrade to ${target} abandoned: spec.version is back at ${current}`,
    },
    set: { upgrade: undefined },
    requeueMs: 0,
    event: true,
  };
}
