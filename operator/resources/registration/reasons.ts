/**
 * CceClusterRegistration's own condition and Event reasons (the shared ones, e.g. Adopted, NotConverged, NameTaken,
 * are in ../managed/reasons.ts; WaitingForCluster is in ../cluster-ref.ts): constants the code emits and the tests
 * import.
 */
export const Reason = {
  /** Ready: the registry holds the cluster as its CceCluster is. */
  Registered: 'Registered',
  /** The one update call went out (endpoint, version, kubeconfig, online/offline or the spec's fields changed). */
  RecordUpdated: 'RecordUpdated',
  /** The CceCluster is gone or being deleted: the record was removed from the registry, the object stays. */
  Unregistered: 'Unregistered',
  /** The CceCluster is Ready but its kubeconfig is not exported (yet). */
  WaitingForKubeconfig: 'WaitingForKubeconfig',
  /** The registry refused the credentials (login failed, not root): Stalled until the Secret or spec changes. */
  RegistryAuthFailed: 'RegistryAuthFailed',
  /** The registry refused a request for a reason retrying cannot fix (Stalled). */
  RegistryRefused: 'RegistryRefused',
  /** The registry failed or could not be reached (retried with backoff). */
  RegistryError: 'RegistryError',
  /** The spec names no registry (CEL rejects this; objects from before the rule). */
  InvalidSpec: 'InvalidSpec',
} as const;

/** The annotation on an Argo CD cluster Secret naming the registration that wrote it. */
export const REGISTRATION_ANNOTATION = 'cce.operator.dev/registration';
export const MANAGED_BY = 'cce-operator';
