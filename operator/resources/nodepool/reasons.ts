/** Condition reasons and Event reasons of CceNodePool: constants the tests compare against. */
export const Reason = {
  Available: 'Available',
  WaitingForCluster: 'WaitingForCluster',
  WaitingForClusterUpgrade: 'WaitingForClusterUpgrade',
  Adopted: 'Adopted',
  CreateRequested: 'CreateRequested',
  Synchronizing: 'Synchronizing',
  PhaseNotReady: 'PhaseNotReady',
  Scaling: 'Scaling',
  Updating: 'Updating',
  JobFailed: 'JobFailed',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
  Orphaned: 'Orphaned',
  Paused: 'Paused',
  ObserveOnly: 'ObserveOnly',
  DriftDetected: 'DriftDetected',
  NotFoundInCloud: 'NotFoundInCloud',
  InvalidSpec: 'InvalidSpec',
  UnsupportedOnAutopilot: 'UnsupportedOnAutopilot',
} as const;

export const FINALIZER = 'cce.operator.dev/finalizer';
export { PAUSED_ANNOTATION } from '../pass-frame.js';
