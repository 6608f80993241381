/**
 * CceAddon reconciler. One pass is a fixed ladder of guard clauses:
 *   paused → cluster reference (wait for a Ready CceCluster; woken by the watch below) → deleting (finalize)
 *   → finalizer → identity (status id, spec.addonID, adopt the template's instance in the cluster) → install
 *   → wait out a running operation → one operation (rollback, upgrade, values update) → report the instance.
 * Every pass ends in exactly one status write (skipped when nothing changed) and one queue decision.
 */
import type { AddonInstance, CceClient, CceCredentials } from '../../cloud/index.js';
import type { ControllerSpec, ReconcileContext, WatchSpec } from '../../runtime/controller-spec.js';
import { isDeleting } from '../../runtime/kube-object.js';
import { requeueAfter, stable, Terminal, type ReconcileResult } from '../../runtime/result.js';
import type { CloudClients } from '../cloud-clients.js';
import { CLUSTER_TYPE } from '../cluster/reconciler.js';
import type { CceCluster } from '../cluster/types.js';
import type { SecretReader } from '../credentials.js';
import { finalizeAddon } from './delete-flow.js';
import { addonOperation } from './diff.js';
import { applyOperation, install } from './operations.js';
import type { Pass } from './pass.js';
import { activityOf, OPERABLE } from './phase.js';
import { runPass } from '../pass-frame.js';
import { ADDON_TYPE, FINALIZER, Reason } from './reasons.js';
import { nextStatus, type Report } from './report.js';
import { resolveCluster, type ClusterCoords } from './target.js';
import type { CceAddon } from './types.js';
import { cloudValues, containsValues, specValues, valuesHash } from './values.js';

export interface AddonReconcilerDeps {
  clouds: CloudClients;
  secrets: SecretReader;
  defaultCredentials?: CceCredentials | undefined;
  /** Polling interval while an operation runs. Default 5 s. */
  pollMs?: number;
}

export function addonController(deps: AddonReconcilerDeps): ControllerSpec<CceAddon> {
  const poll = deps.pollMs ?? 5000;
  return {
    ...ADDON_TYPE,
    watches: [clusterWatch],
    async reconcile(_key, obj, ctx) {
      const write = (r: Report) => writeStatus(ctx, obj, r);
      return runPass(obj, ctx.events, (outcome) => write({ outcome }), async () => {
        const ref = obj.spec.clusterRef;
        const cluster = ref ? ctx.lookup<CceCluster>(CLUSTER_TYPE, { namespace: obj.metadata?.namespace ?? 'default', name: ref.name }) : undefined;
        const resolved = resolveCluster(obj, cluster);
        const cloudFor = () => cloudClient(obj, resolved.coords as ClusterCoords, deps);
        if (isDeleting(obj)) return await finalizeAddon(obj, ctx, resolved, cloudFor, poll, write);
        if (resolved.wait || !resolved.coords?.clusterID) {
          // Not polling: the CceCluster watch wakes this object when its cluster changes.
          await write({ outcome: { state: 'progressing', reason: Reason.WaitingForCluster, message: resolved.wait ?? 'waiting for the cluster' } });
          return stable();
        }
        const coords = { ...resolved.coords, clusterID: resolved.coords.clusterID };
        const pass: Pass = { obj, ctx, cloud: await cloudFor(), coords, poll, write: async (r) => (pass.obj = await writeStatus(ctx, pass.obj, r)) };
        return await reconcileLive(pass);
      });
    },
  };
}

/**
 * A CceCluster change wakes the add-ons that reference it and wait for it (or all of them when it goes away);
 * Ready, progressing (polling) and Stalled add-ons gain nothing from a cluster status write.
 */
const clusterWatch: WatchSpec<CceAddon> = {
  ...CLUSTER_TYPE,
  map(changed, own) {
    const ns = changed.metadata?.namespace;
    const going = Boolean(changed.metadata?.deletionTimestamp);
    return own
      .list(ns)
      .filter((a) => a.spec?.clusterRef?.name === changed.metadata?.name)
      .filter((a) => going || isWaiting(a))
      .map((a) => `${a.metadata?.namespace}/${a.metadata?.name}`);
  },
};

function isWaiting(a: CceAddon): boolean {
  const ready = (a.status?.conditions as { type: string; reason?: string }[] | undefined)?.find((c) => c.type === 'Ready');
  return !ready || ready.reason === Reason.WaitingForCluster;
}

async function cloudClient(obj: CceAddon, coords: ClusterCoords, deps: AddonReconcilerDeps): Promise<CceClient> {
  if (!coords.projectID) throw new Terminal('no projectID: set spec.projectID or reference a CceCluster', 'InvalidSpec');
  const target = { ...coords, projectID: coords.projectID, autopilot: coords.autopilot === true };
  return deps.clouds.forObject(deps.secrets, obj.metadata?.namespace ?? 'default', target, deps.defaultCredentials);
}

