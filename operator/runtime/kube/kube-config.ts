// Where the API server is and how to authenticate to it, read from a kubeconfig file the way kubectl and
// client-go read it: the current context (or a named one); the cluster's server, certificate-authority(-data),
// insecure-skip-tls-verify and tls-server-name; the user's client-certificate/-key (file or -data), token,
// tokenFile, username/password, or exec plugin. Relative paths are relative to the kubeconfig's directory.
// What it does not support (auth-provider, impersonation, proxy-url) is refused with a message naming it, never
// silently ignored. The in-cluster ServiceAccount is in in-cluster.ts.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { UserCredentials, type CredentialSource, type Credentials } from './credentials.js';
import { EXEC_API_VERSIONS, ExecCredentials, type ExecClusterInfo, type ExecConfig } from './exec-credential.js';
import { TokenFileCredentials } from './token-file.js';

export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

export interface ClusterEndpoint {
  /** https://host:port, possibly with a path prefix. */
  server: string;
  /** PEM bundle to trust instead of the system's roots. */
  ca?: string | Buffer | undefined;
  insecureSkipTlsVerify?: boolean | undefined;
  tlsServerName?: string | undefined;
}

/** A loaded configuration: what the HTTP client (kube-http.ts) needs. */
export class KubeConfig {
  constructor(
    readonly cluster: ClusterEndpoint,
    readonly credentials: CredentialSource,
    /** Where it came from, for messages: a file path or "in-cluster". */
    readonly source: string,
    /** The context's (or the ServiceAccount's) namespace. */
    readonly namespace?: string,
  ) {}
}

