/**
 * Resource paths of both API families. Standard: `/api/v3/projects/{project_id}/...`, add-ons `/api/v3/addons`.
 * Autopilot: the same shapes under `/autopilot/...` [004 §2]. Snapshots use API version `v3.1`.
 */
import { CceApiError, ClientErrorCodes } from './errors.js';
import type { CceFlavor } from './models/common.js';

const seg = (s: string): string => {
  if (typeof s !== 'string' || s === '') {
    throw new CceApiError({
      httpStatus: 0,
      code: ClientErrorCodes.invalidArgument,
      message: 'empty path parameter (an id is missing)',
      operation: 'BuildPath',
    });
  }
  return encodeURIComponent(s);
};

export class CcePaths {
  readonly prefix: string;

  constructor(
    readonly flavor: CceFlavor,
    readonly projectId: string,
  ) {
    this.prefix = flavor === 'autopilot' ? '/autopilot' : '/api';
  }

  project(version = 'v3'): string {
    return `${this.prefix}/${version}/projects/${seg(this.projectId)}`;
  }
  clusters(): string {
    return `${this.project()}/clusters`;
  }
  cluster(clusterId: string, version = 'v3'): string {
    return `${this.project(version)}/clusters/${seg(clusterId)}`;
  }
  clusterOp(clusterId: string, op: string): string {
    return `${this.cluster(clusterId)}/operation/${op}`;
  }
  clusterCert(clusterId: string): string {
    return `${this.cluster(clusterId)}/clustercert`;
  }
  nodePools(clusterId: string): string {
    return `${this.cluster(clusterId)}/nodepools`;
  }
  nodePool(clusterId: string, nodePoolId: string): string {
    return `${this.nodePools(clusterId)}/${seg(nodePoolId)}`;
  }
  nodes(clusterId: string): string {
    return `${this.cluster(clusterId)}/nodes`;
  }
  node(clusterId: string, nodeId: string): string {
    return `${this.nodes(clusterId)}/${seg(nodeId)}`;
  }
  job(jobId: string): string {
    return `${this.project()}/jobs/${seg(jobId)}`;
  }
  quotas(): string {
    return `${this.project()}/quotas`;
  }
  tags(clusterId: string, action: 'create' | 'delete'): string {
    return `${this.cluster(clusterId)}/tags/${action}`;
  }
  upgradeTasks(clusterId: string, taskId?: string): string {
    const base = `${this.clusterOp(clusterId, 'upgrade')}/tasks`;
    return taskId === undefined ? base : `${base}/${seg(taskId)}`;
  }
  preCheckTasks(clusterId: string, taskId?: string): string {
    const base = `${this.clusterOp(clusterId, 'precheck')}/tasks`;
    return taskId === undefined ? base : `${base}/${seg(taskId)}`;
  }
  snapshot(clusterId: string): string {
    return `${this.cluster(clusterId, 'v3.1')}/operation/snapshot`;
  }
  upgradeInfo(clusterId: string): string {
    return `${this.cluster(clusterId)}/upgradeinfo`;
  }
  upgradeWorkflows(clusterId: string, workflowId?: string): string {
    const base = this.clusterOp(clusterId, 'upgradeworkflows');
    return workflowId === undefined ? base : `${base}/${seg(workflowId)}`;
  }
  upgradePaths(): string {
    return `${this.prefix}/v3/clusterupgradepaths`;
  }
  addons(addonId?: string): string {
    const base = `${this.prefix}/v3/addons`;
    return addonId === undefined ? base : `${base}/${seg(addonId)}`;
  }
  addonRollback(addonId: string): string {
    return `${this.addons(addonId)}/operation/rollback`;
  }
  addonTemplates(): string {
    return `${this.prefix}/v3/addontemplates`;
  }
}
