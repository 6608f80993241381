/**
 * What PaddleFlow does with a cluster's `credential` on create (and on an update that carries one): it builds a
 * Kubernetes client from it, so a credential that does not reach the cluster is refused (InvalidClusterCredential).
 * The simulator decodes the base64 kubeconfig, takes its current context and reads `GET <server>/version`.
 *
 * Stand-ins: the CCE simulator's kubeconfigs name addresses nobody serves (https://192.168.x.11:5443) and carry
 * placeholder certificates. A stand-in maps such servers to a real API server (in tests and the demo: the test
 * kube-apiserver, whose /version is public) with that server's own TLS trust; no client credential is sent to a
 * stand-in. Servers no stand-in matches are reached as the kubeconfig says (its CA, client certificate, token).
 */
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { parse } from 'yaml';

export interface StandIn {
  /** Kubeconfig servers this stand-in answers for: a URL prefix, or `*` for every server. */
  match: string;
  /** The API server to read /version from instead, e.g. https://127.0.0.1:6443. */
  url: string;
  /** Base64 PEM CA bundle that signs the stand-in's serving certificate. */
  caData?: string;
  /** Skip TLS verification of the stand-in. */
  insecure?: boolean;
}

export interface CredentialCheck {
  /** Off: any credential is accepted unread (PaddleFlow always checks; this is for users' CI without a cluster). */
  enabled: boolean;
  standIns: StandIn[];
  timeoutMs: number;
}

interface KubeconfigCluster {
  server?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
}
interface KubeconfigUser {
  token?: string;
  'client-certificate-data'?: string;
  'client-key-data'?: string;
}
interface Kubeconfig {
  clusters?: { name: string; cluster: KubeconfigCluster }[];
  users?: { name: string; user: KubeconfigUser }[];
  contexts?: { name: string; context: { cluster: string; user?: string } }[];
  'current-context'?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's base64.StdEncoding.DecodeString, with its error text. */
export function decodeCredential(credential: string): string {
  if (!BASE64.test(credential) || credential.length % 4 !== 0) {
    const bad = credential.search(/[^A-Za-z0-9+/=]/);
    const at = bad >= 0 ? bad : credential.length - (credential.length % 4 || 4);
    throw new Error(`illegal base64 data at input byte ${Math.max(0, at)}`);
  }
  return Buffer.from(credential, 'base64').toString('utf8');
}

/** The current context's server and credentials, or the message client-go would give. */
export function currentCluster(text: string): { server: string; cluster: KubeconfigCluster; user: KubeconfigUser } {
  let kc: Kubeconfig;
  try {
    kc = parse(text) as Kubeconfig;
  } catch (e) {
    throw new Error(`error loading config: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!kc || typeof kc !== 'object') throw new Error('invalid configuration: no configuration has been provided');
  const ctxName = kc['current-context'];
  if (!ctxName)
    throw new Error('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  const context = kc.contexts?.find((c) => c.name === ctxName)?.context;
  if (!context) throw new Error(`invalid configuration: context was not found for specified context: ${ctxName}`);
  const cluster = kc.clusters?.find((c) => c.name === context.cluster)?.cluster;
  if (!cluster?.server) throw new Error(`invalid configuration: cluster has no server defined`);
  const user = kc.users?.find((u) => u.name === context.user)?.user ?? {};
  return { server: cluster.server, cluster, user };
}

export function standInFor(server: string, standIns: readonly StandIn[]): StandIn | undefined {
  return standIns.find((s) => s.match === '*' || server.startsWith(s.match));
}

const pem = (b64: string | undefined) => (b64 ? Buffer.from(b64, 'base64').toString('utf8') : undefined);

/** GET <server>/version through the kubeconfig (or its stand-in); resolves the gitVersion, rejects with Go-like text. */
export async function checkCredential(credential: string, check: CredentialCheck): Promise<string | undefined> {
  if (!check.enabled) return undefined;
  const { server, cluster, user } = currentCluster(decodeCredential(credential));
  const standIn = standInFor(server, check.standIns);
  const base = (standIn?.url ?? server).replace(/\/+$/, '');
  const url = new URL(`${base}/version`);
  const tls: RequestOptions = standIn
    ? { ca: pem(standIn.caData), rejectUnauthorized: !standIn.insecure }
    : {
        ca: pem(cluster['certificate-authority-data']),
        rejectUnauthorized: !cluster['insecure-skip-tls-verify'],
        cert: pem(user['client-certificate-data']),
        key: pem(user['client-key-data']),
      };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!standIn && user.token) headers.authorization = `Bearer ${user.token}`;
  const what = `Get "${server}/version"${standIn ? ` (stand-in ${url.href})` : ''}`;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${what}: ${why}`));
    let req;
    try {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      req = send(url, { method: 'GET', headers, timeout: check.timeoutMs, ...(url.protocol === 'https:' ? tls : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return fail(`the server responded with HTTP ${res.statusCode}`);
          try {
            resolve(String((JSON.parse(body) as { gitVersion?: unknown }).gitVersion ?? ''));
          } catch {
            fail('the server did not answer with a version');
          }
        });
      });
    } catch (e) {
      return fail((e as Error).message);
    }
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)')));
    req.on('error', (e) => fail(e.message));
    req.end();
  });
}
