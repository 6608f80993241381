// One profile per kind for the cross-kind behaviour matrix: how to build an object, a cloud resource that matches
// it, one that drifted, and a spec change the cloud can be asked to apply. The kinds themselves are the real ones.
import type { AddonInstance, Cluster } from '../../../../operator/cloud/index.js';
import { addonKind } from '../../../../operator/resources/addon/kind.js';
import type { CceAddon } from '../../../../operator/resources/addon/types.js';
import { CLUSTER_RESOURCE } from '../../../../operator/resources/cluster-ref.js';
import { nodePoolKind } from '../../../../operator/resources/nodepool/kind.js';
import type { CceNodePool, ObservedPool } from '../../../../operator/resources/nodepool/types.js';
import type { KubeObject } from '../../../../operator/runtime/kube-object.js';
import { clusterKind } from '../../../../operator/resources/cluster/kind.js';
import type { CceCluster } from '../../../../operator/resources/cluster/types.js';
import type { ManagedKind, ManagedObject } from '../../../../operator/resources/managed/kind.js';
import { registrationKind } from '../../../../operator/resources/registration/kind.js';
import type { CceClusterRegistration, Registered, RegistrationScope } from '../../../../operator/resources/registration/types.js';
import type { World } from './harness.js';

export interface Profile<O extends ManagedObject, R> {
  name: string;
  kind: ManagedKind<O, R, unknown>;
  idField: string;
  /** A live object (no finalizer yet) named `name`. */
  object(name?: string): O;
  /** A cloud resource with id `id` that matches `object()`. */
  resource(id: string, obj?: O): R;
  /** The same resource with an observed field changed behind the operator's back. */
  drifted(id: string): R;
  /** `obj` with a spec change that starts an update family. */
  change(obj: O): O;
  /** Objects the kind reads from caches (a Ready CceCluster for pools and add-ons). */
  setup(w: World<O, R>): void;
  /** Make deletion wait for something (a cluster's node pools); undefined when the kind has no dependents. */
  blockDeletion?(w: World<O, R>): void;
  /** Make the object's cluster not Ready while its cloud id stays known; undefined for the cluster kind itself. */
  holdCluster?(w: World<O, R>): void;
  /** The scope the kind's gate gives in `setup`'s world, for field rows that derive their value from it. */
  scope?: unknown;
}

const deps = {
  clouds: undefined as never,
  secrets: {
    read: async () => undefined,
    addFinalizer: async () => 'added' as const,
    removeFinalizer: async () => undefined,
    write: async () => undefined,
  },
};

export const meta = (name: string, created = '2026-12-01T00:00:00Z') => ({
  name,
  namespace: 'ns',
  uid: `uid-${name}`,
  generation: 1,
  creationTimestamp: created as unknown as Date, // the wire (and informer cache) form is a string
});

const clusterSpec: CceCluster['spec'] = {
  region: 'cn-north-4',
  projectID: 'p',
  type: 'VirtualMachine',
  flavor: 'cce.s1.small',
  version: 'v1.28',
  description: 'd',
  hostNetwork: { vpc: 'v', subnet: 's' },
  containerNetwork: { mode: 'overlay_l2' },
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
  hibernate: false,
  enableAutopilot: false,
  credentialsSecretRef: { name: 'creds' },
};

export const clusterProfile: Profile<CceCluster, Cluster> = {
  name: 'CceCluster',
  kind: clusterKind(deps as never) as unknown as ManagedKind<CceCluster, Cluster, unknown>,
  idField: 'clusterID',
  object: (name = 'c1') => ({
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceCluster',
    metadata: meta(name),
    spec: structuredClone(clusterSpec),
  }),
  resource: (id, obj) => ({
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name: obj?.metadata?.name ?? 'c1', uid: id },
    spec: { ...(structuredClone(obj?.spec ?? clusterSpec) as unknown as Cluster['spec']), version: 'v1.28.15-r0' },
    status: { phase: 'Available' },
  }),
  drifted(id) {
    const r = this.resource(id);
    return { ...r, spec: { ...r.spec, description: 'changed in the console' } as Cluster['spec'] };
  },
  change: (obj) => ({ ...obj, metadata: { ...obj.metadata, generation: 2 }, spec: { ...obj.spec, description: 'new description' } }),
  setup: () => undefined,
  blockDeletion(w) {
    const pool: KubeObject & { spec: unknown } = {
      metadata: { name: 'pool-a', namespace: 'ns' },
      spec: { clusterRef: { name: w.obj.metadata?.name } },
    };
    w.put({ group: 'cce.operator.dev', version: 'v1alpha1', plural: 'ccenodepools' }, pool);
  },
};

