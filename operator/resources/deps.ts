/** What every kind's controller factory receives from main.ts. */
import type { KubeConfig } from '../runtime/kube/kube-config.js';
import type { CceCredentials } from '../cloud/index.js';
import type { CloudClients } from './cloud-clients.js';
import type { KubeSecrets } from './kube-secrets.js';

export interface ResourceDeps {
  kubeConfig: KubeConfig;
  clouds: CloudClients;
  secrets: KubeSecrets;
  /** Operator-wide credentials from the environment, used when an object names no Secret. */
  defaultCredentials?: CceCredentials | undefined;
}
