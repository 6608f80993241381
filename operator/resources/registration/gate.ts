/**
 * Where a registration acts and whether it may now. `target`: the registry (a PaddleFlow server with its
 * credentials Secret, or Argo CD's namespace) — never the CceCluster, so a registration can always reach what it
 * registered, even after its cluster is gone. `gate`: the CceCluster through ../cluster-ref.ts — registered once it
 * is Ready for its current generation and its kubeconfig is exported (the scope then says what to register); while
 * it is not, a known record is observed and its changes held; while it is gone or being deleted, a known record is
 * withdrawn (kind.ts, inFlight). A deleting registration needs only the record's name.
 */
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import { isDeleting, type CustomObject } from '../../runtime/kube-object.js';
import { clusterState, referencedCluster, WaitingForCluster } from '../cluster-ref.js';
import type { SecretReader } from '../credentials.js';
import type { Gate, Unreachable } from '../managed/kind.js';
import { parseKubeconfig, serverOf } from './kubeconfig.js';
import { Reason } from './reasons.js';
import type { CceClusterRegistration, RegistrationScope, RegistryTarget } from './types.js';

type Ctx = Pick<ReconcileContext<CustomObject>, 'lookup'>;

/** Where the registry is; the credentials Secret is protected and watched by the ladder like any kind's. */
export type RegistrationTarget =
  | { registry: 'paddleflow'; server: string; credentialsSecretRef: { name: string } }
  | { registry: 'argocd'; namespace: string; credentialsSecretRef?: undefined };

export const ARGOCD_DEFAULT_NAMESPACE = 'argocd';

export function targetOf(obj: CceClusterRegistration): RegistryTarget | undefined {
  return obj.spec.paddleflow ? 'paddleflow' : obj.spec.argocd ? 'argocd' : undefined;
}

/** The Argo CD cluster Secret's name: from this object's name (one registration, one Secret). */
export function argocdSecretName(obj: CceClusterRegistration): string {
  return `cce-${obj.metadata?.name ?? ''}`.slice(0, 253);
}

/** The record's name in its registry: PaddleFlow's clusterName, or the Argo CD Secret's name. */
export function recordName(obj: CceClusterRegistration): string {
  if (obj.spec.argocd) return argocdSecretName(obj);
  return obj.spec.paddleflow?.clusterName ?? obj.spec.clusterRef.name;
}

/** The record as messages name it. */
export function cloudName(obj: CceClusterRegistration): string {
  return obj.spec.argocd ? `${obj.spec.argocd.namespace ?? ARGOCD_DEFAULT_NAMESPACE}/${argocdSecretName(obj)}` : recordName(obj);
}

export function registrationTarget(obj: CceClusterRegistration): { target: RegistrationTarget } | Unreachable {
  const { paddleflow, argocd } = obj.spec;
  if (paddleflow)
    return { target: { registry: 'paddleflow', server: paddleflow.server, credentialsSecretRef: paddleflow.credentialsSecretRef } };
  if (argocd) return { target: { registry: 'argocd', namespace: argocd.namespace ?? ARGOCD_DEFAULT_NAMESPACE } };
  // CEL requires exactly one; an object from before that rule.
  if (isDeleting(obj)) return { state: 'release', message: 'the spec names no registry: nothing was registered', warning: false };
  return { state: 'unsupported', reason: Reason.InvalidSpec, message: 'exactly one of spec.paddleflow and spec.argocd is required' };
}

/** The endpoint to register: the External one when the cluster lists one, else the first listed. */
export function pickEndpoint(endpoints: readonly { url?: string; type?: string }[] | undefined): string | undefined {
  const list = (endpoints ?? []).filter((e) => e.url);
  return (list.find((e) => e.type === 'External') ?? list[0])?.url;
}

export async function registrationGate(obj: CceClusterRegistration, ctx: Ctx, secrets: SecretReader): Promise<Gate<RegistrationScope>> {
  const target = targetOf(obj) ?? 'paddleflow';
  const base: RegistrationScope = {
    target,
    name: recordName(obj),
    ...(obj.spec.argocd ? { namespace: obj.spec.argocd.namespace ?? ARGOCD_DEFAULT_NAMESPACE } : {}),
  };
  if (isDeleting(obj)) return { state: 'go', scope: base };
  const recorded = !!obj.status?.registrationID;
  const ns = obj.metadata?.namespace ?? 'default';
  const ref = obj.spec.clusterRef.name;
  // Without a recorded record nothing needs observing: wait without calling the registry.
  const held = (reason: string, message: string): Gate<RegistrationScope> =>
    recorded ? { state: 'hold', scope: base, reason, message } : { state: 'wait', reason, message };

  const cluster = referencedCluster(obj, ctx);
  const gone = !cluster
    ? `CceCluster ${ref} does not exist in namespace ${ns}`
    : isDeleting(cluster)
      ? `CceCluster ${ref} is being deleted`
      : undefined;
  if (gone || !cluster) {
    if (!recorded) return { state: 'wait', reason: WaitingForCluster, message: `${gone ?? ''}: nothing to register` };
    const orphan = obj.spec.deletionPolicy === 'Orphan';
    const message = orphan ? `${gone}; deletionPolicy Orphan: the record is left in the registry` : `${gone}: withdrawing its registration`;
    return { state: 'hold', scope: { ...base, ...(orphan ? {} : { withdraw: gone }) }, reason: WaitingForCluster, message };
  }
  const state = clusterState(cluster, ref, ns);
  if (!state.ready) return held(state.reason, state.message);

  const kcRef = cluster.spec.kubeconfigSecretRef;
  if (!kcRef) return held(Reason.WaitingForKubeconfig, `CceCluster ${ref} exports no kubeconfig: set its spec.kubeconfigSecretRef`);
  const exported = cluster.status?.kubeconfig;
  if (exported?.secretName !== kcRef.name || !exported.fetchedAt) {
    return held(Reason.WaitingForKubeconfig, `waiting for CceCluster ${ref} to export its kubeconfig to Secret ${kcRef.name}`);
  }
  const key = kcRef.key ?? 'kubeconfig';
  const text = (await secrets.read(ns, kcRef.name))?.[key];
  if (!text) return held(Reason.WaitingForKubeconfig, `Secret ${ns}/${kcRef.name} (the kubeconfig of CceCluster ${ref}) has no key ${key}`);
  const kc = parseKubeconfig(text);
  if ('problem' in kc) return held(Reason.WaitingForKubeconfig, `the kubeconfig in Secret ${ns}/${kcRef.name} (key ${key}) ${kc.problem}`);
  const endpoint = pickEndpoint(cluster.status?.endpoints) ?? serverOf(kc);
  if (!endpoint) return held(Reason.WaitingForKubeconfig, `CceCluster ${ref} reports no API endpoint and its kubeconfig names no server`);
  const version = cluster.status?.currentVersion ?? cluster.spec.version ?? '';
  const hibernated = cluster.status?.phase === 'Hibernation';
  return { state: 'go', scope: { ...base, cluster: { endpoint, version, hibernated, kubeconfig: text, issuedAt: exported.fetchedAt } } };
}
