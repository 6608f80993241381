/**
 * The simulated cloud: plain JSON-serialisable records (persisted as-is to the state file).
 * Anything time-dependent carries `startedAt`/`durationMs`; phases are derived from the clock at read time
 * (lifecycle/*) and `settle` makes finished transitions permanent.
 */
import type { JsonObject } from './json.js';

/** An asynchronous operation in flight on a resource. */
export interface Op {
  kind: string;
  startedAt: number;
  durationMs: number;
  jobId?: string;
  /** Set by a jobFailure fault: the operation ends in failure with this reason. */
  fail?: string;
  /** Extra data (node ids created by a scale-up, upgrade task id, ...). */
  data?: JsonObject;
}

export interface ClusterRec {
  uid: string;
  projectId: string;
  autopilot: boolean;
  name: string;
  alias?: string;
  labels: Record<string, string>;
  /** Annotations the cluster was created with (only `cluster.install.addons/install` has an effect). */
  installAddons?: string;
  spec: JsonObject;
  /** Settled phase; while `op` runs, the visible phase comes from the op. */
  phase: string;
  reason?: string;
  message?: string;
  lastJobId?: string;
  tags: { key: string; value: string }[];
  /** The EIP bound to the API server (PUT .../mastereip), with its address. */
  masterEip?: { id: string; ip: string };
  createdAt: number;
  updatedAt: number;
  op?: Op;
}

export interface NodePoolRec {
  uid: string;
  clusterId: string;
  name: string;
  spec: JsonObject;
  phase: string;
  createdAt: number;
  updatedAt: number;
  op?: Op;
}

export interface NodeRec {
  uid: string;
  clusterId: string;
  poolId?: string;
  name: string;
  spec: JsonObject;
  serverId: string;
  privateIP: string;
  createdAt: number;
  /** Build until half-way, Installing until ready, then Active. */
  readyAt: number;
  abnormal?: boolean;
  op?: Op;
}

export interface AddonRec {
  uid: string;
  clusterId: string;
  autopilot: boolean;
  templateName: string;
  version: string;
  values: JsonObject;
  status: string;
  reason: string;
  message: string;
  previousVersion?: string;
  isRollbackable: boolean;
  createdAt: number;
  updatedAt: number;
  op?: Op;
}

export interface JobRec {
  uid: string;
  projectId: string;
  type: string;
  clusterUID: string;
  resourceID: string;
  resourceName: string;
  subJobs: { uid: string; type: string; resourceID?: string; resourceName?: string }[];
  startedAt: number;
  durationMs: number;
  fail?: string;
}

/** UpgradeTask, PreCheckTask, PostCheckTask and SnapshotTask share this shape. */
export interface TaskRec {
  uid: string;
  clusterId: string;
  kind: 'UpgradeTask' | 'PreCheckTask' | 'PostCheckTask' | 'SnapshotTask';
  spec: JsonObject;
  startedAt: number;
  durationMs: number;
  createdAt: number;
  fail?: string;
  /** A pre-check failed by the admin knob: its failed check items (name, kind, message). */
  failedItems?: JsonObject[];
}

/** A pre-check item the admin knob (`PUT /_sim/precheck-failures`) makes every new pre-check fail on. */
export interface PreCheckFailure {
  name: string;
  kind?: string;
  message?: string;
}

export interface Quotas {
  cluster: number;
  autopilot_cluster: number;
}

export const DEFAULT_QUOTAS: Quotas = { cluster: 15, autopilot_cluster: 5 };

export interface State {
  clusters: Record<string, ClusterRec>;
  nodePools: Record<string, NodePoolRec>;
  nodes: Record<string, NodeRec>;
  addons: Record<string, AddonRec>;
  jobs: Record<string, JobRec>;
  tasks: Record<string, TaskRec>;
  quotas: Quotas;
  clockOffsetMs: number;
  /** Admin knob: pre-check items every new pre-check fails on, unless its skippedCheckItemList names them. */
  preCheckFailures?: PreCheckFailure[];
}

export function emptyState(): State {
  return {
    clusters: {},
    nodePools: {},
    nodes: {},
    addons: {},
    jobs: {},
    tasks: {},
    quotas: { ...DEFAULT_QUOTAS },
    clockOffsetMs: 0,
  };
}
