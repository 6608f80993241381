/**
 * CceNodePool reconciler. One pass is a fixed ladder of guard clauses:
 *   (pass-frame: paused, errors as data) → cluster reference & credentials → deleting (finalize) → cluster gate (Autopilot refused; wait for the
 *   cluster to be Ready, or for its upgrade) → finalizer → identity (status id, spec.nodePoolID, adopt by name in
 *   the cluster) → create → wait out transitional phases → diff → the one update call (count, autoscaling,
 *   labels, taints) → nodes converged → version caught up with the cluster → Ready.
 * Every pass ends in exactly one status write (skipped when nothing changed) and one queue decision. The pool is
 * woken by its CceCluster's changes (a watch), not by polling the cluster.
 */
import { OutcomeUnknownError, type CceClient, type CceCredentials, type NodePool } from '../../cloud/index.js';
import type { ControllerSpec, ReconcileContext } from '../../runtime/controller-spec.js';
import { isDeleting } from '../../runtime/kube-object.js';
import { requeueAfter, stable, Terminal, type ReconcileResult } from '../../runtime/result.js';
import type { CloudClients } from '../cloud-clients.js';
import type { SecretReader } from '../credentials.js';
import type { CceCluster } from '../cluster/types.js';
import { CLUSTER_RESOURCE, managedClusterGate, poolsOfCluster, poolTarget, unmanagedClusterGate, type ClusterGate, type PoolTarget } from './cluster-ref.js';
import { finalizePool } from './delete-flow.js';
import { appliedHash, autoscalingEnabled, cloudName, createRequest } from './desired.js';
import { poolCounts, poolUpdate } from './diff.js';
import { runPass } from '../pass-frame.js';
import { FINALIZER, Reason } from './reasons.js';
import { nextStatus, type Report } from './report.js';
import type { CceNodePool, CceNodePoolStatus } from './types.js';

export interface NodePoolReconcilerDeps {
  clouds: CloudClients;
  secrets: SecretReader;
  defaultCredentials?: CceCredentials | undefined;
  /** Polling interval while the pool changes. Default 5 s. */
  pollMs?: number;
  /** Safety-net re-check while waiting for the cluster (the watch normally wakes the pool first). Default 60 s. */
  clusterWaitMs?: number;
}

/** `Synchronized` (seen after an update) means the nodes are in sync: a settled phase, like the empty one. */
const TRANSITIONAL = new Set(['Synchronizing', 'Deleting']);

export const NODEPOOL_TYPE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'ccenodepools', kind: 'CceNodePool', namespaced: true } as const;

type Ctx = ReconcileContext<CceNodePool>;

export function nodePoolController(deps: NodePoolReconcilerDeps): ControllerSpec<CceNodePool> {
  const poll = deps.pollMs ?? 5000;
  return {
    ...NODEPOOL_TYPE,
    watches: [{ ...CLUSTER_RESOURCE, namespaced: true, map: (changed, own) => poolsOfCluster(changed as CceCluster, own.list(changed.metadata?.namespace)) }],
    async reconcile(_key, obj, ctx) {
      return runPass(obj, ctx.events, (outcome) => write(ctx, obj, { outcome }), async () => {
        const ref = obj.spec.clusterRef;
        const cluster = ref ? ctx.lookup<CceCluster>(CLUSTER_RESOURCE, { namespace: obj.metadata?.namespace ?? 'default', name: ref.name }) : undefined;
        const target = poolTarget(obj, cluster);
        const cloud = target ? await cloudFor(obj, target, deps) : undefined;
        if (isDeleting(obj)) {
          const clusterID = obj.status?.clusterID ?? obj.spec.clusterID ?? cluster?.status?.clusterID;
          return await finalizePool(obj, ctx, cloud, clusterID, poll, (r) => write(ctx, obj, r));
        }
        const gate = cloud ? await clusterGate(obj, cluster, cloud) : managedClusterGate(obj, undefined);
        if (gate.state === 'unsupported') throw new Terminal(gate.message, gate.reason);
        if (gate.state === 'wait' || !cloud) {
          const g = gate.state === 'wait' ? gate : { reason: Reason.WaitingForCluster, message: 'no cloud target' };
          await write(ctx, obj, { outcome: { state: 'progressing', reason: g.reason, message: g.message } });
          return requeueAfter(obj.spec.clusterID ? poll * 2 : (deps.clusterWaitMs ?? 60_000));
        }
        return await reconcileLive(obj, ctx, cloud, gate, poll);
      });
    },
  };
}

