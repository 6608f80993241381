/**
 * CceCluster reconciler. One pass is a fixed ladder of guard clauses:
 *   (pass-frame: paused, errors as data) → credentials → deleting (finalize) → finalizer → identity (status id, spec.clusterID, adopt by name)
 *   → create → follow the job → wait out transitional phases → upgrade in progress → diff → one operation
 *   family (upgrade, hibernate/awake, tags, update; operations.ts) → kubeconfig export → Ready.
 * Every pass ends in exactly one status write (skipped when nothing changed) and one queue decision.
 */
import type { CceClient, CceCredentials, Cluster } from '../../cloud/index.js';
import type { ControllerSpec, ReconcileContext } from '../../runtime/controller-spec.js';
import { isDeleting } from '../../runtime/kube-object.js';
import { RequeueAfter, requeueAfter, stable, type ReconcileResult } from '../../runtime/result.js';
import type { CloudClients } from '../cloud-clients.js';
import type { SecretReader } from '../credentials.js';
import { cloudName, isAutopilot } from './desired.js';
import { clusterDiffs } from './diff.js';
import { finalizeCluster } from './delete-flow.js';
import { exportKubeconfig, kubeconfigDue, type SecretWriter } from './kubeconfig-export.js';
import { runPass } from '../pass-frame.js';
import { FINALIZER, Reason } from './reasons.js';
import { nextStatus, type Report } from './report.js';
import type { CceCluster } from './types.js';
import { advanceUpgrade } from './upgrade-flow.js';
import { applyOperation, create } from './operations.js';

export interface ClusterReconcilerDeps {
  clouds: CloudClients;
  secrets: SecretReader & SecretWriter;
  defaultCredentials?: CceCredentials | undefined;
  /** Names of CceNodePools that still reference this cluster (deletion waits for them). */
  dependents(cr: CceCluster): Promise<string[]>;
  /** Polling interval while a job or transition runs. Default 5 s. */
  pollMs?: number;
}

const TRANSITIONAL = new Set(['Creating', 'Deleting', 'Upgrading', 'Resizing', 'ScalingUp', 'ScalingDown', 'RollingBack', 'Hibernating', 'Awaking', 'Freezing', 'UnFreezing']);

export const CLUSTER_TYPE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters', kind: 'CceCluster', namespaced: true } as const;

export function clusterController(deps: ClusterReconcilerDeps): ControllerSpec<CceCluster> {
  const poll = deps.pollMs ?? 5000;
  return {
    ...CLUSTER_TYPE,
    async reconcile(_key, obj, ctx) {
      return runPass(obj, ctx.events, (outcome) => write(ctx, obj, { outcome }), async () => {
        const cloud = await cloudFor(obj, deps);
        if (isDeleting(obj)) return finalizeCluster(obj, ctx, cloud, deps.dependents, poll, (r) => write(ctx, obj, r));
        return reconcileLive(obj, ctx, cloud, deps, poll);
      });
    },
  };
}

function cloudFor(obj: CceCluster, deps: ClusterReconcilerDeps): Promise<CceClient> {
  const s = obj.spec;
  const target = { region: s.region, endpoint: s.endpoint, projectID: s.projectID, autopilot: isAutopilot(s), credentialsSecretRef: s.credentialsSecretRef };
  return deps.clouds.forObject(deps.secrets, obj.metadata?.namespace ?? 'default', target, deps.defaultCredentials);
}

async function write(ctx: ReconcileContext<CceCluster>, obj: CceCluster, r: Report): Promise<CceCluster> {
  const out = await ctx.status.write(obj, (current, fresh) => nextStatus(fresh, current, r, ctx.now()));
  return out.obj;
}