/** The CceCluster that pools and add-ons reference: Ready for its generation, or (held) not Ready with its id known. */
export function referencedCluster(ready: boolean): CceCluster {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceCluster',
    metadata: { ...meta('c1'), generation: 3 },
    spec: structuredClone(clusterSpec),
    status: {
      clusterID: 'cid-1',
      currentVersion: 'v1.28.15-r0',
      phase: 'Available',
      observedGeneration: 3,
      conditions: [
        ready
          ? {
              type: 'Ready',
              status: 'True',
              reason: 'Available',
              message: '',
              observedGeneration: 3,
              lastTransitionTime: '2026-12-05T00:00:00Z',
            }
          : {
              type: 'Ready',
              status: 'False',
              reason: 'InvalidSpec',
              message: 'no upgrade path',
              observedGeneration: 3,
              lastTransitionTime: '2026-12-05T00:00:00Z',
            },
      ],
    },
  };
}

const addonSpec: CceAddon['spec'] = {
  clusterRef: { name: 'c1' },
  addonTemplateName: 'metrics-server',
  version: '1.3.60',
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
};

export const addonProfile: Profile<CceAddon, AddonInstance> = {
  name: 'CceAddon',
  kind: addonKind as unknown as ManagedKind<CceAddon, AddonInstance, unknown>,
  idField: 'addonID',
  object: (name = 'a1') => ({
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceAddon',
    metadata: meta(name),
    spec: structuredClone(addonSpec),
  }),
  resource: (id) => ({
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { name: 'metrics-server', uid: id },
    spec: { clusterID: 'cid-1', addonTemplateName: 'metrics-server', version: '1.3.60', values: {} },
    status: { status: 'running', currentVersion: { version: '1.3.60' } },
  }),
  drifted(id) {
    const r = this.resource(id);
    return { ...r, spec: { ...r.spec, version: '1.3.59' } as AddonInstance['spec'] };
  },
  change: (obj) => ({ ...obj, metadata: { ...obj.metadata, generation: 2 }, spec: { ...obj.spec, version: '1.3.61' } }),
  setup: (w) => w.put(CLUSTER_RESOURCE, referencedCluster(true)),
  holdCluster: (w) => w.put(CLUSTER_RESOURCE, referencedCluster(false)),
};

const poolSpec: CceNodePool['spec'] = {
  clusterRef: { name: 'c1' },
  initialNodeCount: 1,
  nodeTemplate: {
    flavor: 's6.large.2',
    az: 'cn-north-4a',
    os: 'EulerOS 2.9',
    login: { sshKey: 'my-keypair' },
    rootVolume: { volumetype: 'SSD', size: 40 },
    k8sTags: { team: 'platform' },
  },
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
} as unknown as CceNodePool['spec'];

export const nodePoolProfile: Profile<CceNodePool, ObservedPool> = {
  name: 'CceNodePool',
  kind: nodePoolKind as unknown as ManagedKind<CceNodePool, ObservedPool, unknown>,
  idField: 'nodePoolID',
  object: (name = 'p1') => ({
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceNodePool',
    metadata: meta(name),
    spec: structuredClone(poolSpec),
  }),
  resource: (id) => ({
    kind: 'NodePool',
    apiVersion: 'v3',
    metadata: { name: 'p1', uid: id },
    spec: {
      initialNodeCount: 1,
      nodeTemplate: { k8sTags: { team: 'platform', 'cce.cloud.com/cce-nodepool': 'p1' } },
      autoscaling: { enable: false },
    } as unknown as ObservedPool['spec'],
    status: { phase: '', currentNode: 1 },
    inCluster: { id: 'cid-1', version: 'v1.28.15-r0' },
  }),
  drifted(id) {
    const r = this.resource(id);
    return { ...r, spec: { ...r.spec, nodeTemplate: { k8sTags: { team: 'changed-in-console' } } } as unknown as ObservedPool['spec'] };
  },
  change: (obj) => ({
    ...obj,
    metadata: { ...obj.metadata, generation: 2 },
    spec: { ...obj.spec, nodeTemplate: { ...obj.spec.nodeTemplate, k8sTags: { team: 'new-team' } } },
  }),
  setup: (w) => w.put(CLUSTER_RESOURCE, referencedCluster(true)),
  holdCluster: (w) => w.put(CLUSTER_RESOURCE, referencedCluster(false)),
};

