/**
 * The PaddleFlow REST endpoints the simulator serves (pkg/apiserver/router/v1/{user,cluster}.go): login, and the
 * cluster registry — create, list (marker paging), show, update, delete — each only for root, with the server's
 * checks, codes and messages, including its quirks: a show of an unknown name is an InternalError "record not
 * found" (the storage error passed through), update and delete name their own not-found codes, a failed create
 * validation is answered as InternalError, and a failed update says only "Cluster properties wrong".
 */
import { checkCredential, type CredentialCheck } from './credential-check.js';
import { PfError } from './errors.js';
import { markerOf, pkOf, renderRecord, type PfState } from './state.js';
import { bindRequest, checkName, maxKeysOf, validateCreate, validateUpdate } from './validate.js';

export interface PfCtx {
  state: PfState;
  /** The authenticated user (undefined for login). */
  user: string | undefined;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  now: number;
  check: CredentialCheck;
}

export interface PfReply {
  status: number;
  body?: unknown;
}

export interface PfRoute {
  method: string;
  pattern: string;
  operation: string;
  /** Served without a token (login). */
  open?: boolean;
  handle(ctx: PfCtx): PfReply | Promise<PfReply>;
}

const isRoot = (user: string | undefined) => (user ?? '').toLowerCase() === 'root';

function login(ctx: PfCtx): PfReply {
  const b = ctx.body as { username?: unknown; password?: unknown } | undefined;
  if (!b || typeof b !== 'object') throw new PfError('MalformedJSON');
  const user = typeof b.username === 'string' ? b.username : '';
  const password = typeof b.password === 'string' ? b.password : '';
  if (!user || ctx.state.users.get(user) !== password) throw new PfError('AuthFailed');
  return { status: 200, body: { authorization: ctx.state.issueToken(user) } };
}

async function createCluster(ctx: PfCtx): Promise<PfReply> {
  const req = bindRequest(ctx.body, 'CreateClusterRequest');
  const name = (req.clusterName ?? '').trim();
  checkName(name);
  if (!isRoot(ctx.user)) throw new PfError('OnlyRootAllowed', 'create cluster failed');
  let fields;
  try {
    fields = validateCreate(req);
  } catch (e) {
    throw new PfError('InternalError', (e as Error).message);
  }
  try {
    await checkCredential(fields.credential, ctx.check);
  } catch (e) {
    throw new PfError('InvalidClusterCredential', (e as Error).message);
  }
  if (ctx.state.byName(fields.clusterName)) {
    throw new PfError('InternalError', `Error 1062: Duplicate entry '${fields.clusterName}-' for key 'idx_name'`);
  }
  const { clusterName, ...rest } = fields;
  const rec = ctx.state.insert({ name: clusterName, ...rest }, ctx.now);
  return { status: 200, body: renderRecord(rec) };
}

function listClusters(ctx: PfCtx): PfReply {
  const maxKeys = maxKeysOf(ctx.query.get('maxKeys'));
  if (!isRoot(ctx.user)) throw new PfError('OnlyRootAllowed');
  const marker = ctx.query.get('marker') ?? '';
  let after = 0;
  if (marker !== '') {
    const pk = pkOf(marker);
    if (pk === undefined) throw new PfError('InvalidMarker');
    after = pk;
  }
  const names = (ctx.query.get('clusterNames') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const status = (ctx.query.get('clusterStatus') ?? '').trim();
  const live = ctx.state.live();
  const page = live
    .filter((r) => r.pk > after && (!names.length || names.includes(r.name)) && (!status || r.status === status))
    .slice(0, maxKeys);
  // As PaddleFlow: truncated unless the page ends with the last live record of the whole table (filters aside).
  const last = page[page.length - 1];
  const lastPk = live[live.length - 1]?.pk;
  const truncated = !!last && last.pk !== lastPk;
  return {
    status: 200,
    body: {
      marker: '',
      maxKeys,
      isTruncated: truncated,
      nextMarker: truncated && last ? markerOf(last.pk) : '',
      clusterList: page.length ? page.map(renderRecord) : null,
    },
  };
}

function showCluster(ctx: PfCtx): PfReply {
  if (!isRoot(ctx.user)) throw new PfError('OnlyRootAllowed');
  const rec = ctx.state.byName((ctx.params.clusterName ?? '').trim());
  if (!rec) throw new PfError('InternalError', 'record not found');
  return { status: 200, body: renderRecord(rec) };
}

async function updateCluster(ctx: PfCtx): Promise<PfReply> {
  const req = bindRequest(ctx.body, 'UpdateClusterRequest');
  if (!isRoot(ctx.user)) throw new PfError('OnlyRootAllowed');
  const rec = ctx.state.byName((ctx.params.clusterName ?? '').trim());
  if (!rec) throw new PfError('ClusterNameNotFound');
  let change;
  try {
    change = validateUpdate(req);
    if (change.credential) await checkCredential(change.credential, ctx.check);
  } catch {
    throw new PfError('InvalidClusterProperties');
  }
  Object.assign(rec, change, { updatedAt: ctx.now });
  return { status: 200, body: renderRecord(rec) };
}

function deleteCluster(ctx: PfCtx): PfReply {
  if (!isRoot(ctx.user)) throw new PfError('OnlyRootAllowed');
  const rec = ctx.state.byName((ctx.params.clusterName ?? '').trim());
  if (!rec) throw new PfError('ClusterNotFound');
  rec.deletedAt = `deleted-${rec.pk}`;
  rec.updatedAt = ctx.now;
  return { status: 200 };
}

export const PREFIX = '/api/paddleflow/v1';

export const routes: PfRoute[] = [
  { method: 'POST', pattern: `${PREFIX}/login`, operation: 'Login', open: true, handle: login },
  { method: 'POST', pattern: `${PREFIX}/cluster`, operation: 'CreateCluster', handle: createCluster },
  { method: 'GET', pattern: `${PREFIX}/cluster`, operation: 'ListCluster', handle: listClusters },
  { method: 'GET', pattern: `${PREFIX}/cluster/{clusterName}`, operation: 'GetCluster', handle: showCluster },
  { method: 'PUT', pattern: `${PREFIX}/cluster/{clusterName}`, operation: 'UpdateCluster', handle: updateCluster },
  { method: 'DELETE', pattern: `${PREFIX}/cluster/{clusterName}`, operation: 'DeleteCluster', handle: deleteCluster },
];

/** The route for a method and path, the path's routes under other methods (405), or nothing (404). */
export function route(method: string, path: string): { route: PfRoute; params: Record<string, string> } | 'method' | undefined {
  let pathMatched = false;
  for (const r of routes) {
    const names: string[] = [];
    const re = new RegExp(
      `^${r.pattern
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1] as string);
          return '([^/]+)';
        })
        .join('/')}/?$`,
    );
    const m = re.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] as string)));
    return { route: r, params };
  }
  return pathMatched ? 'method' : undefined;
}
