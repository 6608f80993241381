/** Node pools (standard CCE only): create, get, list, update, delete. */
import { boolQuery, read, requireFlavor, write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ListOf } from './models/common.js';
import type { CreateNodePoolRequest, ListNodePoolsOptions, NodePool, UpdateNodePoolRequest } from './models/nodepool.js';

export class NodePoolApi {
  constructor(private readonly ctx: ApiContext) {}

  private check(operation: string): void {
    requireFlavor(this.ctx, 'standard', operation);
  }

  /** 201, no job id: follow `status.phase` (empty = normal) and `status.currentNode`. */
  async create(clusterId: string, body: CreateNodePoolRequest, opts?: CallOptions): Promise<Mutation<NodePool>> {
    this.check('CreateNodePool');
    if (body.metadata?.name) this.ctx.lookups.created(`nodepools/${clusterId}`, body.metadata.name);
    return write(this.ctx, { operation: 'CreateNodePool', method: 'POST', path: this.ctx.paths.nodePools(clusterId), body, opts });
  }

  async get(clusterId: string, nodePoolId: string, opts?: CallOptions): Promise<NodePool> {
    this.check('ShowNodePool');
    return read(this.ctx, { operation: 'ShowNodePool', method: 'GET', path: this.ctx.paths.nodePool(clusterId, nodePoolId), opts });
  }

  async list(clusterId: string, q: ListNodePoolsOptions = {}, opts?: CallOptions): Promise<ListOf<NodePool>> {
    this.check('ListNodePools');
    const query = { showDefaultNodePool: boolQuery(q.showDefaultNodePool) };
    return read(this.ctx, { operation: 'ListNodePools', method: 'GET', path: this.ctx.paths.nodePools(clusterId), query, opts });
  }

  /** Names are unique per cluster: resolves an `OutcomeUnknownError` from `create`. */
  async findByName(clusterId: string, name: string, opts?: CallOptions): Promise<NodePool | undefined> {
    const items = await this.ctx.lookups.get(
      `nodepools/${clusterId}`,
      name,
      async () => (await this.list(clusterId, {}, opts)).items ?? [],
    );
    return items.find((p) => p.metadata?.name === name);
  }

  async update(clusterId: string, nodePoolId: string, body: UpdateNodePoolRequest, opts?: CallOptions): Promise<Mutation<NodePool>> {
    this.check('UpdateNodePool');
    return write(this.ctx, {
      operation: 'UpdateNodePool',
      method: 'PUT',
      path: this.ctx.paths.nodePool(clusterId, nodePoolId),
      body,
      opts,
    });
  }

  /** 200 + `status.jobId` (sic) and phase `Deleting`. */
  async delete(clusterId: string, nodePoolId: string, opts?: CallOptions): Promise<Mutation<NodePool>> {
    this.check('DeleteNodePool');
    return write(this.ctx, { operation: 'DeleteNodePool', method: 'DELETE', path: this.ctx.paths.nodePool(clusterId, nodePoolId), opts });
  }
}
