/**
 * Cluster upgrade: the UpgradeTask model [004 §4.3] (standard CCE serves it under `/api/v3/.../operation/...`).
 * Task ids: upgrade/pre-check/post-check in `metadata.uid`; snapshot in top-level `uid`.
 */
import type { JsonObject, ObjectMeta } from './common.js';

export type UpgradeTaskPhase = 'Init' | 'Queuing' | 'Running' | 'Pause' | 'Success' | 'Failed';
export type PreCheckPhase = 'Init' | 'Running' | 'Success' | 'Failed' | 'Error';

export interface NodePriority {
  nodeSelector: { key: string; value?: string[]; operator: string };
  priority: number;
}

export interface UpgradeAddonConfig {
  addonTemplateName: string;
  /** Only `patch`. */
  operation: string;
  version: string;
  values?: JsonObject;
}

/** [004 T4-218] */
export interface InPlaceRollingUpdate {
  /** Node upgrade step, 1..40; the API recommends 20. */
  userDefinedStep?: number;
}

/** [004 T4-217] */
export interface UpgradeStrategy {
  /** Only `inPlaceRollingUpdate`. */
  type: 'inPlaceRollingUpdate' | string;
  /**
   * Required when `type` is `inPlaceRollingUpdate` ("指定原地升级策略类型时必选"): the API refuses the upgrade
   * without it. (Typed optional only because responses and other flavours are read through this type too.)
   */
  inPlaceRollingUpdate: InPlaceRollingUpdate;
}

export interface ClusterUpgradeAction {
  targetVersion: string;
  strategy: UpgradeStrategy;
  addons?: UpgradeAddonConfig[];
  nodeOrder?: Record<string, NodePriority[]>;
  nodePoolOrder?: Record<string, number>;
  /** Response only. */
  version?: string;
  targetPlatformVersion?: string;
  config?: JsonObject;
}

export interface UpgradeClusterRequest {
  metadata: { apiVersion: 'v3'; kind: 'UpgradeTask' };
  spec: { clusterUpgradeAction: ClusterUpgradeAction };
}

export interface UpgradeClusterResponse {
  metadata: ObjectMeta;
  spec?: { clusterUpgradeAction?: ClusterUpgradeAction };
}

export interface UpgradeTask {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { version?: string; targetVersion?: string; items?: JsonObject };
  status?: { phase?: UpgradeTaskPhase | string; progress?: string; completionTime?: string };
}

export interface PreCheckItemStatus {
  name?: string;
  kind?: string;
  group?: string;
  level?: string;
  phase?: string;
  message?: string;
  riskSource?: JsonObject;
  errorCodes?: string[];
}

export interface PreCheckRequest {
  apiVersion: 'v3';
  kind: 'PreCheckTask';
  spec: {
    clusterID?: string;
    clusterVersion?: string;
    targetVersion?: string;
    skippedCheckItemList?: Array<{ name?: string; resourceSelector?: { key: string; values?: string[]; operator: string } }>;
  };
}

export interface PreCheckTask {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMeta;
  spec?: PreCheckRequest['spec'];
  status?: {
    phase?: PreCheckPhase | string;
    expireTimeStamp?: string;
    message?: string;
    clusterCheckStatus?: { phase?: string; itemsStatus?: PreCheckItemStatus[] };
    addonCheckStatus?: { phase?: string; itemsStatus?: PreCheckItemStatus[] };
    nodeCheckStatus?: { phase?: string; nodeStageStatus?: JsonObject[] };
  };
}

export interface PostCheckRequest {
  apiVersion: 'v3';
  kind: 'PostCheckTask' | string;
  spec: { clusterID?: string; clusterVersion?: string; targetVersion?: string };
}

export interface PostCheckTask {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMeta;
  spec?: PostCheckRequest['spec'];
  status?: { phase?: 'Success' | 'Failed' | 'Error' | string };
}

export interface SnapshotResponse {
  uid: string;
  metadata?: { kind?: string; apiVersion?: string };
}

export interface SnapshotTask {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMeta;
  spec?: { items?: JsonObject[] };
  status?: { phase?: string; progress?: string; completionTime?: string };
}

export interface SnapshotTaskList {
  kind?: string;
  apiVersion?: string;
  items: SnapshotTask[];
  status?: { latestBackupTime?: string };
}

export interface UpgradeInfo {
  kind?: string;
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: {
    lastUpgradeInfo?: { phase?: string; progress?: string; completionTime?: string };
    versionInfo?: { release?: string; patch?: string; suggestPatch?: string; targetVersions?: string[] };
    upgradeFeatureGates?: JsonObject;
  };
  status?: { phase?: string; progress?: string; completionTime?: string };
}

/** [004 T4-325] `version` is `v1.21`-style for v1.21 and later; `targetVersions` may hold patches of the same minor. */
export interface UpgradePath {
  version?: string;
  platformVersion?: string;
  targetVersions?: string[];
}

/** [004 T4-323] `upgradePaths`; one of the seed's examples names the array `items`. */
export interface UpgradePaths {
  kind?: string;
  apiVersion?: string;
  metadata?: ObjectMeta;
  upgradePaths?: UpgradePath[];
  items?: UpgradePath[];
}

export interface UpgradeWorkflowRequest {
  kind: 'WorkFlowTask';
  apiVersion: 'v3';
  spec: { clusterID?: string; clusterVersion?: string; targetVersion: string };
}

export interface UpgradeWorkflow {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMeta;
  spec?: UpgradeWorkflowRequest['spec'];
  status?: {
    phase?: 'Init' | 'Running' | 'Pending' | 'Success' | 'Cancel' | string;
    pointStatuses?: JsonObject[];
    lineStatuses?: JsonObject[];
  };
}
