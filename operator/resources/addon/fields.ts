/** CceAddon field table: how each spec field may change, and whether the CCE add-on API returns it. */
import { commonFieldRules, type FieldRule } from '../field-rules.js';

export const addonFields: readonly FieldRule[] = [
  ...commonFieldRules,
  // this kind's operator fields
  { path: 'clusterRef', change: 'immutable', observed: true },
  { path: 'clusterID', change: 'immutable', observed: true },
  { path: 'autopilot', change: 'immutable', observed: true },
  { path: 'addonID', change: 'setOnce', observed: true },
  // CCE add-on fields
  { path: 'addonTemplateName', change: 'immutable', observed: true },
  { path: 'version', change: 'upgrade', observed: true },
  // The API adds system keys and defaults to what it returns: compared by hash of what was applied.
  { path: 'values', change: 'update', observed: false },
];
