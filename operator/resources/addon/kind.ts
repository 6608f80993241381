/**
 * CceAddon as a managed kind (../managed/kind.ts): one instance per template per cluster, named by its template.
 * The managed ladder owns identity, adoption, install-once, ObserveOnly and deletion; this object says where the
 * cluster is (cluster.ts), how to talk to the add-on API (external.ts), what the instance's state means (report.ts),
 * and which fields are diffed (fields.ts).
 */
import type { AddonInstance } from '../../cloud/index.js';
import type { WatchSpec } from '../../runtime/controller-spec.js';
import { CLUSTER_INDEX, CLUSTER_RESOURCE, clusterIndexKeys, dependentsInCache } from '../cluster-ref.js';
import type { CceCluster } from '../cluster/types.js';
import type { ManagedKind } from '../managed/kind.js';
import { freeFormProblem } from '../spec-bounds.js';
import { addonGate, addonTarget, type AddonScope } from './cluster.js';
import { addonExternal } from './external.js';
import { addonFields } from './fields.js';
import { addonActivity, addonFacts, addonReadyMessage } from './report.js';
import type { CceAddon } from './types.js';
import { adoptedHashes } from './values.js';

export const ADDON_TYPE = {
  group: 'cce.operator.dev',
  version: 'v1alpha1',
  plural: 'cceaddons',
  kind: 'CceAddon',
  namespaced: true,
} as const;

/** A CceCluster change (Ready, not Ready, its id, going away) wakes the add-ons that name it. */
const clusterWatch: WatchSpec<CceAddon> = {
  ...CLUSTER_RESOURCE,
  map: (changed, own) => dependentsInCache(changed as CceCluster, own),
};

export const addonKind: ManagedKind<CceAddon, AddonInstance, AddonScope> = {
  type: ADDON_TYPE,
  noun: 'add-on',
  idField: 'addonID',
  fields: addonFields,
  families: ['upgrade', 'update'],
  validate: (obj) => freeFormProblem('spec.values', obj.spec.values),
  cloudName: (obj) => obj.spec.addonTemplateName,
  target: addonTarget,
  gate: (obj, ctx) => Promise.resolve(addonGate(obj, ctx)),
  external: addonExternal,
  idOf: (r) => r.metadata?.uid,
  activity: (r) => addonActivity(r),
  facts: (r) => addonFacts(r),
  onAdopt: (obj, r) => ({ appliedHashes: adoptedHashes(obj, r) }),
  watches: [clusterWatch],
  indexes: { [CLUSTER_INDEX]: clusterIndexKeys },
  readyMessage: (r) => addonReadyMessage(r),
};
