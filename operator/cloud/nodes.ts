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
