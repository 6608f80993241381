/**
 * The simulator's HTTP server: reads the whole body (signatures cover it, GET included) or refuses it with 413 as
 * soon as it passes the limit (body.ts, before auth), routes by path (origin-
 * or absolute-form targets; the `{cluster_id}.` host prefix is ignored), applies faults, authenticates, settles
 * time-driven transitions, runs the handler and renders errors in the path family's format.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { World, type CloudStack } from './world.js';
import { Router } from './router.js';
import { allRoutes } from './routes.js';
import { Faults } from './faults.js';
import { RequestLog } from './request-log.js';
import { handleAdmin } from './admin.js';
import { dispatch } from './dispatch.js';
import { loadState, saveState } from './persist.js';
import { readBody, refuseTooLarge } from './body.js';

export interface SimOptions {
  host?: string;
  port?: number;
  accessKey: string;
  secretKey: string;
  projectId: string;
  tokens?: string[];
  stateFile?: string;
  jobSeconds?: number;
  /** `hcs-8.1.1`: behave like a Huawei Cloud Stack 8.1.1 endpoint (only seed 003's APIs). Default `public`. */
  cloudStack?: CloudStack;
}

export interface RunningSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

export { MAX_BODY_BYTES } from './body.js';

/**
 * The origin-form (`/path?query`) of a request target. Absolute-form targets (through a proxy) are cut by hand:
 * WHATWG URL rejects hosts like `<cluster uuid>.127.0.0.1`, which Terraform's add-on URLs produce on loopback.
 */
export function originForm(target: string): string {
  const cut = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return cut.startsWith('/') ? cut : `/${cut}`;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function startSimulator(opts: SimOptions): Promise<RunningSim> {
  const world = new World({
    projectId: opts.projectId,
    jobMs: Math.round((opts.jobSeconds ?? 0) * 1000),
    cloudStack: opts.cloudStack ?? 'public',
  });
  if (opts.stateFile) {
    const loaded = loadState(opts.stateFile);
    if (loaded) {
      world.state = loaded;
      world.clock.offsetMs = loaded.clockOffsetMs;
    }
  }
  const router = new Router(allRoutes(opts.cloudStack));
  const faults = new Faults();
  const log = new RequestLog();
  const auth = { accessKey: opts.accessKey, secretKey: opts.secretKey, tokens: opts.tokens ?? [] };
  const persist = (): void => {
    if (!world.dirty) return;
    world.dirty = false;
    world.state.clockOffsetMs = world.clock.offsetMs;
    if (opts.stateFile) saveState(opts.stateFile, world.state);
  };

  const tooLarge = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (url.pathname.startsWith('/_sim/')) return refuseTooLarge(res, 'admin');
    const requestId = randomUUID().replace(/-/g, '');
    const method = (req.method ?? 'GET').toUpperCase();
    const match = router.match(method, url.pathname);
    const family = match?.route.family ?? router.familyOf(url.pathname)?.family ?? 'gateway';
    const entry = { time: new Date().toISOString(), method, path: url.pathname, query: url.search.slice(1), status: 413, family };
    log.record(
      { ...entry, operation: match?.route.operation ?? 'Unknown', requestId, durationMs: 0 },
      `${method} ${match?.route.pattern ?? url.pathname}`,
    );
    refuseTooLarge(res, family, { 'X-Request-Id': requestId });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const target = originForm(req.url ?? '/');
      const url = new URL(target, 'http://simulator.invalid');
      const body = await readBody(req);
      if (body === undefined) return tooLarge(req, res, url);
      if (url.pathname.startsWith('/_sim/')) {
        let parsed: unknown;
        try {
          parsed = body && body.length ? JSON.parse(body.toString('utf8')) : undefined;
        } catch {
          return sendJson(res, 400, { error: 'body: not valid JSON' });
        }
        const r = handleAdmin({ world, faults, log }, req.method ?? 'GET', url.pathname, parsed);
        persist();
        return sendJson(res, r.status, r.body);
      }
      const requestId = randomUUID().replace(/-/g, '');
      await dispatch({ world, router, faults, log, auth }, req, res, url, target, body, requestId, sendJson);
      persist();
    })().catch((err: unknown) => {
      process.stderr.write(`cce-sim: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) sendJson(res, 500, { error_code: 'CCE.01500001', error_msg: 'Internal error.' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        persist();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
