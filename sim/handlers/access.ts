/**
 * The API server's access addresses and public EIP (seed 004 §4.1.8-§4.1.9; the public cloud's standard API has the
 * same): GET .../openapi answers the private and public endpoints (`publicEndpoint` `""` while none is bound);
 * PUT .../mastereip binds (answers the EIP and endpoints) or unbinds (no body). Only while the cluster is Available;
 * binding while another EIP is bound is refused (unbind first); unbinding when none is bound changes nothing.
 */
import { createHash } from 'node:crypto';
import { CceError } from '../errors.js';
import { str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { ClusterRec } from '../state.js';
import { requireAvailable } from '../lifecycle/cluster.js';
import { endpointOf, publicEndpointOf } from '../render/cluster.js';
import { validateMasterEip } from '../validate/master-eip.js';
import { bodyObject, findCluster, ok } from './common.js';

/** A public-looking address derived from the EIP id (the simulator models no EIP service). */
function eipAddress(id: string): string {
  const h = createHash('sha256').update(id).digest();
  return `121.36.${(h[0] as number) % 250}.${((h[1] as number) % 250) + 1}`;
}

function endpoints(c: ClusterRec): { privateEndpoint: string; publicEndpoint: string } {
  return { privateEndpoint: endpointOf(c), publicEndpoint: publicEndpointOf(c) ?? '' };
}

export function showClusterEndpoints(ctx: Ctx): Reply {
  const c = findCluster(ctx);
  const eip: JsonObject = c.masterEip
    ? { id: c.masterEip.id, eip: { bandwidth: { size: 5, sharetype: 'PER' } }, IsDynamic: false }
    : { eip: { bandwidth: {} }, IsDynamic: false };
  return ok({ metadata: {}, spec: { spec: eip }, status: endpoints(c) });
}

export function updateClusterEip(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const c = findCluster(ctx);
  const body = validateMasterEip(raw);
  requireAvailable(c, 'binding the API server EIP');
  if (str(body, 'spec', 'action') === 'unbind') {
    if (c.masterEip) {
      delete c.masterEip;
      c.updatedAt = ctx.now;
      ctx.world.touch();
    }
    return ok();
  }
  const id = str(body, 'spec', 'spec', 'id') as string;
  if (c.masterEip && c.masterEip.id !== id)
    throw new CceError('invalid', `spec.spec.id: cluster ${c.uid} already has EIP ${c.masterEip.id} bound; unbind it first`);
  c.masterEip = { id, ip: eipAddress(id) };
  c.updatedAt = ctx.now;
  ctx.world.touch();
  return ok({
    metadata: {},
    spec: { action: 'bind', spec: { id, eip: { bandwidth: { size: 5, sharetype: 'PER' } }, IsDynamic: false }, elasticip: c.masterEip.ip },
    status: endpoints(c),
  });
}
