/**
 * pf-sim: a PaddleFlow-compatible server for the cluster registry, in memory. Serves PaddleFlow's REST paths below
 * /api/paddleflow/v1 (login, cluster create / list / show / update / delete) with its auth (the `x-pf-authorization`
 * token from login; only root manages clusters), checks, error bodies and the credential check of create, plus an
 * admin API below /_sim/ for tests (records, request log and counts, faults, token revocation, users).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialCheck, StandIn } from './credential-check.js';
import { errorBody, PF_ERRORS, PfError, type PfCode } from './errors.js';
import { route, type PfCtx } from './handlers.js';
import { renderRecord, PfState } from './state.js';

export interface PaddleFlowSimOptions {
  host?: string;
  port?: number;
  /** root's password (PaddleFlow's initial one: `paddleflow`). */
  rootPassword?: string;
  /** Other users (name → password): they can log in but not manage clusters. */
  users?: Record<string, string>;
  /** The credential check of create/update: on by default, with no stand-ins. */
  credentialCheck?: { enabled?: boolean; standIns?: StandIn[]; timeoutMs?: number };
}

export interface RunningPaddleFlowSim {
  url: string;
  port: number;
  state: PfState;
  close(): Promise<void>;
}

export interface PfRequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  operation: string;
  status: number;
  code?: string;
  user?: string;
  requestId: string;
}

interface Fault {
  operation: string;
  code: PfCode;
  message?: string;
  times: number;
}

const MAX_BODY = 4 * 1024 * 1024;
const LOG_LIMIT = 10_000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, requestId?: string): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...(requestId ? { 'x-pf-request-id': requestId } : {}),
  });
  res.end(text);
}

export async function startPaddleFlowSim(opts: PaddleFlowSimOptions = {}): Promise<RunningPaddleFlowSim> {
  const state = new PfState(opts.rootPassword ?? 'paddleflow', opts.users);
  const check: CredentialCheck = {
    enabled: opts.credentialCheck?.enabled ?? true,
    standIns: opts.credentialCheck?.standIns ?? [],
    timeoutMs: opts.credentialCheck?.timeoutMs ?? 5000,
  };
  const log: PfRequestLogEntry[] = [];
  let seq = 0;
  let faults: Fault[] = [];

  const admin = (method: string, path: string, body: unknown): { status: number; body?: unknown } => {
    const counts = () => {
      const byOperation: Record<string, number> = {};
      for (const e of log) byOperation[e.operation] = (byOperation[e.operation] ?? 0) + 1;
      return { byOperation };
    };
    if (method === 'GET' && path === '/_sim/clusters') return { status: 200, body: { clusters: state.live().map(renderRecord) } };
    if (method === 'GET' && path === '/_sim/requests') return { status: 200, body: { requests: log } };
    if (method === 'GET' && path === '/_sim/requests/counts') return { status: 200, body: counts() };
    if (method === 'DELETE' && path === '/_sim/requests') {
      log.length = 0;
      return { status: 204 };
    }
    if (method === 'POST' && path === '/_sim/tokens/revoke') {
      state.tokens.clear();
      return { status: 204 };
    }
    const user = /^\/_sim\/users\/([^/]+)$/.exec(path);
    if (method === 'PUT' && user) {
      const password = (body as { password?: unknown } | undefined)?.password;
      if (typeof password !== 'string' || !password)
        return { status: 400, body: { error: 'body: {"password": "<non-empty string>"} required' } };
      state.users.set(decodeURIComponent(user[1] as string), password);
      return { status: 204 };
    }
    if (method === 'POST' && path === '/_sim/faults') {
      const f = body as Partial<Fault> | undefined;
      if (!f || typeof f.operation !== 'string' || typeof f.code !== 'string' || !(f.code in PF_ERRORS)) {
        return {
          status: 400,
          body: { error: `body: {"operation", "code" (one of ${Object.keys(PF_ERRORS).join(', ')}), "message"?, "times"?} required` },
        };
      }
      faults.push({
        operation: f.operation,
        code: f.code,
        ...(typeof f.message === 'string' ? { message: f.message } : {}),
        times: typeof f.times === 'number' ? f.times : 1,
      });
      return { status: 204 };
    }
    if (method === 'DELETE' && path === '/_sim/faults') {
      faults = [];
      return { status: 204 };
    }
    return { status: 404, body: { error: `no admin endpoint ${method} ${path}` } };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://pf-sim.invalid');
    const path = url.pathname;
    if (path.startsWith('/_sim/')) {
      let parsed: unknown;
      try {
        parsed = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return send(res, 400, { error: 'body: not valid JSON' });
      }
      const r = admin(method, path, parsed);
      return send(res, r.status, r.body);
    }
    const requestId = (req.headers['x-pf-request-id'] as string | undefined) || randomUUID();
    const matched = route(method, path);
    const operation = matched && matched !== 'method' ? matched.route.operation : 'Unknown';
    const entry: PfRequestLogEntry = {
      seq: ++seq,
      time: new Date().toISOString(),
      method,
      path,
      query: url.search,
      operation,
      status: 0,
      requestId,
    };
    log.push(entry);
    if (log.length > LOG_LIMIT) log.shift();
    const reply = (status: number, body: unknown) => {
      entry.status = status;
      send(res, status, body, requestId);
    };
    try {
      const open = matched && matched !== 'method' && matched.route.open;
      let user: string | undefined;
      if (!open && !path.endsWith('login') && !path.endsWith('login/')) {
        const token = req.headers['x-pf-authorization'];
        if (typeof token !== 'string' || token === '') throw new PfError('AuthWithoutToken');
        user = state.userOf(token);
        if (!user) throw new PfError('AuthInvalidToken');
        entry.user = user;
      }
      if (matched === undefined) throw new PfError('PathNotFound');
      if (matched === 'method') throw new PfError('MethodNotAllowed');
      const fault = faults.find((f) => f.operation === operation && f.times > 0);
      if (fault) {
        fault.times--;
        throw new PfError(fault.code, fault.message);
      }
      let body: unknown;
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (e) {
          throw new PfError('MalformedJSON', (e as Error).message);
        }
      }
      const ctx: PfCtx = { state, user, params: matched.params, query: url.searchParams, body, now: Date.now(), check };
      const out = await matched.route.handle(ctx);
      reply(out.status, out.body);
    } catch (err) {
      const e = err instanceof PfError ? err : new PfError('InternalError', 'server panic. recovered.');
      if (!(err instanceof PfError)) process.stderr.write(`pf-sim: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      entry.code = e.code;
      reply(e.status, errorBody(requestId, e));
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      process.stderr.write(`pf-sim: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) send(res, 500, { requestID: '', code: 'InternalError', message: 'server panic. recovered.' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
