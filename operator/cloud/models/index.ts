/** All CCE request/response models, split by resource. */
export type * from './common.js';
export type * from './cluster.js';
export type * from './kubeconfig.js';
export type * from './node.js';
export type * from './nodepool.js';
export type * from './job.js';
export type * from './quota.js';
export type * from './addon.js';
export type * from './upgrade.js';
export type * from './access.js';
export { TERMINAL_JOB_PHASES } from './job.js';
export { ADDON_INSTALL_ANNOTATION, ADDON_UPGRADE_ANNOTATION } from './addon.js';
