/** Node pools (standard CCE only): create, get, list, update, delete. */
import { boolQuery, read, requireFlavor, write, type ApiContext, type CallOptions, type InvokeSpec, type Mutation } from './api-context.js';
import type { ListOf } from './models/common.js';
import type { CreateNodePoolRequest, ListNodePoolsOptions, NodePool, UpdateNodePoolRequest } from './models/nodepool.js';

export class NodePoolApi {
  constructor(private readonly ctx: ApiContext) {}

  private check(operation: string): void {
    requireFlavor(this.ctx, 'standard', operation);
  }

  /** The scope of a cluster's pools in the shared lists (lookups and observations). */
  private scope(clusterId: string): string {
    return `nodepools/${clusterId}`;
  }

  /** A change to pool `id` (undefined for a create: the id it answers with), recorded for shared observations. */
  private change(clusterId: string, id: string | undefined, spec: InvokeSpec): Promise<Mutation<NodePool>> {
    return this.ctx.lookups.mutation(
      this.scope(clusterId),
      id,
      () => write<NodePool>(this.ctx, spec),
      (m) => (id ? undefined : m.body?.metadata?.uid),
    );
  }

  /** 201, no job id: follow `status.phase` (empty = normal) and `status.currentNode`. */
  async create(clusterId: string, body: CreateNodePoolRequest, opts?: CallOptions): Promise<Mutation<NodePool>> {
    this.check('CreateNodePool');
    if (body.metadata?.name) this.ctx.lookups.created(this.scope(clusterId), body.metadata.name);
    return this.change(clusterId, undefined, {
      operation: 'CreateNodePool',
      method: 'POST',
      path: this.ctx.paths.nodePools(clusterId),
      body,
      opts,
    });
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

  /**
   * The pool as a list of its cluster shows it, when a list may serve (shared-lookups.ts `observe`: recent, started
   * after this process's last change to the pool was answered); undefined when it may not or the pool is not in it,
   * so the caller GETs it (a shared list never says a pool is gone).
   */
  async observeShared(clusterId: string, nodePoolId: string, opts?: CallOptions): Promise<NodePool | undefined> {
    const items = this.ctx.lookups.observe(
      this.scope(clusterId),
      nodePoolId,
      async () => (await this.list(clusterId, {}, opts)).items ?? [],
    );
    return (await items)?.find((p) => p.metadata?.uid === nodePoolId);
  }

  /** Names are unique per cluster: resolves an `OutcomeUnknownError` from `create`. */
  async findByName(clusterId: string, name: string, opts?: CallOptions): Promise<NodePool | undefined> {
    const items = await this.ctx.lookups.get(this.scope(clusterId), name, async () => (await this.list(clusterId, {}, opts)).items ?? []);
    return items.find((p) => p.metadata?.name === name);
  }

  async update(clusterId: string, nodePoolId: string, body: UpdateNodePoolRequest, opts?: CallOptions): Promise<Mutation<NodePool>> {
    this.check('UpdateNodePool');
    return this.change(clusterId, nodePoolId, {
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
    return this.change(clusterId, nodePoolId, {
      operation: 'DeleteNodePool',
      method: 'DELETE',
      path: this.ctx.paths.nodePool(clusterId, nodePoolId),
      opts,
    });
  }
}
