/** One CCE request from route match to response: faults, auth, project check, body parsing, handler, log. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx, Reply } from './context.js';
import { CceError, renderError, type Family } from './errors.js';
import type { Fault, Faults } from './faults.js';
import type { RequestLog } from './request-log.js';
import type { Router } from './router.js';
import type { World } from './world.js';
import { authenticate, type AuthConfig } from './auth.js';
import { settle } from './settle.js';

export interface DispatchDeps {
  world: World;
  router: Router;
  faults: Faults;
  log: RequestLog;
  auth: AuthConfig;
}

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

function parseBody(req: IncomingMessage, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const type = String(req.headers['content-type'] ?? 'application/json');
  if (!/json/i.test(type)) throw new CceError('contentType', `Content-Type ${type} is not supported`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new CceError('invalid', 'body: is not valid JSON');
  }
}

export async function dispatch(
  deps: DispatchDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: string,
  body: Buffer | undefined,
  requestId: string,
  send: Send,
): Promise<void> {
  const { world, router, faults, log } = deps;
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const match = router.match(method, path);
  const family: Family = match?.route.family ?? router.familyOf(path)?.family ?? 'gateway';
  const operation = match?.route.operation ?? 'Unknown';
  let fault: Fault | undefined;
  const finish = (status: number): void =>
    log.record(
      {
        time: new Date(started).toISOString(),
        method,
        path,
        query: url.search.replace(/^\?/, ''),
        status,
        operation,
        family,
        requestId,
        durationMs: Date.now() - started,
        ...(fault ? { fault: fault.kind } : {}),
      },
      `${method} ${match?.route.pattern ?? path}`,
    );
  const headers = { 'X-Request-Id': requestId };
  const reply = (r: Reply): void => {
    send(res, r.status, r.body, { ...headers, ...(r.headers ?? {}) });
    finish(r.status);
  };
  const fail = (err: CceError, extra: Record<string, string> = {}): void => {
    // An unknown path or method is the API gateway's answer, in its one format whatever the path family.
    const e = renderError(err.kind === 'noRoute' ? 'gateway' : family, err);
    send(res, e.status, e.body, { ...headers, ...extra });
    finish(e.status);
  };
  const drop = (): void => {
    res.socket?.destroy();
    finish(0);
  };

  const fired = match ? faults.fire(['latency', 'drop', 'throttle', 'error', 'jobFailure'], method, path, operation) : [];
  const before = fired.filter((f) => f.kind === 'throttle' || (f.kind !== 'jobFailure' && (f.when ?? 'before') === 'before'));
  const after = fired.filter((f) => f.kind !== 'throttle' && f.kind !== 'jobFailure' && f.when === 'after');
  for (const f of before.filter((x) => x.kind === 'latency')) await sleep(f.delayMs ?? 0);
  fault = before.find((f) => f.kind !== 'latency');
  if (fault?.kind === 'drop') return drop();
  if (fault?.kind === 'throttle')
    return fail(new CceError(fault.code === 'CCE.01429002' ? 'locked' : 'throttled', 'injected'), {
      'Retry-After': String(fault.retryAfterSeconds ?? 1),
    });
  if (fault?.kind === 'error') return fail(new CceError('internal', 'injected', fault.status ?? 500));
  fault = before.find((f) => f.kind === 'latency');

  if (!match) return fail(new CceError('noRoute', `${method} ${path}`));
  if (body === undefined) return fail(new CceError('invalid', 'body: larger than 12 MB'));
  let result: Reply;
  try {
    authenticate(deps.auth, { method, url: target, headers: req.headers, body }, Date.now());
    const pid = match.params.project_id;
    const headerPid = req.headers['x-project-id'];
    if ((pid !== undefined && pid !== world.config.projectId) || (typeof headerPid === 'string' && headerPid !== world.config.projectId))
      throw new CceError('forbidden', `project ${pid ?? String(headerPid)} is not accessible`);
    const parsed = parseBody(req, body);
    const now = world.now();
    settle(world, now);
    const jobFailure = fired.find((f) => f.kind === 'jobFailure');
    const ctx: Ctx = {
      world,
      now,
      method,
      path,
      query: url.searchParams,
      params: match.params,
      body: parsed,
      family,
      autopilot: match.route.autopilot,
      ...(jobFailure ? { jobFailure: jobFailure.reason ?? 'injected job failure' } : {}),
    };
    result = match.route.handler(ctx);
  } catch (err) {
    if (err instanceof CceError) return fail(err);
    throw err;
  }
  for (const f of after.filter((x) => x.kind === 'latency')) await sleep(f.delayMs ?? 0);
  const late = after.find((f) => f.kind !== 'latency');
  if (late) fault = late;
  else fault ??= after.find((f) => f.kind === 'latency');
  if (late?.kind === 'drop') return drop();
  if (late?.kind === 'error') return fail(new CceError('internal', 'injected', late.status ?? 500));
  reply(result);
}
