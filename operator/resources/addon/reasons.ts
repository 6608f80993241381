/** Condition reasons and Event reasons of CceAddon: constants the tests compare against. */
export const Reason = {
  Running: 'Running',
  PartiallyAvailable: 'PartiallyAvailable',
  Installing: 'Installing',
  InstallRequested: 'InstallRequested',
  Adopted: 'Adopted',
  InProgress: 'InProgress',
  AddonFailed: 'AddonFailed',
  Upgrading: 'Upgrading',
  ValuesUpdated: 'ValuesUpdated',
  RollingBack: 'RollingBack',
  RollbackNotAllowed: 'RollbackNotAllowed',
  UnknownVersion: 'UnknownVersion',
  UnknownTemplate: 'UnknownTemplate',
  WaitingForCluster: 'WaitingForCluster',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
  Orphaned: 'Orphaned',
  Paused: 'Paused',
  DriftDetected: 'DriftDetected',
  NotFoundInCloud: 'NotFoundInCloud',
  WrongTemplate: 'WrongTemplate',
} as const;

export const FINALIZER = 'cce.operator.dev/finalizer';
export { PAUSED_ANNOTATION } from '../pass-frame.js';

export const ADDON_TYPE = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceaddons', kind: 'CceAddon', namespaced: true } as const;
