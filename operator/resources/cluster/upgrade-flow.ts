/**
 * The cluster upgrade. The whole path is planned from the cloud's upgrade paths before the first call
 * (upgrade-plan.ts): a spec.version no path reaches is Stalled (NoUpgradePath) naming what the cloud offers, and
 * nothing is called. Then one step of the path per round: pre-check → (master snapshot, when the policy asks) →
 * upgrade task → post-check, with spec.upgradePolicy's step size, pool order, add-on versions and skipped checks
 * (upgrade-request.ts). Each step is recorded in status.upgrade (with the planned path) so a restarted operator
 * resumes where it was. A failed step is reported with what the cloud says (failed pre-check items by name) and
 * waits: change the annotation cce.operator.dev/retry-upgrade to retry it (the upgrade task through the retry API,
 * the pre-check or snapshot by running it again), or set spec.version back to the current version to abandon it.
 */
import type { CceClient, Cluster } from '../../cloud/index.js';
import { Terminal } from '../../runtime/result.js';
import type { Applied, Pass, Step } from '../managed/kind.js';
import { Reason, RETRY_UPGRADE_ANNOTATION } from './reasons.js';
import type { CceCluster } from './types.js';
import { planFor } from './upgrade-plan.js';
import { failedCheckItems, preCheckSpec, upgradeAction } from './upgrade-request.js';
import { compareMinor, downgradeMessage } from './version.js';

type UpgradeState = NonNullable<NonNullable<CceCluster['status']>['upgrade']>;

const FAILED = new Set(['Failed', 'Error']);
/** How often a failed step is re-read while it waits for the user. */
const FAILED_RECHECK_MS = 300_000;

/** The first step of a round: plan the whole path from the cloud's upgrade paths, then the pre-check of its first step. */
export async function startUpgrade(cr: CceCluster, observed: Cluster, cloud: CceClient): Promise<Applied<Cluster>> {
  const id = observed.metadata.uid as string;
  const current = observed.spec?.version ?? '';
  const desired = cr.spec.version ?? '';
  const bad = downgradeMessage(current, desired);
  if (bad) throw new Terminal(bad, Reason.InvalidSpec);
  const plan = await planFor(cloud, id, current, desired);
  if (!plan.path) {
    const offered = plan.offered.length ? `CCE offers ${plan.offered.join(', ')}` : 'CCE offers no upgrade';
    throw new Terminal(
      `no upgrade path from ${current} to ${desired}: ${offered} from ${current}; nothing was upgraded`,
      Reason.NoUpgradePath,
    );
  }
  const target = plan.path[0] as string;
  const m = await cloud.upgrades.preCheck(id, preCheckSpec(cr, id, current, target));
  const upgrade: UpgradeState = {
    path: plan.path,
    targetVersion: target,
    step: 'PreCheck',
    taskID: m.body?.metadata?.uid,
    fromVersion: current,
    retried: retryToken(cr),
  };
  return {
    reason: Reason.Upgrading,
    message: `upgrading ${current} to ${desired} by the path ${[current, ...plan.path].join(' → ')}: pre-check for ${target} started`,
    requestId: m.requestId,
    set: { upgrade },
    multiStep: true,
  };
}

/** The annotation value that asked for the last retry (a new value asks again). */
function retryToken(cr: CceCluster): string | undefined {
  return cr.metadata?.annotations?.[RETRY_UPGRADE_ANNOTATION];
}

interface Round {
  cr: CceCluster;
  cloud: CceClient;
  id: string;
  current: string | undefined;
  state: UpgradeState;
  target: string;
  retryAsked: boolean;
}

/** The kind's inFlight hook: advances a recorded upgrade; undefined when none is recorded. */
export async function advanceUpgrade(p: Pass<CceCluster, Cluster, void>): Promise<Step | undefined> {
  const state = p.obj.status?.upgrade;
  if (!state?.step) return undefined;
  const { obj: cr, observed, cloud } = p;
  const retry = retryToken(cr);
  const r: Round = {
    cr,
    cloud,
    id: observed.metadata.uid as string,
    current: observed.spec?.version,
    state,
    target: state.targetVersion as string,
    retryAsked: retry !== undefined && retry !== state.retried,
  };
  if (state.step === 'PreCheck') return preCheckStep(r);
  if (state.step === 'Snapshot') return snapshotStep(r);
  if (state.step === 'Upgrade') return upgradeStep(r);
  // PostCheck done: the round is over; the next pass plans the next one if spec.version is further ahead.
  const more = compareMinor(cr.spec.version, r.target) > 0;
  return progressing(`upgraded to ${r.target}`, more && state.path ? { path: state.path } : undefined);
}

function progressing(message: string, upgrade: UpgradeState | undefined): Step {
  return { outcome: { state: 'progressing', reason: Reason.Upgrading, message }, set: { upgrade }, jobInFlight: true };
}

function failed(r: Round, message: string, set?: Record<string, unknown>): Step {
  return {
    outcome: {
      state: 'stalled',
      reason: Reason.UpgradeFailed,
      message: `${message}; to retry, set annotation ${RETRY_UPGRADE_ANNOTATION} to a new value; to abandon, set spec.version back to ${r.current}`,
    },
    ...(set ? { set } : {}),
    requeueMs: FAILED_RECHECK_MS,
  };
}

