/**
 * CceCluster's own condition and Event reasons (the shared ones, e.g. Available, Adopted, NotConverged, are in
 * ../managed/reasons.ts): constants the code emits and the tests import.
 */
export const Reason = {
  Upgrading: 'Upgrading',
  UpgradeFailed: 'UpgradeFailed',
  UpgradeRetried: 'UpgradeRetried',
  UpgradeAbandoned: 'UpgradeAbandoned',
  /** No path of the cloud's upgrade paths reaches spec.version: Stalled before any upgrade call, naming what is offered. */
  NoUpgradePath: 'NoUpgradePath',
  Hibernating: 'Hibernating',
  Hibernated: 'Hibernated',
  Awaking: 'Awaking',
  TagsUpdated: 'TagsUpdated',
  Updating: 'Updating',
  WaitingForNodePools: 'WaitingForNodePools',
  InvalidSpec: 'InvalidSpec',
  UnsupportedOnAutopilot: 'UnsupportedOnAutopilot',
  KubeconfigExported: 'KubeconfigExported',
  /** spec.masterEIP bound to the API server (public access). */
  MasterEipBound: 'MasterEipBound',
  /** The EIP the operator bound was unbound (spec.masterEIP removed or changed). */
  MasterEipUnbound: 'MasterEipUnbound',
  /** spec.kubeconfigSecretRef names a Secret the operator did not create for this CceCluster: never written (Stalled). */
  SecretNotOwned: 'SecretNotOwned',
} as const;

/** Set (or change) this annotation's value to retry a failed upgrade step once. */
export const RETRY_UPGRADE_ANNOTATION = 'cce.operator.dev/retry-upgrade';
