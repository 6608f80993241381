/**
 * CceCluster as a managed kind: the cluster's target comes from its own spec, it has no gate, and its hooks are the
 * multi-step upgrade (inFlight), the kubeconfig export (beforeReady) and deletion waiting for its node pools.
 */
import type { CceCredentials, Cluster } from '../../cloud/index.js';
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { ManagedKind, Pass, Step } from '../managed/kind.js';
import { managedController, type ManagedDeps } from '../managed/reconciler.js';
import type { CloudClients } from '../cloud-clients.js';
import { poolDeletionWatch, waitForNodePools } from './dependents.js';
import { cloudName, isAutopilot } from './desired.js';
import { clusterExternal } from './external.js';
import { clusterFields } from './fields.js';
import { KubeconfigExporter, type KubeconfigSecrets } from './kubeconfig-export.js';
import { clusterActivity, clusterFacts, clusterReadyMessage } from './report.js';
import type { CceCluster } from './types.js';
import { masterEipStep } from './master-eip.js';
import { advanceUpgrade } from './upgrade-flow.js';

export const CLUSTER_TYPE = {
  group: 'cce.operator.dev',
  version: 'v1alpha1',
  plural: 'cceclusters',
  kind: 'CceCluster',
  namespaced: true,
} as const;

export interface ClusterDeps extends ManagedDeps {
  clouds: CloudClients;
  secrets: ManagedDeps['secrets'] & KubeconfigSecrets;
  defaultCredentials?: CceCredentials | undefined;
}

export function clusterKind(deps: ClusterDeps): ManagedKind<CceCluster, Cluster, void> {
  const poll = deps.pollMs ?? 5000;
  const kubeconfig = new KubeconfigExporter(deps.secrets);
  return {
    type: CLUSTER_TYPE,
    noun: 'cluster',
    idField: 'clusterID',
    fields: clusterFields,
    families: ['upgrade', 'hibernate', 'tags', 'update'],
    cloudName,
    target: (obj) => ({
      target: {
        region: obj.spec.region,
        endpoint: obj.spec.endpoint,
        projectID: obj.spec.projectID,
        autopilot: isAutopilot(obj.spec),
        credentialsSecretRef: obj.spec.credentialsSecretRef,
      },
    }),
    gate: async () => ({ state: 'go', scope: undefined }),
    external: (cloud) => clusterExternal(cloud),
    idOf: (c) => c.metadata?.uid,
    activity: (c) => clusterActivity(c),
    facts: (c) => clusterFacts(c),
    readyMessage: (c) => clusterReadyMessage(c),
    inFlight: advanceUpgrade,
    beforeReady: (p) => beforeReady(p, kubeconfig),
    forget: (key) => kubeconfig.forget(key),
    deleteBlockers: (obj, ctx) => waitForNodePools(obj, ctx, poll),
    watches: [poolDeletionWatch],
  };
}

/** Before Ready: the API server's EIP (master-eip.ts), then the kubeconfig export with the endpoints as they now are. */
async function beforeReady(p: Pass<CceCluster, Cluster, void>, kubeconfig: KubeconfigExporter): Promise<Step | undefined> {
  const eip = await masterEipStep(p);
  if (!eip) return kubeconfig.step(p);
  p.ctx.events.normal(eip.step.outcome.reason, eip.step.outcome.message);
  const exported = await kubeconfig.step({ ...p, observed: eip.observed });
  if (!exported) return { ...eip.step, event: false };
  return { ...exported, set: { ...eip.step.set, ...exported.set } };
}

export function clusterController(deps: ClusterDeps): ControllerSpec<CceCluster> {
  return managedController(clusterKind(deps), deps);
}
