/**
 * The registration kind's `connect`: the registry client for a target. PaddleFlow clients are kept per (server,
 * credentials) — keyed by a hash, never the credentials — so a login token is reused across passes; the Argo CD
 * client is the operator's own Kubernetes access. Credentials problems are CredentialsError, as for CCE: a missing
 * Secret is a wait while deleting and Stalled otherwise (the Secret watch resumes the object).
 */
import type { KubeConfig } from '../../runtime/kube/kube-config.js';
import { CredentialsError, credentialsFingerprint, type SecretReader } from '../credentials.js';
import { KubeArgoSecrets, type ArgoSecrets } from './argocd-client.js';
import type { RegistryClient } from './external.js';
import type { RegistrationTarget } from './gate.js';
import { PaddleFlowClient, type PaddleFlowClientOptions, type PaddleFlowCredentials } from './paddleflow-client.js';

export interface RegistryClientOptions {
  /** The operator's Kubernetes access (Argo CD cluster Secrets). */
  kubeConfig?: KubeConfig | undefined;
  /** Argo CD Secrets client (tests); default: through kubeConfig. */
  argo?: ArgoSecrets;
  paddleflow?: PaddleFlowClientOptions;
}

export function paddleflowCredentials(data: Record<string, string | undefined>, source: string): PaddleFlowCredentials {
  if (data.username && data.password) return { username: data.username, password: data.password };
  if (data.token) return { token: data.token };
  throw new CredentialsError(`${source} has neither keys username and password nor key token`);
}

export class RegistryClients {
  private readonly paddleflow = new Map<string, PaddleFlowClient>();
  private argo: ArgoSecrets | undefined;

  constructor(private readonly opts: RegistryClientOptions) {
    this.argo = opts.argo;
  }

  async connect(target: RegistrationTarget, secrets: SecretReader, namespace: string): Promise<RegistryClient> {
    if (target.registry === 'argocd') {
      if (!this.argo) {
        if (!this.opts.kubeConfig) throw new Error('internal: no Kubernetes access for Argo CD cluster Secrets');
        this.argo = new KubeArgoSecrets(this.opts.kubeConfig);
      }
      return { registry: 'argocd', api: this.argo };
    }
    const ref = target.credentialsSecretRef.name;
    const source = `Secret ${namespace}/${ref} (spec.paddleflow.credentialsSecretRef)`;
    const data = await secrets.read(namespace, ref);
    if (!data) throw new CredentialsError(`${source} not found`, true);
    const creds = paddleflowCredentials(data, source);
    const key = `${target.server}|${credentialsFingerprint(creds)}`;
    let client = this.paddleflow.get(key);
    if (!client) {
      client = new PaddleFlowClient(target.server, creds, this.opts.paddleflow);
      this.paddleflow.set(key, client);
    }
    return { registry: 'paddleflow', server: target.server, api: client };
  }
}
