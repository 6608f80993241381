/** Cluster certificate: a kubeconfig (`kind: Config`, `apiVersion: v1`). It holds a client key: a secret. */

export interface KubeconfigCluster {
  name: string;
  cluster: {
    server: string;
    'certificate-authority-data'?: string;
    'insecure-skip-tls-verify'?: boolean;
  };
}

export interface KubeconfigUser {
  name: string;
  user: { 'client-certificate-data'?: string; 'client-key-data'?: string };
}

export interface KubeconfigContext {
  name: string;
  context: { cluster: string; user: string };
}

export interface ClusterCert {
  kind: 'Config' | string;
  apiVersion: 'v1' | string;
  preferences?: Record<string, unknown>;
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
  'current-context': string;
}

export interface ClusterCertOptions {
  /**
   * Validity in days, 1..1827, or -1 for the maximum. Autopilot always POSTs `{duration}` (default 30); standard
   * CCE uses `GET .../clustercert` [003 §4.1.8] unless a duration is given (public-cloud `POST` form).
   */
  duration?: number;
}
