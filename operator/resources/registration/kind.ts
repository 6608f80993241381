/**
 * CceClusterRegistration as a managed kind (../managed/kind.ts). The ladder owns identity (adopt a record of the
 * same name), create-once, ObserveOnly, deletion and Orphan; this kind says where the registry is (gate.ts: target,
 * connect through clients.ts), whether its CceCluster can be registered now (gate.ts), the four verbs (external.ts),
 * the field table (fields.ts: spec rows and rows derived from the cluster), what a record says (report.ts), and one
 * hook of its own: withdrawing the record while the object lives, when its CceCluster goes away (inFlight).
 */
import type { WatchSpec } from '../../runtime/controller-spec.js';
import { CLUSTER_INDEX, CLUSTER_RESOURCE, clusterIndexKeys, dependentsInCache } from '../cluster-ref.js';
import type { CceCluster } from '../cluster/types.js';
import type { SecretReader } from '../credentials.js';
import type { ManagedKind, Pass, Step } from '../managed/kind.js';
import { RegistryClients, type RegistryClientOptions } from './clients.js';
import { registrationExternal, type RegistryClient } from './external.js';
import { KUBECONFIG_ROW, registrationFields } from './fields.js';
import { cloudName, registrationGate, registrationTarget, type RegistrationTarget } from './gate.js';
import { Reason } from './reasons.js';
import { registrationActivity, registrationFacts, registrationReadyMessage } from './report.js';
import type { CceClusterRegistration, Registered, RegistrationScope } from './types.js';

export const REGISTRATION_TYPE = {
  group: 'cce.operator.dev',
  version: 'v1alpha1',
  plural: 'cceclusterregistrations',
  kind: 'CceClusterRegistration',
  namespaced: true,
} as const;

export interface RegistrationDeps extends RegistryClientOptions {
  /** Reads the CceCluster's exported kubeconfig. */
  secrets: SecretReader;
}

export type RegistrationKind = ManagedKind<CceClusterRegistration, Registered, RegistrationScope, RegistryClient, RegistrationTarget>;

/** A CceCluster change (Ready, hibernated, rotated kubeconfig, upgraded, going away) wakes its registrations. */
const clusterWatch: WatchSpec<CceClusterRegistration> = {
  ...CLUSTER_RESOURCE,
  map: (changed, own) => dependentsInCache(changed as CceCluster, own),
};

/** The CceCluster is gone or going: remove the record once; the object stays and waits for a cluster to register. */
export async function withdraw(p: Pass<CceClusterRegistration, Registered, RegistrationScope, RegistryClient>): Promise<Step | undefined> {
  const why = p.scope.withdraw;
  if (!why || p.obj.spec.managementPolicy === 'ObserveOnly' || p.observed.deleting) return undefined;
  await p.external.delete(p.obj, p.observed);
  const where =
    p.observed.target === 'paddleflow' ? `PaddleFlow record ${p.observed.name}` : `Argo CD cluster Secret ${p.observed.secret ?? ''}`;
  return {
    outcome: { state: 'progressing', reason: Reason.Unregistered, message: `${why}: removed ${where} (${p.observed.id})` },
    set: {
      registrationID: undefined,
      recordName: undefined,
      registryStatus: undefined,
      endpoint: undefined,
      version: undefined,
      pushed: undefined,
      appliedHashes: undefined,
      phase: 'Unregistered',
    },
    requeueMs: 1000,
    jobInFlight: false,
    event: true,
  };
}

export function registrationKind(deps: RegistrationDeps): RegistrationKind {
  const clients = new RegistryClients(deps);
  return {
    type: REGISTRATION_TYPE,
    noun: 'registration',
    idField: 'registrationID',
    fields: registrationFields,
    families: ['update'],
    cloudName,
    target: (obj) => registrationTarget(obj),
    connect: (target, secrets, namespace) => clients.connect(target, secrets, namespace),
    gate: (obj, ctx) => registrationGate(obj, ctx, deps.secrets),
    external: (client, scope) => registrationExternal(client, scope),
    idOf: (r) => r.id || undefined,
    activity: (r) => registrationActivity(r),
    facts: (r) => registrationFacts(r),
    readyMessage: (r) => registrationReadyMessage(r),
    inFlight: withdraw,
    // An adopted record's credential is unknown: it is pushed once.
    onAdopt: (obj) => {
      const { [KUBECONFIG_ROW]: _unknown, ...rest } = obj.status?.appliedHashes ?? {};
      return { appliedHashes: Object.keys(rest).length ? rest : undefined };
    },
    watches: [clusterWatch],
    indexes: { [CLUSTER_INDEX]: clusterIndexKeys },
  };
}