async function preCheckStep(r: Round): Promise<Step> {
  const { cloud, id, state, target } = r;
  const task = state.taskID ? await cloud.upgrades.getPreCheck(id, state.taskID) : undefined;
  const phase = task?.status?.phase;
  if (phase && FAILED.has(phase)) {
    if (abandoned(r)) return abandon(r);
    if (retryAsked(r)) {
      const m = await cloud.upgrades.preCheck(id, preCheckSpec(r.cr, id, r.current, target));
      const next = { ...state, taskID: m.body?.metadata?.uid, retried: retryToken(r.cr), failedCheckItems: undefined };
      return { ...progressing(`pre-check for ${target} started again`, next), event: true };
    }
    const items = failedCheckItems(task);
    const detail = items.map((i) => `${i.name ?? 'item'}: ${i.message ?? i.phase}`).join('; ');
    const why = [task?.status?.message, detail].filter(Boolean).join(': ') || 'see the CCE console';
    const names = items.map((i) => i.name).filter(Boolean);
    const hint = names.length ? ` (failed check items: ${names.join(', ')}; skip one with spec.upgradePolicy.skippedCheckItemList)` : '';
    return failed(r, `upgrade pre-check for ${target} ${phase}: ${why}${hint}`, { upgrade: { ...state, failedCheckItems: items } });
  }
  if (phase !== 'Success' && state.taskID) return progressing(`pre-check for ${target}: ${phase ?? 'pending'}`, state);
  if (r.cr.spec.upgradePolicy?.snapshot) {
    const m = await cloud.upgrades.snapshot(id);
    return progressing(`control-plane snapshot before the upgrade to ${target} started`, {
      ...state,
      step: 'Snapshot',
      taskID: m.body?.uid,
    });
  }
  return startStep(r);
}

async function snapshotStep(r: Round): Promise<Step> {
  const { cloud, id, state, target } = r;
  const tasks = await cloud.upgrades.listSnapshotTasks(id);
  const task = (tasks.items ?? []).find((t) => t.metadata?.uid === state.taskID);
  const phase = task?.status?.phase;
  if (phase && FAILED.has(phase)) {
    if (abandoned(r)) return abandon(r);
    if (retryAsked(r)) {
      const m = await cloud.upgrades.snapshot(id);
      return {
        ...progressing(`snapshot before ${target} started again`, { ...state, taskID: m.body?.uid, retried: retryToken(r.cr) }),
        event: true,
      };
    }
    const why = (task?.spec?.items ?? [])
      .map((i) => String((i as { message?: unknown }).message ?? ''))
      .filter(Boolean)
      .join('; ');
    return failed(r, `control-plane snapshot ${state.taskID} before the upgrade to ${target} failed${why ? `: ${why}` : ''}`);
  }
  if (phase !== 'Success')
    return progressing(`snapshot before ${target}: ${phase ?? 'pending'} ${task?.status?.progress ?? ''}`.trim(), state);
  return startStep(r);
}

/** The upgrade call of this step, with the policy (add-on versions only on the step that reaches spec.version). */
async function startStep(r: Round): Promise<Step> {
  const lastStep = compareMinor(r.target, r.cr.spec.version) >= 0;
  const m = await r.cloud.upgrades.upgrade(r.id, upgradeAction(r.cr, r.target, lastStep));
  const { failedCheckItems: _gone, ...state } = r.state;
  return progressing(`upgrade to ${r.target} started`, { ...state, step: 'Upgrade', taskID: m.taskId });
}

async function upgradeStep(r: Round): Promise<Step> {
  const { cloud, id, state, target } = r;
  const task = state.taskID ? await cloud.upgrades.getTask(id, state.taskID) : undefined;
  const phase = task?.status?.phase;
  if (phase === 'Failed') {
    if (abandoned(r)) return abandon(r);
    if (retryAsked(r)) {
      await cloud.upgrades.retry(id);
      return {
        outcome: { state: 'progressing', reason: Reason.UpgradeRetried, message: `upgrade task ${state.taskID} to ${target} retried` },
        set: { upgrade: { ...state, retried: retryToken(r.cr) } },
        jobInFlight: true,
        event: true,
      };
    }
    const items = task?.spec?.items ? ` ${JSON.stringify(task.spec.items)}` : '';
    const ended = task?.status?.completionTime ? `, ended ${task.status.completionTime}` : '';
    return failed(r, `upgrade task ${state.taskID} to ${target} failed (progress ${task?.status?.progress ?? 'unknown'}${ended})${items}`);
  }
  if (phase !== 'Success')
    return progressing(`upgrading to ${target}: ${phase ?? 'pending'} ${task?.status?.progress ?? ''}`.trim(), state);
  // The post-check names the upgrade's source version [004 T4-299].
  const source = task?.spec?.version ?? state.fromVersion ?? r.current;
  await cloud.upgrades.postCheck(id, { clusterID: id, clusterVersion: source, targetVersion: target });
  return progressing(`post-check after the upgrade to ${target} done`, { ...state, step: 'PostCheck' });
}

const retryAsked = (r: Round): boolean => r.retryAsked;

/** spec.version is back at (or below) the version the cluster runs: the user gave up the failed upgrade. */
function abandoned(r: Round): boolean {
  return compareMinor(r.cr.spec.version, r.current) <= 0;
}

function abandon(r: Round): Step {
  return {
    outcome: {
      state: 'progressing',
      reason: Reason.UpgradeAbandoned,
      message: `upgrade to ${r.target} abandoned: spec.version is back at ${r.current}`,
    },
    set: { upgrade: undefined },
    requeueMs: 0,
    event: true,
  };
}
