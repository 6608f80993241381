/**
 * Cluster upgrade, the UpgradeTask model [004 §4.3]: pre-check → snapshot (backup) → upgrade → post-check, with
 * task get/list, retry of a failed task, upgrade info/paths and guided workflows. Standard CCE serves the same
 * model under `/api/v3/projects/{project_id}/clusters/{cluster_id}/operation/...`.
 */
import { read, write, type ApiContext, type CallOptions, type Mutation } from './api-context.js';
import type { ListOf } from './models/common.js';
import type {
  ClusterUpgradeAction,
  PostCheckRequest,
  PostCheckTask,
  PreCheckRequest,
  PreCheckTask,
  SnapshotResponse,
  SnapshotTaskList,
  UpgradeClusterResponse,
  UpgradeInfo,
  UpgradePaths,
  UpgradeTask,
  UpgradeWorkflow,
} from './models/upgrade.js';

export class UpgradeApi {
  constructor(private readonly ctx: ApiContext) {}

  /** Starts the upgrade; the task id (`body.metadata.uid`) is returned as `taskId`. */
  async upgrade(
    clusterId: string,
    action: ClusterUpgradeAction,
    opts?: CallOptions,
  ): Promise<Mutation<UpgradeClusterResponse> & { taskId: string | undefined }> {
    const body = { metadata: { apiVersion: 'v3', kind: 'UpgradeTask' }, spec: { clusterUpgradeAction: action } };
    const m = await write<UpgradeClusterResponse>(this.ctx, {
      operation: 'UpgradeCluster',
      method: 'POST',
      path: this.ctx.paths.clusterOp(clusterId, 'upgrade'),
      body,
      opts,
    });
    return { ...m, taskId: m.body?.metadata?.uid };
  }

  async getTask(clusterId: string, taskId: string, opts?: CallOptions): Promise<UpgradeTask> {
    return read(this.ctx, {
      operation: 'ShowUpgradeClusterTask',
      method: 'GET',
      path: this.ctx.paths.upgradeTasks(clusterId, taskId),
      opts,
    });
  }

  async listTasks(clusterId: string, opts?: CallOptions): Promise<ListOf<UpgradeTask>> {
    return read(this.ctx, { operation: 'ListUpgradeClusterTasks', method: 'GET', path: this.ctx.paths.upgradeTasks(clusterId), opts });
  }

  /** Re-runs the failed upgrade task; no body in or out. */
  async retry(clusterId: string, opts?: CallOptions): Promise<Mutation<unknown>> {
    return write(this.ctx, {
      operation: 'RetryUpgradeClusterTask',
      method: 'POST',
      path: `${this.ctx.paths.clusterOp(clusterId, 'upgrade')}/retry`,
      opts,
    });
  }

  async preCheck(clusterId: string, spec: PreCheckRequest['spec'], opts?: CallOptions): Promise<Mutation<PreCheckTask>> {
    const body: PreCheckRequest = { apiVersion: 'v3', kind: 'PreCheckTask', spec };
    return write(this.ctx, {
      operation: 'CreatePreCheck',
      method: 'POST',
      path: this.ctx.paths.clusterOp(clusterId, 'precheck'),
      body,
      opts,
    });
  }

  async getPreCheck(clusterId: string, taskId: string, opts?: CallOptions): Promise<PreCheckTask> {
    return read(this.ctx, { operation: 'ShowPreCheck', method: 'GET', path: this.ctx.paths.preCheckTasks(clusterId, taskId), opts });
  }

  async listPreChecks(clusterId: string, opts?: CallOptions): Promise<ListOf<PreCheckTask>> {
    return read(this.ctx, { operation: 'ListPreCheckTasks', method: 'GET', path: this.ctx.paths.preCheckTasks(clusterId), opts });
  }

  /** Confirms the cluster after an upgrade; answers with `status.phase` directly. */
  async postCheck(clusterId: string, spec: PostCheckRequest['spec'], opts?: CallOptions): Promise<Mutation<PostCheckTask>> {
    const body: PostCheckRequest = { apiVersion: 'v3', kind: 'PostCheckTask', spec };
    return write(this.ctx, {
      operation: 'CreatePostCheck',
      method: 'POST',
      path: this.ctx.paths.clusterOp(clusterId, 'postcheck'),
      body,
      opts,
    });
  }

  /** Backs up the control plane (API version v3.1); the task id is the top-level `uid`. */
  async snapshot(clusterId: string, opts?: CallOptions): Promise<Mutation<SnapshotResponse>> {
    return write(this.ctx, { operation: 'CreateClusterMasterSnapshot', method: 'POST', path: this.ctx.paths.snapshot(clusterId), opts });
  }

  async listSnapshotTasks(clusterId: string, opts?: CallOptions): Promise<SnapshotTaskList> {
    return read(this.ctx, {
      operation: 'ListClusterMasterSnapshotTasks',
      method: 'GET',
      path: `${this.ctx.paths.snapshot(clusterId)}/tasks`,
      opts,
    });
  }

  async info(clusterId: string, opts?: CallOptions): Promise<UpgradeInfo> {
    return read(this.ctx, { operation: 'ShowClusterUpgradeInfo', method: 'GET', path: this.ctx.paths.upgradeInfo(clusterId), opts });
  }

  /** Every version's upgrade targets [004 §4.3.12]. */
  async paths(opts?: CallOptions): Promise<UpgradePaths> {
    return read(this.ctx, { operation: 'ListClusterUpgradePaths', method: 'GET', path: this.ctx.paths.upgradePaths(), opts });
  }

  async createWorkflow(clusterId: string, targetVersion: string, opts?: CallOptions): Promise<Mutation<UpgradeWorkflow>> {
    const body = { kind: 'WorkFlowTask', apiVersion: 'v3', spec: { targetVersion } };
    return write(this.ctx, {
      operation: 'CreateUpgradeWorkFlow',
      method: 'POST',
      path: this.ctx.paths.upgradeWorkflows(clusterId),
      body,
      opts,
    });
  }

  async listWorkflows(clusterId: string, opts?: CallOptions): Promise<ListOf<UpgradeWorkflow>> {
    return read(this.ctx, { operation: 'ListUpgradeWorkFlows', method: 'GET', path: this.ctx.paths.upgradeWorkflows(clusterId), opts });
  }

  async getWorkflow(clusterId: string, workflowId: string, opts?: CallOptions): Promise<UpgradeWorkflow> {
    return read(this.ctx, {
      operation: 'ShowUpgradeWorkFlow',
      method: 'GET',
      path: this.ctx.paths.upgradeWorkflows(clusterId, workflowId),
      opts,
    });
  }

  /** Only cancelling is supported. */
  async cancelWorkflow(clusterId: string, workflowId: string, opts?: CallOptions): Promise<Mutation<UpgradeWorkflow>> {
    const body = { status: { phase: 'Cancel' } };
    return write(this.ctx, {
      operation: 'UpgradeWorkFlowUpdate',
      method: 'PATCH',
      path: this.ctx.paths.upgradeWorkflows(clusterId, workflowId),
      body,
      idempotent: true,
      opts,
    });
  }
}
