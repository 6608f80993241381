/** Cluster tags: batch add/overwrite and batch delete (both documented idempotent; 204 No Content). */
import { write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ResourceTag } from './models/common.js';

export class ClusterTagApi {
  constructor(private readonly ctx: ApiContext) {}

  /** Adds tags; an existing key gets the new value. At most 20 tags per cluster. */
  async add(clusterId: string, tags: ResourceTag[], opts?: CallOptions): Promise<Mutation<unknown>> {
    const body = { tags: tags.map((t) => ({ key: t.key, value: t.value ?? '' })) };
    return write(this.ctx, {
      operation: 'BatchCreateClusterTags',
      method: 'POST',
      path: this.ctx.paths.tags(clusterId, 'create'),
      body,
      idempotent: true,
      opts,
    });
  }

  /** Deletes tags by key; missing keys are fine. */
  async remove(clusterId: string, keys: string[], opts?: CallOptions): Promise<Mutation<unknown>> {
    const body = { tags: keys.map((key) => ({ key })) };
    return write(this.ctx, {
      operation: 'BatchDeleteClusterTags',
      method: 'POST',
      path: this.ctx.paths.tags(clusterId, 'delete'),
      body,
      idempotent: true,
      opts,
    });
  }
}
