/**
 * The CceCluster external client: the four verbs against the CCE cluster API (standard or Autopilot, by the
 * client's flavour). `update` starts one family: upgrade (the multi-step flow in upgrade-flow.ts), hibernate /
 * awake, tags, or the plain update. No verb waits for a job.
 */
import { unlessNotFound, type CceClient, type Cluster } from '../../cloud/index.js';
import { Terminal } from '../../runtime/result.js';
import type { FieldDiff } from '../field-diff.js';
import type { Applied, External } from '../managed/kind.js';
import { cloudName, createRequest, isAutopilot } from './desired.js';
import { Reason } from './reasons.js';
import type { CceCluster } from './types.js';
import { startUpgrade } from './upgrade-flow.js';

type Tag = { key: string; value?: string };

export function clusterExternal(cloud: CceClient): External<CceCluster, Cluster> {
  return {
    // errorStatus makes a failed cluster show as Error instead of Deleting [003 §4.1.2].
    observe: (id) => unlessNotFound(cloud.clusters.get(id, { errorStatus: 'true' })),
    find: (obj) => cloud.clusters.findByName(cloudName(obj)),
    async create(obj) {
      const m = await cloud.clusters.create(createRequest(obj));
      return {
        id: m.body?.metadata?.uid,
        jobID: m.jobId,
        observed: m.body,
        requestId: m.requestId,
        set: { appliedClusterTags: obj.spec.clusterTags ?? [] },
      };
    },
    update: (obj, observed, family, diffs) => update(cloud, obj, observed, family, diffs),
    async delete(obj, observed) {
      const m = await cloud.clusters.delete(observed.metadata.uid as string, obj.spec.deleteOptions ?? {});
      return { jobID: m.jobId, observed: m.body?.metadata ? m.body : undefined, requestId: m.requestId };
    },
    nameHolder: (obj) => nameHolder(cloud, obj),
  };
}

async function update(cloud: CceClient, obj: CceCluster, observed: Cluster, family: string, diffs: FieldDiff[]): Promise<Applied<Cluster>> {
  const id = observed.metadata.uid as string;
  const fields = diffs.map((d) => d.path).join(', ');
  switch (family) {
    case 'upgrade':
      return startUpgrade(obj, observed, cloud);
    case 'hibernate': {
      if (isAutopilot(obj.spec))
        throw new Terminal(
          'spec.hibernate: CCE Autopilot clusters cannot hibernate (set spec.hibernate to false)',
          Reason.UnsupportedOnAutopilot,
        );
      const sleep = obj.spec.hibernate === true;
      const m = sleep ? await cloud.clusters.hibernate(id) : await cloud.clusters.awake(id);
      return {
        reason: sleep ? Reason.Hibernating : Reason.Awaking,
        message: `${sleep ? 'hibernate' : 'awake'} requested`,
        requestId: m.requestId,
      };
    }
    case 'tags': {
      const desired = new Map((obj.spec.clusterTags ?? []).map((t: Tag) => [t.key, t.value ?? '']));
      const applied = new Map(((obj.status?.appliedClusterTags ?? []) as Tag[]).map((t) => [t.key, t.value ?? '']));
      const add = [...desired].filter(([k, v]) => applied.get(k) !== v).map(([key, value]) => ({ key, value }));
      const remove = [...applied.keys()].filter((k) => !desired.has(k));
      if (remove.length) await cloud.tags.remove(id, remove);
      const m = add.length ? await cloud.tags.add(id, add) : undefined;
      const message = `cluster tags updated (+${add.length} -${remove.length})`;
      return { reason: Reason.TagsUpdated, message, requestId: m?.requestId, set: { appliedClusterTags: obj.spec.clusterTags ?? [] } };
    }
    default: {
      const m = await cloud.clusters.update(id, updateBody(diffs));
      return {
        reason: Reason.Updating,
        message: `updated ${fields}`,
        observed: m.body?.metadata ? m.body : undefined,
        requestId: m.requestId,
      };
    }
  }
}

/** The update-cluster body for the differing fields (only these are sent). */
export function updateBody(diffs: readonly FieldDiff[]): { spec: Record<string, unknown>; metadata?: { alias: string } } {
  const body: { spec: Record<string, unknown>; metadata?: { alias: string } } = { spec: {} };
  for (const d of diffs) {
    if (d.path === 'spec.metadata.alias') body.metadata = { alias: d.desired as string };
    else if (d.path === 'spec.eniNetwork.subnets') body.spec.eniNetwork = { subnets: d.desired };
    else body.spec[d.path.slice('spec.'.length)] = d.desired;
  }
  return body;
}

/** What holds a cluster name that the by-name lookup cannot see: a cluster of the other flavour, or an alias. */
async function nameHolder(cloud: CceClient, obj: CceCluster): Promise<string | undefined> {
  const name = cloudName(obj);
  const other = cloud.withFlavor(cloud.flavor === 'standard' ? 'autopilot' : 'standard');
  const [mine, theirs] = await Promise.all([cloud.clusters.list(), other.clusters.list().catch(() => ({ items: [] as Cluster[] }))]);
  const otherFlavour = (theirs.items ?? []).find((c) => c.metadata?.name === name || c.metadata?.alias === name);
  if (otherFlavour)
    return `${other.flavor === 'autopilot' ? 'an Autopilot' : 'a standard'} cluster ${otherFlavour.metadata?.name} (${otherFlavour.metadata?.uid})`;
  const alias = (mine.items ?? []).find((c) => c.metadata?.alias === name);
  if (alias) return `cluster ${alias.metadata?.name} (${alias.metadata?.uid}), whose alias is ${name}`;
  return undefined;
}
