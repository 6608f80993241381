/** Cluster get, list, update, hibernate, awake and certificate. */
import { CceError } from '../errors.js';
import { get, isObject, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import { endpointOf, publicEndpointOf, renderCluster } from '../render/cluster.js';
import { clusterPhase, requireAvailable } from '../lifecycle/cluster.js';
import { validateUpdateCluster } from '../validate/cluster.js';
import { validateUpdateAutopilotCluster } from '../validate/autopilot-cluster.js';
import { validateCertRequest } from '../validate/cert.js';
import { bodyObject, clustersOf, findCluster, ok, queryFlag } from './common.js';

function view(ctx: Ctx): { errorStatus: boolean; detail: boolean } {
  return { errorStatus: (ctx.query.get('errorStatus') ?? '') !== '', detail: queryFlag(ctx, 'detail') };
}

export function showCluster(ctx: Ctx): Reply {
  return ok(renderCluster(ctx.world, findCluster(ctx), ctx.now, view(ctx)));
}

export function listClusters(ctx: Ctx): Reply {
  const v = view(ctx);
  let items = clustersOf(ctx).map((c) => renderCluster(ctx.world, c, ctx.now, v));
  if (ctx.autopilot) {
    const status = ctx.query.get('status');
    const type = ctx.query.get('type');
    const version = ctx.query.get('version');
    if (status) items = items.filter((c) => str(c, 'status', 'phase') === status);
    if (type) items = items.filter((c) => str(c, 'spec', 'type') === type);
    if (version) items = items.filter((c) => str(c, 'spec', 'version')?.startsWith(version));
  }
  return ok({ kind: 'Cluster', apiVersion: 'v3', items });
}

export function updateCluster(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const current = renderCluster(ctx.world, c, ctx.now);
  const body = ctx.autopilot ? validateUpdateAutopilotCluster(raw, current) : validateUpdateCluster(raw, current);
  requireAvailable(c, 'update');
  const description = str(body, 'spec', 'description');
  if (description !== undefined) c.spec.description = description;
  if (ctx.autopilot) {
    const alias = str(body, 'metadata', 'alias');
    if (alias) {
      const taken = Object.values(ctx.world.state.clusters).some((o) => o.uid !== c.uid && (o.name === alias || o.alias === alias));
      if (taken) throw new CceError('exists', `cluster alias ${alias} already exists`);
      c.alias = alias;
    }
    const subnets = get(body, 'spec', 'eniNetwork', 'subnets');
    if (Array.isArray(subnets)) {
      const wanted = subnets.filter(isObject).map((s) => String(s.subnetID));
      const current = get(c.spec, 'eniNetwork', 'subnets');
      const existing = Array.isArray(current) ? current.filter(isObject).map((s) => String(s.subnetID)) : [];
      const missing = existing.find((id) => !wanted.includes(id));
      if (missing) throw new CceError('invalid', `spec.eniNetwork.subnets: existing subnet ${missing} cannot be removed`);
      c.spec.eniNetwork = { subnets: wanted.map((subnetID) => ({ subnetID })) };
    }
  }
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok(renderCluster(ctx.world, c, ctx.now));
}

export function hibernateCluster(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  requireAvailable(c, 'hibernate');
  ctx.world.begin('clusters', c, 'hibernate', ctx.now, ctx.jobFailure);
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok();
}

export function awakeCluster(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const phase = clusterPhase(c);
  if (c.op) throw new CceError('locked', `cluster ${c.uid} is ${phase}; awake must wait`);
  if (phase !== 'Hibernation') throw new CceError('invalid', `cluster ${c.uid} is ${phase}; awake is only allowed in Hibernation`);
  ctx.world.begin('clusters', c, 'awake', ctx.now, ctx.jobFailure);
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok();
}

/** GET (seed 003) or POST `{duration}` (public cloud and Autopilot) .../clustercert → kubeconfig. */
export function clusterCert(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  if (ctx.method === 'POST') validateCertRequest(bodyObject(ctx));
  if (c.op?.kind === 'create') throw new CceError('locked', `cluster ${c.uid} is Creating; its certificate is not ready`);
  const pem = (what: string): string =>
    Buffer.from(`-----BEGIN ${what}-----\nU0lNVUxBVEVE${c.uid.replace(/-/g, '')}\n-----END ${what}-----\n`).toString('base64');
  const server = endpointOf(c);
  // With an EIP bound, CCE's kubeconfig also names the public address (cluster externalCluster, context external).
  const external = publicEndpointOf(c);
  const kubeconfig: JsonObject = {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [
      { name: 'internalCluster', cluster: { server, 'certificate-authority-data': pem('CERTIFICATE') } },
      ...(external ? [{ name: 'externalCluster', cluster: { server: external, 'insecure-skip-tls-verify': true } }] : []),
    ],
    users: [{ name: 'user', user: { 'client-certificate-data': pem('CERTIFICATE'), 'client-key-data': pem('RSA PRIVATE KEY') } }],
    contexts: [
      { name: 'internal', context: { cluster: 'internalCluster', user: 'user' } },
      ...(external ? [{ name: 'external', context: { cluster: 'externalCluster', user: 'user' } }] : []),
    ],
    'current-context': 'internal',
  };
  return ok(kubeconfig, 200, ctx.autopilot ? { 'Port-ID': c.uid } : undefined);
}
