/**
 * A small client of PaddleFlow's cluster registry (REST below /api/paddleflow/v1): login with username/password for
 * the `x-pf-authorization` token (kept, and renewed once when PaddleFlow calls it invalid), or a token given as is;
 * list with marker paging, create, update, delete. Records come back without their `credential` (the operator never
 * reads a credential back). Failures are typed for the managed ladder: what retrying cannot fix is Terminal (bad
 * credentials, not root, a refused request), the rest Transient; messages carry PaddleFlow's own code and text.
 */
import { randomUUID } from 'node:crypto';
import { Terminal, Transient } from '../../runtime/result.js';
import { Reason } from './reasons.js';

export type PaddleFlowCredentials = { username: string; password: string } | { token: string };

/** model.ClusterInfo as PaddleFlow returns it, without `credential`. */
export interface PfClusterInfo {
  clusterId: string;
  clusterName: string;
  description?: string;
  endpoint?: string;
  source?: string;
  clusterType?: string;
  version?: string;
  status?: string;
  setting?: string;
  namespaceList?: string[] | null;
  createTime?: string;
  updateTime?: string;
}

/** The create / update body (ClusterCommonInfo + clusterName). */
export interface PfClusterRequest {
  clusterName?: string;
  endpoint: string;
  clusterType: string;
  version: string;
  source: string;
  status: string;
  credential?: string;
  description?: string;
  setting?: string;
  namespaceList?: string[];
}

export interface PaddleFlowClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const API_PREFIX = '/api/paddleflow/v1';
const PAGE = 100;

export class PaddleFlowClient {
  private token: string | undefined;
  private readonly fetch: typeof fetch;

  constructor(
    readonly server: string,
    private readonly credentials: PaddleFlowCredentials,
    private readonly opts: PaddleFlowClientOptions = {},
  ) {
    this.token = 'token' in credentials ? credentials.token : undefined;
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** The record named `name`, following list pages (PaddleFlow's show answers 500 for an unknown name). */
  async findByName(name: string): Promise<PfClusterInfo | undefined> {
    let marker = '';
    for (let page = 0; page < 1000; page++) {
      const q = new URLSearchParams({ clusterNames: name, maxKeys: String(PAGE), ...(marker ? { marker } : {}) });
      const r = await this.call<{ clusterList?: PfClusterInfo[] | null; isTruncated?: boolean; nextMarker?: string }>(
        'list clusters',
        'GET',
        `/cluster?${q}`,
      );
      const hit = (r?.clusterList ?? []).find((c) => c.clusterName === name);
      if (hit) return strip(hit);
      if (!r?.isTruncated || !r.nextMarker || !(r.clusterList ?? []).length) return undefined;
      marker = r.nextMarker;
    }
    return undefined;
  }

  async create(body: PfClusterRequest): Promise<PfClusterInfo> {
    return strip(await this.call<PfClusterInfo>(`create cluster ${body.clusterName ?? ''}`, 'POST', '/cluster', body));
  }

  async update(name: string, body: PfClusterRequest): Promise<PfClusterInfo> {
    return strip(await this.call<PfClusterInfo>(`update cluster ${name}`, 'PUT', `/cluster/${encodeURIComponent(name)}`, body));
  }

  /** Removes the record; true when PaddleFlow no longer had it (ClusterNotFound). */
  async delete(name: string): Promise<boolean> {
    try {
      await this.call('delete cluster ' + name, 'DELETE', `/cluster/${encodeURIComponent(name)}`);
      return false;
    } catch (e) {
      if ((e as { cause?: { code?: string } }).cause?.code === 'ClusterNotFound') return true;
      throw e;
    }
  }

  private async login(): Promise<string> {
    if (!('username' in this.credentials)) throw new Error('internal: login without a username');
    const { username, password } = this.credentials;
    const r = await this.request<{ authorization?: string }>(`login as ${username}`, 'POST', '/login', { username, password }, undefined);
    if (!r?.authorization) throw new Transient(`PaddleFlow login as ${username} answered without a token`, Reason.RegistryError);
    this.token = r.authorization;
    return r.authorization;
  }

  private async call<T>(op: string, method: string, path: string, body?: unknown): Promise<T> {
    const token = this.token ?? (await this.login());
    try {
      return await this.request<T>(op, method, path, body, token);
    } catch (e) {
      // An expired or revoked token: log in again once (only with a username and password to log in with).
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code !== 'AuthInvalidToken' || !('username' in this.credentials)) throw e;
      this.token = undefined;
      return this.request<T>(op, method, path, body, await this.login());
    }
  }

  private async request<T>(op: string, method: string, path: string, body: unknown, token: string | undefined): Promise<T> {
    const url = `${this.server.replace(/\/+$/, '')}${API_PREFIX}${path}`;
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'x-pf-request-id': randomUUID(),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { 'x-pf-authorization': token } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (e) {
      const why = (e as { cause?: { code?: string; message?: string } }).cause?.code ?? (e as Error).message;
      throw new Transient(`PaddleFlow ${this.server} unreachable (${op}): ${why}`, Reason.RegistryError, { cause: e });
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
    let code = `HTTP${res.status}`;
    let message = text.slice(0, 512);
    try {
      const b = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof b.code === 'string') code = b.code;
      if (typeof b.message === 'string') message = b.message;
    } catch {
      /* not PaddleFlow's error body: keep the raw text */
    }
    throw paddleflowError(op, res.status, code, message, this.credentials);
  }
}

/** The typed error for a PaddleFlow failure; `cause` carries the code for the client's own decisions. */
export function paddleflowError(op: string, status: number, code: string, message: string, creds: PaddleFlowCredentials): Error {
  const text = `PaddleFlow ${op} failed: HTTP ${status} ${code}: ${message || '(no message)'}`;
  const cause = { code, status };
  if (code === 'OnlyRootAllowed') {
    const who = 'username' in creds ? `user ${creds.username}` : "the token's user";
    return new Terminal(`${text} (PaddleFlow lets only root manage clusters; ${who} is not root)`, Reason.RegistryAuthFailed, { cause });
  }
  if (code.startsWith('Auth') || code === 'UserNotExist') return new Terminal(text, Reason.RegistryAuthFailed, { cause });
  if (status >= 500 || status === 429 || code === 'InvalidClusterCredential') return new Transient(text, Reason.RegistryError, { cause });
  return new Terminal(text, Reason.RegistryRefused, { cause });
}

function strip(c: PfClusterInfo & { credential?: unknown }): PfClusterInfo {
  const { credential: _secret, ...rest } = c;
  return rest;
}
