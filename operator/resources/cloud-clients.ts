/**
 * One CceClient per (endpoint, project, flavor, credentials), reused across reconciles so connections and the
 * per-project rate budget are shared. Keys hold a hash of the credentials, never the credentials.
 *
 * The trust boundary (endpoint-trust.ts): an object that names an endpoint the operator does not trust gets no
 * operator-wide credentials — it must name a credentials Secret, else `forObject` refuses before any request.
 */
import { CceClient, type CceClientOptions, type CceCredentials, type OnCall } from '../cloud/index.js';
import type { CceFlavor } from '../cloud/models/common.js';
import { Terminal } from '../runtime/result.js';
import { credentialsFingerprint, resolveCredentials, type SecretReader } from './credentials.js';
import { trustsEndpoint } from './endpoint-trust.js';
import { ManagedReason } from './managed/reasons.js';

export interface CloudTarget {
  region?: string;
  endpoint?: string;
  projectId: string;
  flavor: CceFlavor;
  credentials: CceCredentials;
}

/** Where an object's cloud is, as its spec (or its cluster's) says. */
export interface ObjectTarget {
  region?: string | undefined;
  endpoint?: string | undefined;
  /** Where `endpoint` comes from, for messages (default `spec.endpoint`; a node pool's may be its CceCluster's). */
  endpointFrom?: string | undefined;
  projectID: string;
  autopilot: boolean;
  credentialsSecretRef?: { name: string } | undefined;
}

export interface CloudClientFactoryOptions {
  /** Operator-wide endpoint override (flag --cce-endpoint); a spec.endpoint wins. */
  endpoint?: string;
  /** URL prefixes (flag --trusted-endpoints, normalised) the operator-wide credentials may also be sent to. */
  trustedEndpoints?: readonly string[];
  onCall?: OnCall;
  /** Extra client options (timeouts, retries) for every client. */
  client?: Partial<CceClientOptions>;
}

export class CloudClients {
  private readonly clients = new Map<string, CceClient>();

  constructor(private readonly opts: CloudClientFactoryOptions = {}) {}

  get(t: CloudTarget): CceClient {
    const endpoint = t.endpoint || this.opts.endpoint;
    const fingerprint = credentialsFingerprint(credentialMaterial(t.credentials));
    const key = [endpoint ?? '', t.region ?? '', t.projectId, t.flavor, fingerprint].join('|');
    let client = this.clients.get(key);
    if (!client) {
      client = new CceClient({
        ...this.opts.client,
        ...(t.region ? { region: t.region } : {}),
        ...(endpoint ? { endpoint, addonHostMode: 'main' as const } : {}),
        projectId: t.projectId,
        flavor: t.flavor,
        credentials: t.credentials,
        ...(this.opts.onCall ? { onCall: this.opts.onCall } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * The client for an object: its credentials Secret (same namespace) or the operator-wide fallback — the latter
   * only for an endpoint the operator trusts. Throws Terminal `UntrustedEndpoint` (nothing sent anywhere) otherwise.
   */
  async forObject(secrets: SecretReader, namespace: string, t: ObjectTarget, fallback: CceCredentials | undefined): Promise<CceClient> {
    if (!t.credentialsSecretRef) this.checkTrust(t);
    const credentials = await resolveCredentials(secrets, namespace, t.credentialsSecretRef, fallback);
    return this.get({
      ...(t.region ? { region: t.region } : {}),
      ...(t.endpoint ? { endpoint: t.endpoint } : {}),
      projectId: t.projectID,
      flavor: t.autopilot ? 'autopilot' : 'standard',
      credentials,
    });
  }

  /** Refuses an endpoint the operator-wide credentials must not go to. */
  checkTrust(t: ObjectTarget): void {
    const policy = { operatorEndpoint: this.opts.endpoint, trusted: this.opts.trustedEndpoints };
    if (trustsEndpoint(policy, t.endpoint, t.region)) return;
    throw new Terminal(
      `${t.endpointFrom ?? 'spec.endpoint'} ${JSON.stringify(t.endpoint)} is not an endpoint the operator trusts with its own credentials ` +
        `(the region's Huawei Cloud endpoint, --cce-endpoint, --trusted-endpoints): name a credentials Secret in ` +
        `spec.credentialsSecretRef, or ask the operator's administrator to add it to --trusted-endpoints`,
      ManagedReason.UntrustedEndpoint,
    );
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

function credentialMaterial(c: CceCredentials): unknown {
  return c.kind === 'aksk' ? [c.accessKey, c.secretKey, c.securityToken ?? ''] : typeof c.token === 'string' ? c.token : 'fn';
}
