/** Nodes (standard CCE only): create, list, get, delete. */
import { read, requireFlavor, write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ListOf } from './models/common.js';
import type { CreateNodeRequest, DeleteNodeOptions, Node } from './models/node.js';

export class NodeApi {
  constructor(private readonly ctx: ApiContext) {}

  private check(operation: string): void {
    requireFlavor(this.ctx, 'standard', operation);
  }

  /** 201 + `status.jobID` for the whole batch of `spec.count` nodes. */
  async create(clusterId: string, body: CreateNodeRequest, opts?: CallOptions): Promise<Mutation<Node>> {
    this.check('CreateNode');
    return write(this.ctx, { operation: 'CreateNode', method: 'POST', path: this.ctx.paths.nodes(clusterId), body, opts });
  }

  async list(clusterId: string, opts?: CallOptions): Promise<ListOf<Node>> {
    this.check('ListNodes');
    return read(this.ctx, { operation: 'ListNodes', method: 'GET', path: this.ctx.paths.nodes(clusterId), opts });
  }

  /**
   * The cluster's nodes for a status summary: one list serves every caller in the same cluster that starts while it
   * is in flight or within the lookup share period (shared-lookups.ts), so a cluster's pools observed together list
   * its nodes once. Never for a decision that must see a node just created: use `list`.
   */
  async listShared(clusterId: string, opts?: CallOptions): Promise<Node[]> {
    return this.ctx.lookups.get(`nodes/${clusterId}`, '', async () => (await this.list(clusterId, opts)).items ?? []);
  }

  async get(clusterId: string, nodeId: string, opts?: CallOptions): Promise<Node> {
    this.check('ShowNode');
    return read(this.ctx, { operation: 'ShowNode', method: 'GET', path: this.ctx.paths.node(clusterId, nodeId), opts });
  }

  /** 200 + `status.jobID`. */
  async delete(clusterId: string, nodeId: string, q: DeleteNodeOptions = {}, opts?: CallOptions): Promise<Mutation<Node>> {
    this.check('DeleteNode');
    const query = { nodepoolScaleDown: q.nodepoolScaleDown };
    return write(this.ctx, { operation: 'DeleteNode', method: 'DELETE', path: this.ctx.paths.node(clusterId, nodeId), query, opts });
  }
}
