/**
 * Desired (spec) vs observed (cloud) for a CceCluster: the differing fields, grouped by the API that can change
 * them, and the one operation family to start this pass (upgrade, hibernate, tags, then the plain update). Pure.
 */
import type { Cluster } from '../../cloud/index.js';
import { jsonEqual } from '../../runtime/merge-patch.js';
import { isAutopilot } from './desired.js';
import type { CceClusterSpec } from './types.js';
import { compareMinor } from './version.js';

export interface FieldDiff {
  path: string;
  desired: unknown;
  observed: unknown;
}

export type Operation =
  | { kind: 'upgrade'; diffs: FieldDiff[] }
  | { kind: 'hibernate' | 'awake'; diffs: FieldDiff[] }
  | { kind: 'tags'; diffs: FieldDiff[]; add: { key: string; value: string }[]; remove: string[] }
  | { kind: 'update'; diffs: FieldDiff[]; body: { spec: Record<string, unknown>; metadata?: { alias: string } } };

export function clusterDiffs(spec: CceClusterSpec, observed: Cluster, appliedTags: readonly { key: string; value?: string }[] | undefined): Operation[] {
  const ops: Operation[] = [];
  const cur = observed.spec ?? ({} as Cluster['spec']);
  if (spec.version && compareMinor(spec.version, cur.version) !== 0) {
    ops.push({ kind: 'upgrade', diffs: [{ path: 'spec.version', desired: spec.version, observed: cur.version }] });
  }
  // Autopilot has no hibernation: asking for it yields a 'hibernate' operation the reconciler refuses clearly.
  const hibernated = observed.status?.phase === 'Hibernation';
  if (spec.hibernate === true && !hibernated) ops.push({ kind: 'hibernate', diffs: [{ path: 'spec.hibernate', desired: true, observed: false }] });
  if (spec.hibernate !== true && hibernated) ops.push({ kind: 'awake', diffs: [{ path: 'spec.hibernate', desired: false, observed: true }] });
  const tags = tagChanges(spec.clusterTags ?? [], appliedTags);
  if (tags) ops.push(tags);
  const update = updateOperation(spec, observed);
  if (update) ops.push(update);
  return ops;
}

function updateOperation(spec: CceClusterSpec, observed: Cluster): Operation | undefined {
  const diffs: FieldDiff[] = [];
  const body: { spec: Record<string, unknown>; metadata?: { alias: string } } = { spec: {} };
  const cur = observed.spec ?? ({} as Cluster['spec']);
  if ((spec.description ?? '') !== (cur.description ?? '')) {
    diffs.push({ path: 'spec.description', desired: spec.description ?? '', observed: cur.description ?? '' });
    body.spec.description = spec.description ?? '';
  }
  if (spec.customSan && !jsonEqual(spec.customSan, cur.customSan ?? [])) {
    diffs.push({ path: 'spec.customSan', desired: spec.customSan, observed: cur.customSan });
    body.spec.customSan = spec.customSan;
  }
  const wantSubnets = spec.eniNetwork?.subnets;
  if (isAutopilot(spec) && wantSubnets && !jsonEqual(wantSubnets, cur.eniNetwork?.subnets ?? [])) {
    diffs.push({ path: 'spec.eniNetwork.subnets', desired: wantSubnets, observed: cur.eniNetwork?.subnets });
    body.spec.eniNetwork = { subnets: wantSubnets };
  }
  const alias = spec.metadata?.alias;
  if (isAutopilot(spec) && alias && alias !== observed.metadata?.alias) {
    diffs.push({ path: 'spec.metadata.alias', desired: alias, observed: observed.metadata?.alias });
    body.metadata = { alias };
  }
  return diffs.length ? { kind: 'update', diffs, body } : undefined;
}

/** Tags are not read back by the cluster API: compare with what the operator last applied. */
function tagChanges(
  desired: readonly { key: string; value?: string }[],
  applied: readonly { key: string; value?: string }[] | undefined,
): Operation | undefined {
  const before = new Map((applied ?? []).map((t) => [t.key, t.value ?? '']));
  const after = new Map(desired.map((t) => [t.key, t.value ?? '']));
  const add = [...after].filter(([k, v]) => before.get(k) !== v).map(([key, value]) => ({ key, value }));
  const remove = [...before.keys()].filter((k) => !after.has(k));
  if (!add.length && !remove.length) return undefined;
  return { kind: 'tags', add, remove, diffs: [{ path: 'spec.clusterTags', desired, observed: applied ?? [] }] };
}