export interface KubeconfigFileOptions {
  /** Use this context instead of current-context. */
  context?: string;
  /** The environment exec plugins inherit (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Reads and parses a kubeconfig file. Throws KubeconfigError with a one-line message. */
export function loadKubeconfigFile(path: string, opts: KubeconfigFileOptions = {}): KubeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new KubeconfigError(`cannot read kubeconfig ${path}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
  }
  return parseKubeconfig(text, { ...opts, source: path, dir: dirname(resolve(path)) });
}

type Doc = Record<string, unknown>;

/** Parses kubeconfig YAML; `dir` resolves relative paths. */
export function parseKubeconfig(text: string, o: KubeconfigFileOptions & { source: string; dir: string }): KubeConfig {
  const fail = (msg: string): never => {
    throw new KubeconfigError(`kubeconfig ${o.source} ${msg}`);
  };
  let doc: Doc;
  try {
    doc = (parse(text) ?? {}) as Doc;
  } catch (err) {
    return fail(`is not valid: ${firstLine(err)}`);
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) return fail('is not valid: not a YAML mapping');
  const contextName = o.context ?? (doc['current-context'] as string | undefined);
  const context = contextName ? entry(doc, 'contexts', 'context', contextName) : undefined;
  const clusterName = context?.['cluster'] as string | undefined;
  const cluster = clusterName ? entry(doc, 'clusters', 'cluster', clusterName) : undefined;
  if (!cluster?.['server']) return fail('has no current context with a cluster server');
  const userName = (context?.['user'] as string | undefined) ?? '';
  const user = userName ? (entry(doc, 'users', 'user', userName) ?? fail(`has no user ${JSON.stringify(userName)}`)) : {};

  const file = (what: string, p: unknown): Buffer => {
    const path = isAbsolute(String(p)) ? String(p) : resolve(o.dir, String(p));
    try {
      return readFileSync(path);
    } catch (err) {
      return fail(`${what}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const data = (what: string, v: unknown): Buffer => {
    if (typeof v !== 'string') return fail(`${what} is not a base64 string`);
    return Buffer.from(v, 'base64');
  };
  const pem = (dataKey: string, fileKey: string, from: Doc): Buffer | undefined =>
    from[dataKey] !== undefined ? data(dataKey, from[dataKey]) : from[fileKey] !== undefined ? file(fileKey, from[fileKey]) : undefined;

  let server: URL;
  try {
    server = new URL(String(cluster['server']));
  } catch {
    return fail(`cluster ${JSON.stringify(clusterName)}: server ${JSON.stringify(cluster['server'])} is not a URL`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:')
    fail(`cluster ${JSON.stringify(clusterName)}: server must be https:// or http://`);
  if (cluster['proxy-url']) fail(`cluster ${JSON.stringify(clusterName)}: proxy-url is not supported by cce-operator`);
  const endpoint: ClusterEndpoint = {
    server: String(cluster['server']),
    ca: pem('certificate-authority-data', 'certificate-authority', cluster),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: (cluster['tls-server-name'] as string | undefined) || undefined,
  };

  const who = `user ${JSON.stringify(userName)}`;
  const provider = (user['auth-provider'] as { name?: string } | undefined)?.name;
  if (provider !== undefined) {
    fail(
      `${who}: auth-provider ${JSON.stringify(provider)} is not supported by cce-operator; use an exec plugin (client.authentication.k8s.io) instead`,
    );
  }
  for (const k of ['as', 'as-uid', 'as-groups', 'as-user-extra'])
    if (user[k] !== undefined) fail(`${who}: impersonation (${k}) is not supported by cce-operator`);
  const fixed: Credentials = {};
  const cert = pem('client-certificate-data', 'client-certificate', user);
  const key = pem('client-key-data', 'client-key', user);
  if (!!cert !== !!key) fail(`${who}: client-certificate and client-key must be given together`);
  if (cert && key) Object.assign(fixed, { cert, key });
  if (user['token']) fixed.token = String(user['token']);
  if (user['username'] !== undefined || user['password'] !== undefined) {
    if (user['token'] || user['tokenFile']) fail(`${who}: username/password and a token cannot both be set`);
    Object.assign(fixed, { username: String(user['username'] ?? ''), password: String(user['password'] ?? '') });
  }
  let dynamic: CredentialSource | undefined;
  if (user['tokenFile']) {
    const p = String(user['tokenFile']);
    dynamic = new TokenFileCredentials(isAbsolute(p) ? p : resolve(o.dir, p));
  }
  if (user['exec']) {
    if (dynamic || fixed.token || fixed.username !== undefined)
      fail(`${who}: exec cannot be combined with token, tokenFile or username/password`);
    dynamic = execSource(user['exec'] as Doc, userName, endpoint, cluster, o, fail);
  }
  const ns = (context?.['namespace'] as string | undefined) || undefined;
  return new KubeConfig(endpoint, new UserCredentials(fixed, dynamic), o.source, ns);
}

function execSource(
  exec: Doc,
  userName: string,
  endpoint: ClusterEndpoint,
  cluster: Doc,
  o: KubeconfigFileOptions & { dir: string },
  fail: (msg: string) => never,
): ExecCredentials {
  const who = `user ${JSON.stringify(userName)}: exec`;
  if (typeof exec['command'] !== 'string' || !exec['command']) fail(`${who} has no command`);
  if (!EXEC_API_VERSIONS.includes(exec['apiVersion'] as (typeof EXEC_API_VERSIONS)[number])) {
    fail(`${who}: apiVersion ${JSON.stringify(exec['apiVersion'])} is not supported (${EXEC_API_VERSIONS.join(' or ')})`);
  }
  if (exec['interactiveMode'] === 'Always') fail(`${who}: interactiveMode Always needs a terminal, which an operator does not have`);
  const info: ExecClusterInfo = { server: endpoint.server };
  if (endpoint.ca) info['certificate-authority-data'] = Buffer.from(endpoint.ca).toString('base64');
  if (endpoint.insecureSkipTlsVerify) info['insecure-skip-tls-verify'] = true;
  if (endpoint.tlsServerName) info['tls-server-name'] = endpoint.tlsServerName;
  const extensions = (cluster['extensions'] as Array<{ name?: string; extension?: unknown }> | undefined) ?? [];
  const config = extensions.find((e) => e?.name === 'client.authentication.k8s.io/exec')?.extension;
  if (config !== undefined) info.config = config;
  return new ExecCredentials(exec as unknown as ExecConfig, {
    user: userName,
    baseDir: o.dir,
    cluster: info,
    ...(o.env ? { env: o.env } : {}),
  });
}

/** `list[].name == name` → its `field` (contexts[].context, clusters[].cluster, users[].user). */
function entry(doc: Doc, list: string, field: string, name: string): Doc | undefined {
  const items = doc[list];
  if (!Array.isArray(items)) return undefined;
  const found = (items as Doc[]).find((i) => i?.name === name);
  return found ? ((found[field] as Doc | undefined) ?? {}) : undefined;
}

function firstLine(err: unknown): string {
  return ((err as Error).message ?? String(err)).split('\n')[0] as string;
}
