/**
 * CceAddon field table: how each spec field may change, whether the CCE add-on API returns it, and for the two
 * mutable fields how the managed reconciler diffs them (field-diff.ts): `version` against the instance's version
 * (upgrade family), `values` by the hash of what was last applied (update family; the API adds system keys and
 * defaults to what it returns).
 */
import type { AddonInstance } from '../../cloud/index.js';
import { commonFieldRules, type FieldRule } from '../field-rules.js';
import type { CceAddon } from './types.js';
import { specValues } from './values.js';
import { currentVersion } from './versions.js';

export const addonFields: readonly FieldRule<CceAddon, AddonInstance>[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'clusterRef', change: 'immutable', observed: true },
  { path: 'clusterID', change: 'immutable', observed: true },
  { path: 'autopilot', change: 'immutable', observed: true },
  { path: 'addonID', change: 'setOnce', observed: true },
  // CCE add-on fields
  { path: 'addonTemplateName', change: 'immutable', observed: true },
  {
    path: 'version',
    change: 'upgrade',
    observed: true,
    via: 'upgrade',
    // Unset: the version installed (the newest supporting the cluster) is kept.
    desired: (obj) => obj.spec.version || undefined,
    actual: (cloud) => currentVersion(cloud),
  },
  // Unset: the operator leaves the cloud's values alone.
  { path: 'values', change: 'update', observed: false, via: 'update', desired: (obj) => specValues(obj.spec) },
];