// CceClusterRegistration: a non-CCE kind (its own connect, a PaddleFlow record) whose rows derive from its cluster.
const KUBECONFIG = JSON.stringify({
  kind: 'Config',
  apiVersion: 'v1',
  clusters: [{ name: 'internalCluster', cluster: { server: 'https://192.168.7.11:5443', 'certificate-authority-data': 'Q0E=' } }],
  users: [{ name: 'user', user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' } }],
  contexts: [{ name: 'internal', context: { cluster: 'internalCluster', user: 'user' } }],
  'current-context': 'internal',
});

/** referencedCluster() with its kubeconfig exported to Secret c1-kubeconfig. */
function exportingCluster(ready: boolean): CceCluster {
  const c = referencedCluster(ready);
  return {
    ...c,
    spec: { ...c.spec, kubeconfigSecretRef: { name: 'c1-kubeconfig' } },
    status: {
      ...c.status,
      endpoints: [{ url: 'https://192.168.7.11:5443', type: 'Internal' }],
      kubeconfig: { secretName: 'c1-kubeconfig', fetchedAt: '2026-12-05T00:00:00Z', expiresAt: '2027-01-04T00:00:00Z' },
    },
  };
}

const registrationScope: RegistrationScope = {
  target: 'paddleflow',
  name: 'c1',
  cluster: {
    endpoint: 'https://192.168.7.11:5443',
    version: 'v1.28.15-r0',
    hibernated: false,
    kubeconfig: KUBECONFIG,
    issuedAt: '2026-12-05T00:00:00Z',
  },
};

const registrationSpec: CceClusterRegistration['spec'] = {
  clusterRef: { name: 'c1' },
  deletionPolicy: 'Delete',
  managementPolicy: 'Full',
  paddleflow: {
    server: 'http://paddleflow.example:8999',
    credentialsSecretRef: { name: 'creds' },
    clusterName: 'c1',
    namespaceList: ['default'],
  },
};

export const registrationProfile: Profile<CceClusterRegistration, Registered> = {
  name: 'CceClusterRegistration',
  kind: registrationKind({
    secrets: { read: async (_ns: string, name: string) => (name === 'c1-kubeconfig' ? { kubeconfig: KUBECONFIG } : undefined) },
  }) as unknown as ManagedKind<CceClusterRegistration, Registered, unknown>,
  idField: 'registrationID',
  scope: registrationScope,
  object: (name = 'r1') => ({
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceClusterRegistration',
    metadata: meta(name),
    spec: structuredClone(registrationSpec),
  }),
  resource: (id) => ({
    target: 'paddleflow',
    id,
    name: 'c1',
    endpoint: 'https://192.168.7.11:5443',
    clusterType: 'kubernetes',
    version: 'v1.28.15-r0',
    source: 'CCE',
    status: 'online',
    description: '',
    setting: '',
    namespaceList: ['default'],
  }),
  drifted(id) {
    return { ...this.resource(id), endpoint: 'https://changed-in-paddleflow:6443' };
  },
  change: (obj) => ({
    ...obj,
    metadata: { ...obj.metadata, generation: 2 },
    spec: {
      ...obj.spec,
      paddleflow: { ...(obj.spec.paddleflow as NonNullable<CceClusterRegistration['spec']['paddleflow']>), description: 'new description' },
    },
  }),
  setup: (w) => w.put(CLUSTER_RESOURCE, exportingCluster(true)),
  holdCluster: (w) => w.put(CLUSTER_RESOURCE, exportingCluster(false)),
};

export const profiles = [clusterProfile, nodePoolProfile, addonProfile, registrationProfile] as unknown as Profile<
  ManagedObject,
  unknown
>[];
