/**
 * Condition and Event reasons only CceNodePool emits (the shared ones, e.g. Available, Adopted, CreateRequested,
 * Deleting, NotFoundInCloud, come from managed/reasons.ts).
 */
import { WaitingForCluster } from '../cluster-ref.js';

export const Reason = {
  /** The cluster is missing, not Ready, or not Available: changes (or everything) wait for it. */
  WaitingForCluster,
  /** spec.version is ahead of the cluster: nodes are upgraded with their cluster, the pool waits for that. */
  WaitingForClusterUpgrade: 'WaitingForClusterUpgrade',
  /** The pool's nodes do not match its count yet. */
  Synchronizing: 'Synchronizing',
  /** An update changed the node count. */
  Scaling: 'Scaling',
  /** An update changed autoscaling, labels or taints. */
  Updating: 'Updating',
  UnsupportedOnAutopilot: 'UnsupportedOnAutopilot',
  /** The Secret holding the login password (passwordSecretRef) or its key is missing: the create waits for it. */
  WaitingForLoginSecret: 'WaitingForLoginSecret',
} as const;
