/** CceClusterRegistration TypeScript types, derived from the CRD schema (the one source of truth). */
import type { KubernetesObject } from '../../runtime/kube/types.js';
import type { SchemaType } from '../schema-type.js';
import type { registrationSpecSchema, registrationStatusSchema } from './schema.js';

export type CceClusterRegistrationSpec = SchemaType<typeof registrationSpecSchema>;
export type CceClusterRegistrationStatus = SchemaType<typeof registrationStatusSchema>;

export interface CceClusterRegistration extends KubernetesObject {
  spec: CceClusterRegistrationSpec;
  status?: CceClusterRegistrationStatus;
}

export type RegistryTarget = 'paddleflow' | 'argocd';

/** A registration as its registry holds it (a PaddleFlow cluster record, or an Argo CD cluster Secret), normalized. */
export interface Registered {
  target: RegistryTarget;
  /** PaddleFlow clusterId; the Argo CD Secret's uid. */
  id: string;
  /** PaddleFlow clusterName; Argo CD's cluster `name`. */
  name: string;
  endpoint: string;
  /** PaddleFlow only. */
  clusterType?: string;
  version?: string;
  source?: string;
  status?: string;
  description?: string;
  setting?: string;
  namespaceList?: string[];
  /** Argo CD only: the Secret (<namespace>/<name>), its project, the labels beyond the operator's own. */
  secret?: string;
  project?: string;
  labels?: Record<string, string>;
  /** Argo CD only: the Secret carries the operator's managed-by label. */
  managed?: boolean;
  /** Argo CD only: the Secret is being deleted. */
  deleting?: boolean;
  resourceVersion?: string;
}

/** What the registration sees of its CceCluster once that is Ready with its kubeconfig exported. */
export interface ClusterView {
  /** The API endpoint to register (the External one when the cluster has one). */
  endpoint: string;
  /** The Kubernetes version the cluster runs (status.currentVersion). */
  version: string;
  /** status.phase is Hibernation: the record says `offline`. */
  hibernated: boolean;
  /** The exported kubeconfig (the Secret named by the CceCluster's spec.kubeconfigSecretRef). A secret. */
  kubeconfig: string;
  /** When it was exported (status.kubeconfig.fetchedAt): a rotation is a new export. */
  issuedAt: string;
}

/** Where a registration acts, from its gate. */
export interface RegistrationScope {
  target: RegistryTarget;
  /** The record's name: PaddleFlow clusterName; for Argo CD the Secret's name. */
  name: string;
  /** Argo CD: the namespace of the Secret. */
  namespace?: string;
  /** The cluster as it should be registered; absent while changes are held (the cluster is not Ready). */
  cluster?: ClusterView;
  /** The CceCluster is gone or going: the record is withdrawn (unless deletionPolicy is Orphan). */
  withdraw?: string;
}
