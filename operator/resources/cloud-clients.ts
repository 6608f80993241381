/**
 * One CceClient per (endpoint, project, flavor, credentials), reused across reconciles so connections and the
 * per-project rate budget are shared. Keys hold a hash of the credentials, never the credentials.
 */
import { createHash } from 'node:crypto';
import { CceClient, type CceClientOptions, type CceCredentials, type OnCall } from '../cloud/index.js';
import type { CceFlavor } from '../cloud/models/common.js';
import { resolveCredentials, type SecretReader } from './credentials.js';

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
  projectID: string;
  autopilot: boolean;
  credentialsSecretRef?: { name: string } | undefined;
}

export interface CloudClientFactoryOptions {
  /** Operator-wide endpoint override (flag --cce-endpoint); a spec.endpoint wins. */
  endpoint?: string;
  onCall?: OnCall;
  /** Extra client options (timeouts, retries) for every client. */
  client?: Partial<CceClientOptions>;
}

export class CloudClients {
  private readonly clients = new Map<string, CceClient>();

  constructor(private readonly opts: CloudClientFactoryOptions = {}) {}

  get(t: CloudTarget): CceClient {
    const endpoint = t.endpoint || this.opts.endpoint;
    const fingerprint = createHash('sha256').update(JSON.stringify(credentialMaterial(t.credentials))).digest('hex').slice(0, 16);
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

  /** The client for an object: its credentials Secret (same namespace) or the operator-wide fallback. */
  async forObject(secrets: SecretReader, namespace: string, t: ObjectTarget, fallback: CceCredentials | undefined): Promise<CceClient> {
    const credentials = await resolveCredentials(secrets, namespace, t.credentialsSecretRef, fallback);
    return this.get({
      ...(t.region ? { region: t.region } : {}),
      ...(t.endpoint ? { endpoint: t.endpoint } : {}),
      projectId: t.projectID,
      flavor: t.autopilot ? 'autopilot' : 'standard',
      credentials,
    });
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

function credentialMaterial(c: CceCredentials): unknown {
  return c.kind === 'aksk' ? [c.accessKey, c.secretKey, c.securityToken ?? ''] : typeof c.token === 'string' ? c.token : 'fn';
}