async function writeStatus(ctx: ReconcileContext<CceAddon>, obj: CceAddon, r: Report): Promise<CceAddon> {
  const out = await ctx.status.write(obj, (current, fresh) => nextStatus(fresh, current, r, ctx.now()));
  return out.obj;
}

async function reconcileLive(p: Pass): Promise<ReconcileResult> {
  const { ctx } = p;
  const observeOnly = p.obj.spec.managementPolicy === 'ObserveOnly';
  if (!observeOnly) p.obj = await ctx.finalizers.ensure(p.obj, FINALIZER);
  const name = p.obj.spec.addonTemplateName;

  const observed = await identify(p);
  if (!observed) {
    if (observeOnly) {
      await p.write({ outcome: { state: 'stalled', reason: Reason.NotFoundInCloud, message: `add-on ${name} not installed in cluster ${p.coords.clusterID} (ObserveOnly: not installing)` } });
      return requeueAfter(60_000);
    }
    return install(p);
  }
  if (p.obj.status?.addonID !== observed.metadata.uid) await adopt(p, observed);

  const status = observed.status?.status ?? '';
  const activity = activityOf(status);
  if (activity === 'busy' || activity === 'gone') {
    await p.write({ observed, outcome: { state: 'progressing', reason: Reason.InProgress, message: `add-on ${status}` } });
    return requeueAfter(p.poll, { jobInFlight: activity === 'busy' });
  }
  const op = addonOperation(p.obj.spec, observed, p.obj.status?.appliedValuesHash, p.coords.autopilot);
  if (observeOnly) {
    const outcome = op
      ? ({ state: 'ready', reason: Reason.DriftDetected, message: `ObserveOnly: the cloud differs from spec (${op.kind})` } as const)
      : ({ state: 'ready', reason: Reason.Running, message: `add-on ${status} (ObserveOnly)` } as const);
    await p.write({ observed, outcome });
    return stable();
  }
  if (op && OPERABLE.has(status)) return applyOperation(p, observed, op);
  return report(p, observed, status);
}

async function identify(p: Pass): Promise<AddonInstance | undefined> {
  const { obj, cloud, coords } = p;
  const id = obj.status?.addonID ?? obj.spec.addonID;
  if (id) {
    try {
      const found = await cloud.addons.get(id, coords.clusterID);
      if (found.spec?.addonTemplateName && found.spec.addonTemplateName !== obj.spec.addonTemplateName && found.metadata?.name !== obj.spec.addonTemplateName) {
        throw new Terminal(`add-on instance ${id} is ${found.spec.addonTemplateName}, not spec.addonTemplateName ${obj.spec.addonTemplateName}`, Reason.WrongTemplate);
      }
      return found;
    } catch (err) {
      if (!(err as { notFound?: boolean }).notFound) throw err;
      if (obj.spec.addonID && !obj.status?.addonID) throw new Terminal(`spec.addonID ${id} does not exist in cluster ${coords.clusterID}`, Reason.NotFoundInCloud);
      p.ctx.log.warn('add-on instance vanished from the cloud; looking it up by template', { addonID: id });
    }
  }
  return cloud.addons.findByTemplate(coords.clusterID, obj.spec.addonTemplateName);
}

/** Takes over an instance found in the cloud; values already there count as applied (no needless PUT). */
async function adopt(p: Pass, observed: AddonInstance): Promise<void> {
  const id = observed.metadata.uid as string;
  const want = specValues(p.obj.spec);
  const applied = want && containsValues(cloudValues(observed), want) ? valuesHash(want) : p.obj.status?.addonID ? p.obj.status.appliedValuesHash : undefined;
  await p.write({
    observed,
    outcome: { state: 'progressing', reason: Reason.Adopted, message: `adopted add-on instance ${id}` },
    set: { addonID: id, clusterID: p.coords.clusterID, appliedValuesHash: applied },
  });
  p.ctx.events.normal(Reason.Adopted, `adopted add-on ${p.obj.spec.addonTemplateName} instance ${id}`);
}

async function report(p: Pass, observed: AddonInstance, status: string): Promise<ReconcileResult> {
  const activity = activityOf(status);
  if (activity === 'ready') {
    await p.write({ observed, outcome: { state: 'ready', reason: Reason.Running, message: `add-on ${status}` } });
    return stable();
  }
  if (activity === 'degraded') {
    await p.write({ observed, outcome: { state: 'progressing', reason: Reason.PartiallyAvailable, message: `add-on ${status}: only some instances run` } });
    return requeueAfter(p.poll);
  }
  const why = [observed.status?.Reason ?? observed.status?.reason, observed.status?.message].filter(Boolean).join(': ');
  const message = `add-on ${status}${why ? `: ${why}` : ''}${status === 'installFailed' ? ' (delete and re-create the CceAddon to reinstall)' : ''}`;
  if (p.obj.status?.status !== status) p.ctx.events.warning(Reason.AddonFailed, message);
  await p.write({ observed, outcome: { state: 'error', reason: Reason.AddonFailed, message } });
  return requeueAfter(p.poll * 6);
}
