/** The route table: every CCE path the simulator serves, with the SDK's operation names. */
import type { Handler, Route } from './context.js';
import type { Family } from './errors.js';
import { createCluster } from './handlers/clusters-create.js';
import { deleteCluster } from './handlers/clusters-delete.js';
import { awakeCluster, clusterCert, hibernateCluster, listClusters, showCluster, updateCluster } from './handlers/clusters.js';
import { showJob } from './handlers/jobs.js';
import { createNodePool, deleteNodePool, listNodePools, showNodePool, updateNodePool } from './handlers/nodepools.js';
import { deleteNode, listNodes, showNode } from './handlers/nodes.js';
import { createAddon, deleteAddon, listAddons, rollbackAddon, showAddon, updateAddon } from './handlers/addons.js';
import { listTemplates } from './handlers/templates.js';
import { listUpgradeTasks, retryUpgrade, showUpgradeTask, upgradeCluster } from './handlers/upgrade.js';
import {
  createPostCheck,
  createPreCheck,
  createSnapshot,
  listPreChecks,
  listSnapshots,
  listUpgradePaths,
  showPreCheck,
  showUpgradeInfo,
} from './handlers/upgrade-checks.js';
import { batchCreateTags, batchDeleteTags, showQuotas } from './handlers/quotas-tags.js';
import { showClusterEndpoints, updateClusterEip } from './handlers/access.js';
import type { CloudStack } from './world.js';

type Row = [method: string, path: string, operation: string, handler: Handler];

/** Routes shared by standard CCE and Autopilot, relative to the project prefix; `{A}` marks the Autopilot name. */
const CLUSTER_ROWS: Row[] = [
  ['POST', '/clusters', 'Create{A}Cluster', createCluster],
  ['GET', '/clusters', 'List{A}Clusters', listClusters],
  ['GET', '/clusters/{cluster_id}', 'Show{A}Cluster', showCluster],
  ['PUT', '/clusters/{cluster_id}', 'Update{A}Cluster', updateCluster],
  ['DELETE', '/clusters/{cluster_id}', 'Delete{A}Cluster', deleteCluster],
  ['POST', '/clusters/{cluster_id}/clustercert', 'Create{A}KubernetesClusterCert', clusterCert],
  ['GET', '/jobs/{job_id}', 'Show{A}Job', showJob],
  ['GET', '/quotas', 'Show{A}Quotas', showQuotas],
  ['POST', '/clusters/{cluster_id}/tags/create', 'BatchCreate{A}ClusterTags', batchCreateTags],
  ['POST', '/clusters/{cluster_id}/tags/delete', 'BatchDelete{A}ClusterTags', batchDeleteTags],
  ['POST', '/clusters/{cluster_id}/operation/upgrade', 'Upgrade{A}Cluster', upgradeCluster],
  ['GET', '/clusters/{cluster_id}/operation/upgrade/tasks', 'List{A}UpgradeClusterTasks', listUpgradeTasks],
  ['GET', '/clusters/{cluster_id}/operation/upgrade/tasks/{task_id}', 'Show{A}UpgradeClusterTask', showUpgradeTask],
  ['POST', '/clusters/{cluster_id}/operation/upgrade/retry', 'Retry{A}UpgradeClusterTask', retryUpgrade],
  ['POST', '/clusters/{cluster_id}/operation/precheck', 'Create{A}PreCheck', createPreCheck],
  ['GET', '/clusters/{cluster_id}/operation/precheck/tasks', 'List{A}PreCheckTasks', listPreChecks],
  ['GET', '/clusters/{cluster_id}/operation/precheck/tasks/{task_id}', 'Show{A}PreCheck', showPreCheck],
  ['POST', '/clusters/{cluster_id}/operation/postcheck', 'Create{A}PostCheck', createPostCheck],
  ['GET', '/clusters/{cluster_id}/upgradeinfo', 'Show{A}ClusterUpgradeInfo', showUpgradeInfo],
  ['GET', '/clusters/{cluster_id}/openapi', 'Show{A}ClusterEndpoints', showClusterEndpoints],
  ['PUT', '/clusters/{cluster_id}/mastereip', 'Update{A}ClusterEip', updateClusterEip],
];

const SNAPSHOT_ROWS: Row[] = [
  ['POST', '/clusters/{cluster_id}/operation/snapshot', 'Create{A}ClusterMasterSnapshot', createSnapshot],
  ['GET', '/clusters/{cluster_id}/operation/snapshot/tasks', 'List{A}ClusterMasterSnapshotTasks', listSnapshots],
];

