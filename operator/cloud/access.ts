/**
 * The API server's access addresses and its public EIP: `GET .../clusters/{id}/openapi` and
 * `PUT .../clusters/{id}/mastereip` [004 §4.1.8-§4.1.9] (standard CCE: the same paths under `/api/v3`).
 */
import { read, write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ClusterAccess, MasterEipResponse } from './models/access.js';

export class ClusterAccessApi {
  constructor(private readonly ctx: ApiContext) {}

  /** The private and public endpoints (`publicEndpoint` is `""` while no EIP is bound). */
  async endpoints(clusterId: string, opts?: CallOptions): Promise<ClusterAccess> {
    return read(this.ctx, { operation: 'ShowClusterEndpoints', method: 'GET', path: `${this.ctx.paths.cluster(clusterId)}/openapi`, opts });
  }

  /** Binds the EIP `eipId` to the API server; answers the endpoints. Idempotent in effect (PUT). */
  async bindEip(clusterId: string, eipId: string, opts?: CallOptions): Promise<Mutation<MasterEipResponse>> {
    return write(this.ctx, {
      operation: 'UpdateClusterEip',
      method: 'PUT',
      path: `${this.ctx.paths.cluster(clusterId)}/mastereip`,
      body: { spec: { action: 'bind', spec: { id: eipId } } },
      opts,
    });
  }

  /** Unbinds the API server's EIP; no body in the answer. */
  async unbindEip(clusterId: string, opts?: CallOptions): Promise<Mutation<unknown>> {
    return write(this.ctx, {
      operation: 'UpdateClusterEip',
      method: 'PUT',
      path: `${this.ctx.paths.cluster(clusterId)}/mastereip`,
      body: { spec: { action: 'unbind' } },
      opts,
    });
  }
}
