/** Clusters: create, get, list, update, delete (with its query options), hibernate, awake, certificate. */
import { boolQuery, read, requireFlavor, write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ListOf } from './models/common.js';
import type {
  Cluster,
  CreateClusterRequest,
  DeleteClusterOptions,
  GetClusterOptions,
  ListClustersOptions,
  UpdateClusterRequest,
} from './models/cluster.js';
import type { ClusterCert, ClusterCertOptions } from './models/kubeconfig.js';

export class ClusterApi {
  constructor(private readonly ctx: ApiContext) {}

  /** 201 + `status.jobID` (Autopilot also `metadata.annotations.jobid`); not repeated on an unknown outcome. */
  async create(body: CreateClusterRequest, opts?: CallOptions): Promise<Mutation<Cluster>> {
    if (body.metadata?.name) this.ctx.lookups.created('clusters', body.metadata.name);
    return write(this.ctx, { operation: 'CreateCluster', method: 'POST', path: this.ctx.paths.clusters(), body, opts });
  }

  async get(clusterId: string, q: GetClusterOptions = {}, opts?: CallOptions): Promise<Cluster> {
    const query = { detail: boolQuery(q.detail), errorStatus: q.errorStatus };
    return read(this.ctx, { operation: 'ShowCluster', method: 'GET', path: this.ctx.paths.cluster(clusterId), query, opts });
  }

  async list(q: ListClustersOptions = {}, opts?: CallOptions): Promise<ListOf<Cluster>> {
    const query = { detail: boolQuery(q.detail), status: q.status, type: q.type, version: q.version };
    return read(this.ctx, { operation: 'ListClusters', method: 'GET', path: this.ctx.paths.clusters(), query, opts });
  }

  /**
   * Names are unique per project: the way to resolve an `OutcomeUnknownError` from `create`. The list is shared by
   * concurrent and recent lookups (shared-lookups.ts), never one older than this client's last create of `name`.
   */
  async findByName(name: string, opts?: CallOptions): Promise<Cluster | undefined> {
    const items = await this.ctx.lookups.get('clusters', name, async () => (await this.list({}, opts)).items ?? []);
    return items.find((c) => c.metadata?.name === name);
  }

  async update(clusterId: string, body: UpdateClusterRequest, opts?: CallOptions): Promise<Mutation<Cluster>> {
    return write(this.ctx, { operation: 'UpdateCluster', method: 'PUT', path: this.ctx.paths.cluster(clusterId), body, opts });
  }

  /** 200 + the cluster with `status.jobID` of the delete job. Options go to the query string as given. */
  async delete(clusterId: string, options: DeleteClusterOptions = {}, opts?: CallOptions): Promise<Mutation<Cluster>> {
    const query = { ...options } as Record<string, string | undefined>;
    return write(this.ctx, { operation: 'DeleteCluster', method: 'DELETE', path: this.ctx.paths.cluster(clusterId), query, opts });
  }

  /** Standard only. No body either way; poll the cluster until `Hibernation`. Idempotent in effect. */
  async hibernate(clusterId: string, opts?: CallOptions): Promise<Mutation<unknown>> {
    requireFlavor(this.ctx, 'standard', 'HibernateCluster');
    return write(this.ctx, {
      operation: 'HibernateCluster',
      method: 'POST',
      path: this.ctx.paths.clusterOp(clusterId, 'hibernate'),
      idempotent: true,
      opts,
    });
  }

  /** Standard only. Poll the cluster until `Available`. */
  async awake(clusterId: string, opts?: CallOptions): Promise<Mutation<unknown>> {
    requireFlavor(this.ctx, 'standard', 'AwakeCluster');
    return write(this.ctx, {
      operation: 'AwakeCluster',
      method: 'POST',
      path: this.ctx.paths.clusterOp(clusterId, 'awake'),
      idempotent: true,
      opts,
    });
  }

  /**
   * The kubeconfig (a secret: never log it). Standard: `GET .../clustercert` [003 §4.1.8], or `POST {duration}` when
   * a duration is given; Autopilot: `POST .../clustercert {duration}` [004 §4.1.6] (default 30 days).
   */
  async getCert(clusterId: string, certOpts: ClusterCertOptions = {}, opts?: CallOptions): Promise<ClusterCert> {
    const path = this.ctx.paths.clusterCert(clusterId);
    if (this.ctx.flavor === 'standard' && certOpts.duration === undefined) {
      return read(this.ctx, { operation: 'ShowClusterCert', method: 'GET', path, opts });
    }
    const body = { duration: certOpts.duration ?? 30 };
    return read(this.ctx, { operation: 'CreateKubernetesClusterCert', method: 'POST', path, body, idempotent: true, opts });
  }
}