function cloudFor(obj: CceNodePool, t: PoolTarget, deps: NodePoolReconcilerDeps): Promise<CceClient> {
  return deps.clouds.forObject(deps.secrets, obj.metadata?.namespace ?? 'default', { ...t, autopilot: false }, deps.defaultCredentials);
}

async function clusterGate(obj: CceNodePool, cluster: CceCluster | undefined, cloud: CceClient): Promise<ClusterGate> {
  const id = obj.spec.clusterID;
  if (!id) return managedClusterGate(obj, cluster);
  const observed = await cloud.clusters.get(id).catch((e: { notFound?: boolean }) => {
    if (!e.notFound) return Promise.reject(e);
    throw Object.assign(new Error(`spec.clusterID ${id} does not exist in project ${obj.spec.projectID} (a standard CCE cluster is required)`), { reason: Reason.NotFoundInCloud });
  });
  return unmanagedClusterGate(obj, observed);
}

async function write(ctx: Ctx, obj: CceNodePool, r: Report): Promise<CceNodePool> {
  const out = await ctx.status.write(obj, (current, fresh) => nextStatus(fresh, current, r, ctx.now()));
  return out.obj;
}

async function reconcileLive(obj: CceNodePool, ctx: Ctx, cloud: CceClient, gate: Extract<ClusterGate, { state: 'ready' }>, poll: number): Promise<ReconcileResult> {
  const observeOnly = obj.spec.managementPolicy === 'ObserveOnly';
  if (!observeOnly) obj = await ctx.finalizers.ensure(obj, FINALIZER);
  const clusterID = gate.clusterID;
  const base: Partial<CceNodePoolStatus> = { clusterID, ...(gate.currentVersion ? { currentVersion: gate.currentVersion } : {}) };

  const observed = await identify(obj, ctx, cloud, clusterID);
  if (!observed) {
    if (observeOnly) {
      await write(ctx, obj, { outcome: { state: 'stalled', reason: Reason.NotFoundInCloud, message: `node pool ${cloudName(obj)} not found in cluster ${clusterID} (ObserveOnly: not creating)` }, set: base });
      return requeueAfter(60_000);
    }
    return create(obj, ctx, cloud, clusterID, base, poll);
  }
  const id = observed.metadata.uid as string;
  if (obj.status?.nodePoolID !== id) {
    ctx.events.normal(Reason.Adopted, `adopted node pool ${cloudName(obj)} (${id}) in cluster ${clusterID}`);
    obj = await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.Adopted, message: `adopted node pool ${id}` }, set: { ...base, nodePoolID: id } });
  }

  const phase = observed.status?.phase ?? '';
  if (TRANSITIONAL.has(phase)) {
    await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.Synchronizing, message: `node pool phase ${phase}` }, set: { ...base, jobID: undefined } });
    return requeueAfter(poll, { jobInFlight: true });
  }

  const update = poolUpdate(obj.spec, observed, obj.status?.appliedSpecHash, observeOnly);
  if (observeOnly) {
    const drift = update?.diffs.map((d) => d.path) ?? [];
    const outcome = drift.length
      ? ({ state: 'ready', reason: Reason.DriftDetected, message: `ObserveOnly: cloud differs from spec in ${drift.join(', ')}` } as const)
      : ({ state: 'ready', reason: Reason.Available, message: 'node pool observed (ObserveOnly)' } as const);
    await write(ctx, obj, { observed, outcome, set: base });
    return stable();
  }
  if (update) {
    const m = await cloud.nodePools.update(clusterID, id, update.body);
    const fields = update.diffs.map((d) => d.path).join(', ');
    const reason = update.scaling ? Reason.Scaling : Reason.Updating;
    ctx.events.normal(reason, `${update.scaling ? `scaling to ${update.body.spec.initialNodeCount} nodes; ` : ''}updated ${fields} (request ${m.requestId ?? 'n/a'})`);
    await write(ctx, obj, {
      observed: m.body ?? observed,
      outcome: { state: 'progressing', reason, message: `updated ${fields}` },
      set: { ...base, appliedSpecHash: appliedHash(obj.spec) },
    });
    return requeueAfter(poll, { jobInFlight: true });
  }
  if (phase === 'Error' || phase === 'SoldOut') {
    await write(ctx, obj, { observed, outcome: { state: 'error', reason: Reason.PhaseNotReady, message: `node pool phase ${phase}${phase === 'SoldOut' ? ': the flavor is sold out' : ': adding nodes failed'}` }, set: base });
    return requeueAfter(poll * 6);
  }
  const counts = poolCounts(obj.spec, observed);
  if (!autoscalingEnabled(obj.spec) && counts.current !== counts.desired) {
    await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.Synchronizing, message: `${counts.current}/${counts.desired} nodes active` }, set: base });
    return requeueAfter(poll);
  }
  if (gate.versionAhead) {
    const message = `spec.version ${gate.versionAhead} is ahead of the cluster's ${gate.currentVersion}: raise the cluster's version (node pools are upgraded with their cluster)`;
    await write(ctx, obj, { observed, outcome: { state: 'progressing', reason: Reason.WaitingForClusterUpgrade, message }, set: base });
    return requeueAfter(60_000);
  }
  await write(ctx, obj, { observed, outcome: { state: 'ready', reason: Reason.Available, message: `node pool is normal with ${counts.current} nodes` }, set: base });
  return stable();
}

