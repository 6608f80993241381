/**
 * CceAddon's own condition and Event reasons (the shared ones, e.g. Available, Adopted, NotConverged, PhaseNotReady,
 * are in ../managed/reasons.ts; WaitingForCluster is in ../cluster-ref.ts): constants the code emits and the tests
 * import.
 */
export const Reason = {
  /** Ready: the instance runs and matches its spec. */
  Running: 'Running',
  Upgrading: 'Upgrading',
  ValuesUpdated: 'ValuesUpdated',
  /** Autopilot: spec.version went back to status.previousVersion and the rollback API was called. */
  RollingBack: 'RollingBack',
  /** The rollback the spec asks for is one the cloud does not allow (Stalled). */
  RollbackNotAllowed: 'RollbackNotAllowed',
  /** spec.version is not a version the cloud lists for the template (and the cluster) (Stalled). */
  UnknownVersion: 'UnknownVersion',
  /** spec.addonTemplateName is not a template the cloud lists (Stalled). */
  UnknownTemplate: 'UnknownTemplate',
  /** spec.addonID names an instance of another template (Stalled). */
  WrongTemplate: 'WrongTemplate',
  /** The spec names no usable cluster (CEL rejects this; objects from before the rule). */
  InvalidSpec: 'InvalidSpec',
} as const;
