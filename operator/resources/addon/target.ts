/**
 * Where an add-on lives: the referenced CceCluster's cloud coordinates (inherited unless the add-on gives its own),
 * or an unmanaged cluster named by spec.clusterID. Also says why a pass must wait for the cluster. Pure.
 */
import type { CceCluster } from '../cluster/types.js';
import type { CceAddon } from './types.js';

export interface ClusterCoords {
  clusterID: string | undefined;
  autopilot: boolean;
  region: string | undefined;
  projectID: string | undefined;
  endpoint: string | undefined;
  credentialsSecretRef: { name: string } | undefined;
  /** Kubernetes version of the cluster when known (template support check). */
  clusterVersion: string | undefined;
}

export interface Resolved {
  /** Undefined when the referenced CceCluster does not exist. */
  coords: ClusterCoords | undefined;
  /** Why the add-on cannot be worked on yet (cluster missing, not Ready, being deleted). */
  wait: string | undefined;
  /** The referenced CceCluster is gone or being deleted (its cloud deletion takes the add-ons with it). */
  clusterGoing: boolean;
}

function readyCondition(c: CceCluster): { status?: string; reason?: string; message?: string } | undefined {
  return (c.status?.conditions as { type: string; status?: string; reason?: string; message?: string }[] | undefined)?.find((x) => x.type === 'Ready');
}

export function resolveCluster(addon: CceAddon, cluster: CceCluster | undefined): Resolved {
  const s = addon.spec;
  if (!s.clusterRef) {
    const coords: ClusterCoords = {
      clusterID: s.clusterID,
      autopilot: s.autopilot === true,
      region: s.region,
      projectID: s.projectID,
      endpoint: s.endpoint,
      credentialsSecretRef: s.credentialsSecretRef,
      clusterVersion: undefined,
    };
    return { coords, wait: undefined, clusterGoing: false };
  }
  const name = s.clusterRef.name;
  if (!cluster) return { coords: undefined, wait: `waiting for CceCluster ${name}: not found`, clusterGoing: true };
  const coords: ClusterCoords = {
    clusterID: cluster.status?.clusterID,
    autopilot: cluster.spec.enableAutopilot === true,
    region: s.region ?? cluster.spec.region,
    projectID: s.projectID ?? cluster.spec.projectID,
    endpoint: s.endpoint ?? cluster.spec.endpoint,
    credentialsSecretRef: s.credentialsSecretRef ?? cluster.spec.credentialsSecretRef,
    clusterVersion: cluster.status?.currentVersion,
  };
  if (cluster.metadata?.deletionTimestamp) return { coords, wait: `waiting for CceCluster ${name}: being deleted`, clusterGoing: true };
  const ready = readyCondition(cluster);
  if (!coords.clusterID || ready?.status !== 'True') {
    const why = ready ? `Ready=${ready.status ?? 'Unknown'} (${ready.reason ?? ''}${ready.message ? `: ${ready.message}` : ''})` : 'no status yet';
    return { coords, wait: `waiting for CceCluster ${name} to be Ready: ${why}`, clusterGoing: false };
  }
  return { coords, wait: undefined, clusterGoing: false };
}