async function identify(obj: CceNodePool, ctx: Ctx, cloud: CceClient, clusterID: string): Promise<NodePool | undefined> {
  const id = obj.status?.nodePoolID ?? obj.spec.nodePoolID;
  if (id) {
    try {
      return await cloud.nodePools.get(clusterID, id);
    } catch (err) {
      if (!(err as { notFound?: boolean }).notFound) throw err;
      if (obj.spec.nodePoolID) throw Object.assign(new Error(`spec.nodePoolID ${id} does not exist in cluster ${clusterID}`), { reason: Reason.NotFoundInCloud });
      ctx.log.warn('node pool vanished from the cloud; looking it up by name', { nodePoolID: id });
    }
  }
  return cloud.nodePools.findByName(clusterID, cloudName(obj));
}

async function create(obj: CceNodePool, ctx: Ctx, cloud: CceClient, clusterID: string, base: Partial<CceNodePoolStatus>, poll: number): Promise<ReconcileResult> {
  let m;
  try {
    m = await cloud.nodePools.create(clusterID, createRequest(obj));
  } catch (err) {
    // Sent but unanswered, or "already exists": never create blindly again — the next pass adopts by name.
    if (err instanceof OutcomeUnknownError || (err as { conflict?: boolean }).conflict) return requeueAfter(1000);
    throw err;
  }
  const nodePoolID = m.body?.metadata?.uid;
  // Identity first: the pool id goes to status before anything else.
  await write(ctx, obj, {
    ...(m.body?.metadata ? { observed: m.body } : {}),
    outcome: { state: 'progressing', reason: Reason.CreateRequested, message: `create requested (node pool ${nodePoolID ?? 'n/a'})` },
    set: { ...base, nodePoolID, appliedSpecHash: appliedHash(obj.spec) },
  });
  ctx.events.normal(Reason.CreateRequested, `created node pool ${cloudName(obj)} (${nodePoolID}) in cluster ${clusterID}, request ${m.requestId ?? 'n/a'}`);
  return requeueAfter(poll, { jobInFlight: true });
}