const STANDARD_ONLY: Row[] = [
  ['GET', '/clusters/{cluster_id}/clustercert', 'ShowClusterCert', clusterCert],
  ['POST', '/clusters/{cluster_id}/operation/hibernate', 'HibernateCluster', hibernateCluster],
  ['POST', '/clusters/{cluster_id}/operation/awake', 'AwakeCluster', awakeCluster],
  ['POST', '/clusters/{cluster_id}/nodepools', 'CreateNodePool', createNodePool],
  ['GET', '/clusters/{cluster_id}/nodepools', 'ListNodePools', listNodePools],
  ['GET', '/clusters/{cluster_id}/nodepools/{nodepool_id}', 'ShowNodePool', showNodePool],
  ['PUT', '/clusters/{cluster_id}/nodepools/{nodepool_id}', 'UpdateNodePool', updateNodePool],
  ['DELETE', '/clusters/{cluster_id}/nodepools/{nodepool_id}', 'DeleteNodePool', deleteNodePool],
  ['GET', '/clusters/{cluster_id}/nodes', 'ListNodes', listNodes],
  ['GET', '/clusters/{cluster_id}/nodes/{node_id}', 'ShowNode', showNode],
  ['DELETE', '/clusters/{cluster_id}/nodes/{node_id}', 'DeleteNode', deleteNode],
];

const ADDON_ROWS: Row[] = [
  ['GET', '/addontemplates', 'List{A}AddonTemplates', listTemplates],
  ['POST', '/addons', 'Create{A}AddonInstance', createAddon],
  ['GET', '/addons', 'List{A}AddonInstances', listAddons],
  ['GET', '/addons/{id}', 'Show{A}AddonInstance', showAddon],
  ['PUT', '/addons/{id}', 'Update{A}AddonInstance', updateAddon],
  ['DELETE', '/addons/{id}', 'Delete{A}AddonInstance', deleteAddon],
];

function build(rows: Row[], prefix: string, family: Family, autopilot: boolean): Route[] {
  return rows.map(([method, path, operation, handler]) => ({
    method,
    pattern: prefix + path,
    operation: operation.replace('{A}', autopilot ? 'Autopilot' : ''),
    family,
    autopilot,
    handler,
  }));
}

/**
 * What a Huawei Cloud Stack 8.1.1 endpoint serves: the operations seed 003 documents (standard CCE only: no upgrade,
 * tag, POST clustercert, snapshot, master EIP or Autopilot API). Every other path is the gateway's 404 APIGW.0101.
 */
const SEED_003_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateCluster',
  'ListClusters',
  'ShowCluster',
  'UpdateCluster',
  'DeleteCluster',
  'HibernateCluster',
  'AwakeCluster',
  'ShowClusterCert',
  'ShowJob',
  'CreateNodePool',
  'ListNodePools',
  'ShowNodePool',
  'UpdateNodePool',
  'DeleteNodePool',
  'ListNodes',
  'ShowNode',
  'DeleteNode',
  'ShowQuotas',
  'ListAddonTemplates',
  'CreateAddonInstance',
  'ListAddonInstances',
  'ShowAddonInstance',
  'UpdateAddonInstance',
  'DeleteAddonInstance',
]);

/** The routes of the cloud `stack` plays (default: the public cloud, every route). */
export function allRoutes(stack: CloudStack = 'public'): Route[] {
  const routes = everyRoute();
  return stack === 'public' ? routes : routes.filter((r) => !r.autopilot && SEED_003_OPERATIONS.has(r.operation));
}

function everyRoute(): Route[] {
  return [
    ...build([...CLUSTER_ROWS, ...STANDARD_ONLY], '/api/v3/projects/{project_id}', 'standard', false),
    ...build(SNAPSHOT_ROWS, '/api/v3.1/projects/{project_id}', 'standard', false),
    ...build(SNAPSHOT_ROWS, '/api/v3/projects/{project_id}', 'standard', false),
    ...build([['GET', '/clusterupgradepaths', 'ListClusterUpgradePaths', listUpgradePaths]], '/api/v3', 'standard', false),
    ...build(ADDON_ROWS, '/api/v3', 'addon', false),
    ...build(CLUSTER_ROWS, '/autopilot/v3/projects/{project_id}', 'autopilot', true),
    ...build(SNAPSHOT_ROWS, '/autopilot/v3.1/projects/{project_id}', 'autopilot', true),
    ...build([['GET', '/clusterupgradepaths', 'ListAutopilotClusterUpgradePaths', listUpgradePaths]], '/autopilot/v3', 'autopilot', true),
    ...build(ADDON_ROWS, '/autopilot/v3', 'apAddon', true),
    ...build(
      [['POST', '/addons/{id}/operation/rollback', 'RollbackAutopilotAddonInstance', rollbackAddon]],
      '/autopilot/v3',
      'apAddon',
      true,
    ),
  ];
}
