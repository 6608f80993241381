/**
 * Condition and Event reasons the managed ladder emits for every kind: exported constants that the code emits and
 * the tests import. A kind's own reasons (Upgrading, Scaling, WaitingForCluster...) live in its reasons.ts.
 */
export const ManagedReason = {
  Paused: 'Paused',
  Available: 'Available',
  Adopted: 'Adopted',
  CreateRequested: 'CreateRequested',
  /** The cloud resource this object recorded is gone: a new one is created (Warning Event). */
  Recreating: 'Recreating',
  /** spec.<id> (or, under ObserveOnly, the cloud name) does not exist in the cloud. */
  NotFoundInCloud: 'NotFoundInCloud',
  /** A create conflicted with a resource adoption cannot see (e.g. an Autopilot cluster holding the name). */
  NameTaken: 'NameTaken',
  /** Another object of the same kind already manages this cloud resource. */
  AlreadyManaged: 'AlreadyManaged',
  JobRunning: 'JobRunning',
  JobFailed: 'JobFailed',
  InProgress: 'InProgress',
  PhaseNotReady: 'PhaseNotReady',
  /** An accepted update finished and the cloud still differs in the same fields. */
  NotConverged: 'NotConverged',
  DriftDetected: 'DriftDetected',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
  Orphaned: 'Orphaned',
  /** The credentials Secret is missing: wait for it (a watch resumes the object). */
  WaitingForCredentials: 'WaitingForCredentials',
  CredentialsError: 'CredentialsError',
  /**
   * The object names an endpoint (its own or its CceCluster's) the operator does not trust with its operator-wide
   * credentials, and no credentials Secret: Stalled before any request goes out.
   */
  UntrustedEndpoint: 'UntrustedEndpoint',
  /** The spec is one the cloud must never see (a malformed project id, values nested too deep, ...): Stalled. */
  InvalidSpec: 'InvalidSpec',
  CloudError: 'CloudError',
  /**
   * The cloud answered that an API does not exist (the API gateway's 404 APIGW.0101, e.g. the upgrade API on Huawei
   * Cloud Stack 8.1.1): Stalled naming the call, not retried until the spec changes (or a refresh is asked for).
   */
  UnsupportedByCloud: 'UnsupportedByCloud',
  Throttled: 'Throttled',
  ReconcileError: 'ReconcileError',
  Waiting: 'Waiting',
} as const;

export type ManagedReasonName = (typeof ManagedReason)[keyof typeof ManagedReason];

/** The finalizer every managed object carries while the operator may still have to delete its cloud resource. */
export const FINALIZER = 'cce.operator.dev/finalizer';
/** The finalizer on a credentials Secret while managed objects use it (it goes last in a prune). */
export const CREDENTIALS_FINALIZER = 'cce.operator.dev/credentials-in-use';
export const PAUSED_ANNOTATION = 'cce.operator.dev/paused';
