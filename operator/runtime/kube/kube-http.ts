// HTTP to the API server on node:https (node:http for an http:// server) with one keep-alive Agent: JSON in,
// JSON out, the credentials of the KubeConfig on every request, one retry after a 401 when the credential source
// has fresh credentials (exec plugin, rotated token file). An answer other than 2xx throws KubeApiError (HTTP
// code + the server's Status). Writes (POST/PUT/PATCH/DELETE) are reported to onWrite listeners when sent, so the
// write counter sees every write of the process. Responses are never asked to be compressed (CPU over bytes).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { apiErrorFromResponse } from './api-error.js';
import { authorizationOf, type Credentials } from './credentials.js';
import type { KubeConfig } from './kube-config.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeRequest {
  method?: string;
  /** The API path (/api/v1/..., /apis/...), appended to the server URL's own path. */
  path: string;
  query?: Query | undefined;
  /** Sent as JSON (a string or Buffer as is). */
  body?: unknown;
  contentType?: string | undefined;
  accept?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Called once per write request sent (an attempt): the HTTP method and the path. */
export type WriteListener = (method: string, path: string) => void;

export interface KubeHttpOptions {
  /** No byte received for this long fails a (non-streaming) request (default 60 s; 0: never). */
  timeoutMs?: number;
  userAgent?: string;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class KubeHttp {
  private readonly base: URL;
  private agent: HttpAgent | undefined;
  private agentCreds: { cert?: unknown; key?: unknown } = {};
  private readonly writers = new Set<WriteListener>();

  constructor(
    readonly config: KubeConfig,
    private readonly opts: KubeHttpOptions = {},
  ) {
    this.base = new URL(config.cluster.server);
  }

  /** Subscribes to write requests; returns the unsubscribe. */
  onWrite(listener: WriteListener): () => void {
    this.writers.add(listener);
    return () => this.writers.delete(listener);
  }

  /** The parsed JSON answer (undefined for an empty body); KubeApiError for a non-2xx answer. */
  async request<T>(r: KubeRequest): Promise<T> {
    const res = await this.open(r, this.opts.timeoutMs ?? 60_000);
    const text = await readText(res);
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) throw apiErrorFromResponse(code, text, r.method ?? 'GET', r.path, res.headers);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A 200 answer to read as a stream (watch); KubeApiError for any other. No timeout: the caller bounds it. */
  async stream(r: KubeRequest): Promise<IncomingMessage> {
    const res = await this.open(r, 0);
    if (res.statusCode === 200) return res;
    throw apiErrorFromResponse(res.statusCode ?? 0, await readText(res), r.method ?? 'GET', r.path, res.headers);
  }

  /** Closes idle keep-alive connections (open requests finish). */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private async open(r: KubeRequest, timeoutMs: number): Promise<IncomingMessage> {
    const payload =
      r.body === undefined ? undefined : typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : JSON.stringify(r.body);
    for (let attempt = 0; ; attempt++) {
      const creds = await this.config.credentials.get();
      const res = await this.send(r, payload, creds, timeoutMs);
      if (res.statusCode === 401 && attempt === 0 && this.config.credentials.rejected(creds)) {
        res.resume();
        continue;
      }
      return res;
    }
  }

  private send(r: KubeRequest, payload: string | Buffer | undefined, creds: Credentials, timeoutMs: number): Promise<IncomingMessage> {
    const method = r.method ?? 'GET';
    const headers: OutgoingHttpHeaders = { accept: r.accept ?? 'application/json', 'user-agent': this.opts.userAgent ?? 'cce-operator' };
    const auth = authorizationOf(creds);
    if (auth) headers['authorization'] = auth;
    if (payload !== undefined) {
      headers['content-type'] = r.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const https = this.base.protocol === 'https:';
    const options = {
      method,
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: this.base.port || (https ? 443 : 80),
      path: this.base.pathname.replace(/\/$/, '') + r.path + queryString(r.query),
      headers,
      agent: this.agentFor(creds, https),
      ...(r.signal ? { signal: r.signal } : {}),
    };
    if (WRITES.has(method)) {
      for (const w of this.writers) {
        try {
          w(method, r.path);
        } catch {
          /* a listener never breaks a request */
        }
      }
    }
    return new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(options, resolve);
      req.once('error', reject);
      if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${r.path}: no answer within ${timeoutMs} ms`)));
      req.end(payload);
    });
  }

  /** One keep-alive Agent; a new one when the client certificate changes (an exec plugin may rotate it). */
  private agentFor(creds: Credentials, https: boolean): HttpAgent {
    if (this.agent && this.agentCreds.cert === creds.cert && this.agentCreds.key === creds.key) return this.agent;
    const old = this.agent;
    const c = this.config.cluster;
    this.agentCreds = { cert: creds.cert, key: creds.key };
    this.agent = https
      ? new HttpsAgent({
          keepAlive: true,
          ...(c.ca ? { ca: c.ca } : {}),
          ...(creds.cert && creds.key ? { cert: creds.cert, key: creds.key } : {}),
          rejectUnauthorized: !c.insecureSkipTlsVerify,
          ...(c.tlsServerName ? { servername: c.tlsServerName } : {}),
        })
      : new HttpAgent({ keepAlive: true });
    // Idle connections of the old certificate go; open ones (watches) finish on their own.
    if (old) setImmediate(() => closeIdle(old));
    return this.agent;
  }
}

const shared = new WeakMap<KubeConfig, KubeHttp>();

/** The one client of a KubeConfig (shared keep-alive connections, one set of write listeners). */
export function kubeHttp(kc: KubeConfig): KubeHttp {
  let http = shared.get(kc);
  if (!http) shared.set(kc, (http = new KubeHttp(kc)));
  return http;
}

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function closeIdle(agent: HttpAgent): void {
  for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
}