async function reconcileLive(
  obj: CceCluster,
  ctx: ReconcileContext<CceCluster>,
  cloud: CceClient,
  deps: ClusterReconcilerDeps,
  poll: number,
): Promise<ReconcileResult> {
  const observeOnly = obj.spec.managementPolicy === 'ObserveOnly';
  if (!observeOnly) obj = await ctx.finalizers.ensure(obj, FINALIZER);

  const observed = await identify(obj, ctx, cloud);
  if (!observed) {
    if (observeOnly) {
      await write(ctx, obj, { outcome: { state: 'stalled', reason: Reason.NotFoundInCloud, message: `cluster ${cloudName(obj)} not found in project ${obj.spec.projectID} (ObserveOnly: not creating)` } });
      return requeueAfter(60_000);
    }
    return create(obj, ctx, cloud, poll, write);
  }
  const id = observed.metadata.uid as string;
  if (obj.status?.clusterID !== id) obj = await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.Adopted, message: `adopted cluster ${id}` }, set: { clusterID: id } });

  // Follow the job of the last call.
  const jobID = obj.status?.jobID;
  if (jobID) {
    const job = await cloud.jobs.get(jobID).catch((e: { notFound?: boolean }) => (e.notFound ? undefined : Promise.reject(e)));
    const phase = job?.status?.phase;
    if (phase === 'Failed') {
      ctx.events.warning(Reason.JobFailed, `job ${jobID} failed: ${job?.status?.reason ?? ''}`);
      await write(ctx, obj, { observed, outcome: { state: 'error', reason: Reason.JobFailed, message: `job ${jobID} failed: ${job?.status?.reason ?? 'unknown reason'}` }, set: { jobID: undefined } });
      return requeueAfter(poll);
    }
    if (phase && phase !== 'Success') {
      await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.JobRunning, message: `job ${jobID} ${phase}` } });
      return requeueAfter(poll, { jobInFlight: true });
    }
    obj = await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.JobRunning, message: `job ${jobID} done` }, set: { jobID: undefined } });
  }

  const phase = observed.status?.phase ?? '';
  if (TRANSITIONAL.has(phase) && !obj.status?.upgrade) {
    await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.PhaseNotReady, message: `cluster phase ${phase}` } });
    return requeueAfter(poll, { jobInFlight: true });
  }
  if (phase !== 'Available' && phase !== 'Hibernation' && !obj.status?.upgrade) {
    await write(ctx, obj, { observed, outcome: { state: 'error', reason: Reason.PhaseNotReady, message: `cluster phase ${phase}: ${observed.status?.reason ?? ''} ${observed.status?.message ?? ''}`.trim() } });
    return requeueAfter(poll * 6);
  }

  if (obj.status?.upgrade?.step) {
    await write(ctx, obj, await advanceUpgrade(obj, observed, cloud));
    return requeueAfter(poll, { jobInFlight: true });
  }

  const ops = clusterDiffs(obj.spec, observed, obj.status?.appliedClusterTags ?? (obj.status?.clusterID ? obj.spec.clusterTags : []));
  if (observeOnly) {
    const drift = ops.flatMap((o) => o.diffs.map((d) => d.path));
    const outcome = drift.length
      ? ({ state: 'ready', reason: Reason.DriftDetected, message: `ObserveOnly: cloud differs from spec in ${drift.join(', ')}` } as const)
      : ({ state: 'ready', reason: Reason.Available, message: 'cluster is Available (ObserveOnly)' } as const);
    await write(ctx, obj, { observed, outcome });
    return stable();
  }
  const op = ops[0];
  if (op) return applyOperation(obj, ctx, cloud, observed, op, poll, write);

  if (kubeconfigDue(obj, ctx.now(), ctx.refreshRequested)) {
    const kubeconfig = await exportKubeconfig(obj, id, cloud, deps.secrets, ctx.now());
    ctx.events.normal(Reason.KubeconfigExported, `kubeconfig written to Secret ${kubeconfig.secretName}`);
    obj = await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.KubeconfigExported, message: 'kubeconfig exported' }, set: { kubeconfig } });
  }
  const hibernated = phase === 'Hibernation';
  await write(ctx, obj, {
    observed,
    outcome: { state: 'ready', reason: hibernated ? Reason.Hibernated : Reason.Available, message: hibernated ? 'cluster is hibernated' : 'cluster is Available' },
  });
  return stable();
}

async function identify(obj: CceCluster, ctx: ReconcileContext<CceCluster>, cloud: CceClient): Promise<Cluster | undefined> {
  const id = obj.status?.clusterID ?? obj.spec.clusterID;
  if (id) {
    try {
      // errorStatus makes a failed cluster show as Error instead of Deleting [003 §4.1.2].
      return await cloud.clusters.get(id, { errorStatus: 'true' });
    } catch (err) {
      if (!(err as { notFound?: boolean }).notFound) throw err;
      if (obj.spec.clusterID) throw Object.assign(new Error(`spec.clusterID ${id} does not exist in project ${obj.spec.projectID}`), { reason: Reason.NotFoundInCloud });
      // Just created (its job still recorded): the cloud may not show it yet. Never create a second one.
      if (obj.status?.jobID) throw new RequeueAfter(5000, `cluster ${id} is not visible yet (job ${obj.status.jobID})`);
      ctx.log.warn('cluster vanished from the cloud; looking it up by name', { clusterID: id });
    }
  }
  return cloud.clusters.findByName(cloudName(obj));
}
