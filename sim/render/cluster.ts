/** Cluster objects as GET/list/create/delete render them (standard and Autopilot). */
import type { ClusterRec } from '../state.js';
import type { World } from '../world.js';
import { clone, type JsonObject } from '../json.js';
import { goTime } from '../time.js';
import { clusterPhase } from '../lifecycle/cluster.js';
import { addonStatus } from '../lifecycle/addon.js';
import { nodePhase } from '../lifecycle/node.js';

export interface ClusterView {
  /** `errorStatus` query given: show `Error` as is (standard CCE otherwise reports `Error` as `Deleting`). */
  errorStatus?: boolean;
  detail?: boolean;
  /** Include `status.jobID` (create and delete responses). */
  jobID?: string;
  /** The phase to show instead of the current one (delete response shows the phase before deletion). */
  phase?: string;
  /**
   * Create response: Autopilot shows `jobid`/`resourceJobId` annotations and no alias; standard echoes the
   * request's annotations [003 T4-22] (they are not persisted).
   */
  createResponse?: { resourceJobId: string; annotations: Record<string, string> };
  deleteStatus?: JsonObject;
}

/** The availability zone Autopilot GET/list report (the simulator models no regions). */
export const SIMULATED_AZ = 'az1.dc1';

export function endpointOf(c: ClusterRec): string {
  const n = parseInt(c.uid.replace(/-/g, '').slice(0, 4), 16) % 250;
  return `https://192.168.${n}.11:5443`;
}

/** The API server's public address while an EIP is bound to it (PUT .../mastereip). */
export function publicEndpointOf(c: ClusterRec): string | undefined {
  return c.masterEip ? `https://${c.masterEip.ip}:5443` : undefined;
}

export function renderCluster(world: World, c: ClusterRec, now: number, view: ClusterView = {}): JsonObject {
  let phase = view.phase ?? clusterPhase(c);
  if (phase === 'Error' && !c.autopilot && !view.errorStatus) phase = 'Deleting';
  const metadata: JsonObject = {
    name: c.name,
    uid: c.uid,
    creationTimestamp: goTime(c.createdAt),
    updateTimestamp: goTime(c.updatedAt),
  };
  const annotations: Record<string, string> = {};
  if (c.autopilot) {
    if (view.createResponse) {
      annotations.jobid = view.jobID ?? '';
      annotations.resourceJobId = view.createResponse.resourceJobId;
    } else {
      metadata.alias = c.alias ?? c.name;
      annotations.enableAutopilot = 'true';
    }
    metadata.labels = { FeatureGates: 'elbv3,' };
  } else {
    if (Object.keys(c.labels).length > 0) metadata.labels = { ...c.labels };
    if (view.createResponse) Object.assign(annotations, view.createResponse.annotations);
  }
  if (view.detail) Object.assign(annotations, detailAnnotations(world, c, now));
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const spec = clone(c.spec);
  if (c.tags.length > 0 || c.autopilot) spec.clusterTags = c.tags.map((t) => ({ key: t.key, value: t.value }));
  // Autopilot `az` is a query-only field [004 T4-5 "仅查询返回字段"]: not in the create response.
  if (c.autopilot && !view.createResponse) spec.az = SIMULATED_AZ;
  const status: JsonObject = { phase };
  if (view.jobID) status.jobID = view.jobID;
  if (c.reason && phase !== 'Available') status.reason = c.reason;
  if (c.message && phase !== 'Available') status.message = c.message;
  if (phase !== 'Creating') {
    const external = publicEndpointOf(c);
    status.endpoints = [{ url: endpointOf(c), type: 'Internal' }, ...(external ? [{ url: external, type: 'External' }] : [])];
  }
  if (view.deleteStatus) Object.assign(status, view.deleteStatus);
  return { kind: 'Cluster', apiVersion: 'v3', metadata, spec, status };
}

function detailAnnotations(world: World, c: ClusterRec, now: number): Record<string, string> {
  const addons = Object.values(world.state.addons).filter((a) => a.clusterId === c.uid);
  if (c.autopilot) {
    return {
      installedAddonInstances: JSON.stringify(
        addons.map((a) => ({ addonTemplateName: a.templateName, version: a.version, status: addonStatus(a) })),
      ),
    };
  }
  const nodes = Object.values(world.state.nodes).filter((n) => n.clusterId === c.uid);
  return {
    totalNodesNumber: String(nodes.length),
    activeNodesNumber: String(nodes.filter((n) => nodePhase(n, now) === 'Active').length),
    totalNodesCPU: String(nodes.length * 4),
    totalNodesMemory: String(nodes.length * 8192),
    installedAddonInstances: String(addons.length),
  };
}
