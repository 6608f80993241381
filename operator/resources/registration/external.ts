/**
 * The CceClusterRegistration external client: the four verbs against the registry the object names, built from the
 * gate's scope. PaddleFlow: find/observe by name through the list (PaddleFlow's show answers 500 for an unknown
 * name), create with the whole record, update with ONE PUT of the record (the credential only when the kubeconfig or
 * endpoint changed: PaddleFlow re-checks a credential it is sent), delete by name. Argo CD: the cluster Secret,
 * read by name, created, replaced whole, deleted with a uid precondition; a Secret of that name the operator did not
 * create is never adopted or overwritten (Stalled, NameTaken). No verb waits: registries answer synchronously.
 */
import { createHash } from 'node:crypto';
import type { Secret as V1Secret } from '../../runtime/kube/types.js';
import { isDeleting } from '../../runtime/kube-object.js';
import { Terminal } from '../../runtime/result.js';
import { valueHash, type FieldDiff } from '../field-diff.js';
import type { Applied, External } from '../managed/kind.js';
import { ManagedReason } from '../managed/reasons.js';
import type { ArgoSecrets } from './argocd-client.js';
import { KUBECONFIG_ROW, PADDLEFLOW_CLUSTER_TYPE, PADDLEFLOW_SOURCE } from './fields.js';
import { argocdConfig, paddleflowCredential, parseKubeconfig } from './kubeconfig.js';
import type { PaddleFlowClient, PfClusterInfo, PfClusterRequest } from './paddleflow-client.js';
import { MANAGED_BY, Reason, REGISTRATION_ANNOTATION } from './reasons.js';
import { ARGOCD_SECRET_TYPE_LABEL, MANAGED_BY_LABEL } from './schema.js';
import type { CceClusterRegistration, ClusterView, Registered, RegistrationScope } from './types.js';

export type PaddleFlowApi = Pick<PaddleFlowClient, 'findByName' | 'create' | 'update' | 'delete'>;

/** What `connect` gives a registration: the client of its registry. */
export type RegistryClient = { registry: 'paddleflow'; server: string; api: PaddleFlowApi } | { registry: 'argocd'; api: ArgoSecrets };

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function clusterOf(scope: RegistrationScope): ClusterView {
  // create and update run only when the gate said go, which comes with the cluster.
  if (!scope.cluster) throw new Error('internal: a registry write without the cluster to register');
  return scope.cluster;
}

function kubeconfigOf(c: ClusterView) {
  const kc = parseKubeconfig(c.kubeconfig);
  if ('problem' in kc) throw new Error(`internal: the kubeconfig ${kc.problem}`); // the gate checked it
  return kc;
}

/** PaddleFlow's record for the cluster; the credential only when asked (create, a kubeconfig or endpoint change). */
export function paddleflowBody(obj: CceClusterRegistration, scope: RegistrationScope, withCredential: boolean): PfClusterRequest {
  const c = clusterOf(scope);
  const pf = obj.spec.paddleflow;
  return {
    clusterName: scope.name,
    endpoint: c.endpoint,
    clusterType: PADDLEFLOW_CLUSTER_TYPE,
    version: c.version,
    source: PADDLEFLOW_SOURCE,
    status: c.hibernated ? 'offline' : 'online',
    ...(withCredential ? { credential: paddleflowCredential(c.kubeconfig, kubeconfigOf(c), c.endpoint) } : {}),
    ...(pf?.description !== undefined ? { description: pf.description } : {}),
    ...(pf?.setting !== undefined ? { setting: pf.setting } : {}),
    ...(pf?.namespaceList !== undefined ? { namespaceList: pf.namespaceList } : {}),
  };
}

/** status.pushed.hash: the body's hash with any credential replaced by the credential's own hash. */
export function pushedHash(body: unknown): string {
  const redact = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = { ...(v as Record<string, unknown>) };
    for (const k of ['credential', 'config']) {
      if (typeof o[k] === 'string') o[k] = `sha256:${createHash('sha256').update(o[k]).digest('hex')}`;
    }
    if (o.data && typeof o.data === 'object') o.data = redact(o.data);
    return o;
  };
  return valueHash(redact(body));
}

export function fromPaddleflow(c: PfClusterInfo): Registered {
  return {
    target: 'paddleflow',
    id: c.clusterId,
    name: c.clusterName,
    endpoint: c.endpoint ?? '',
    clusterType: c.clusterType ?? '',
    version: c.version ?? '',
    source: c.source ?? '',
    status: c.status ?? '',
    description: c.description ?? '',
    setting: c.setting ?? '',
    namespaceList: c.namespaceList ?? [],
  };
}

export function paddleflowExternal(
  api: PaddleFlowApi,
  scope: RegistrationScope,
  now: () => Date = () => new Date(),
): External<CceClusterRegistration, Registered> {
  const find = async () => {
    const c = await api.findByName(scope.name);
    return c ? fromPaddleflow(c) : undefined;
  };
  return {
    async observe(id) {
      const r = await find();
      return r?.id === id ? r : undefined; // another record of the name is not ours: ours vanished
    },
    find: () => find(),
    async create(obj) {
      const body = paddleflowBody(obj, scope, true);
      const c = await api.create(body);
      const r = fromPaddleflow(c);
      const message = `registered CceCluster ${obj.spec.clusterRef.name} in PaddleFlow as ${r.name} (${r.id}, ${r.status})`;
      return { id: r.id, observed: r, message, set: { pushed: { hash: pushedHash(body), at: rfc3339(now()) } } };
    },
    async update(obj, _observed, _family, diffs): Promise<Applied<Registered>> {
      const credential = diffs.some((d) => d.path === KUBECONFIG_ROW || d.path === 'cluster.endpoint');
      const { clusterName: _name, ...body } = paddleflowBody(obj, scope, credential);
      const r = fromPaddleflow(await api.update(scope.name, body));
      return {
        reason: Reason.RecordUpdated,
        message: `updated PaddleFlow record ${scope.name}: ${paths(diffs)}`,
        observed: r,
        set: { pushed: { hash: pushedHash(body), at: rfc3339(now()) } },
      };
    },
    async delete() {
      await api.delete(scope.name);
      return {};
    },
  };
}

const paths = (diffs: readonly FieldDiff[]) => diffs.map((d) => d.path).join(', ');

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, 'base64').toString('utf8'));

/** Argo CD's cluster Secret for the registration (`resourceVersion` for a replace). */
export function argocdSecret(obj: CceClusterRegistration, scope: RegistrationScope, resourceVersion?: string): V1Secret {
  const c = clusterOf(scope);
  const a = obj.spec.argocd ?? {};
  const data: Record<string, string> = {
    name: b64(a.clusterName ?? obj.spec.clusterRef.name),
    server: b64(c.endpoint),
    config: b64(JSON.stringify(argocdConfig(kubeconfigOf(c), c.endpoint))),
    ...(a.project ? { project: b64(a.project) } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: scope.name,
      namespace: scope.namespace,
      ...(resourceVersion ? { resourceVersion } : {}),
      labels: { ...(a.labels ?? {}), [ARGOCD_SECRET_TYPE_LABEL]: 'cluster', [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { [REGISTRATION_ANNOTATION]: `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}` },
    },
    type: 'Opaque',
    data,
  };
}

export function fromSecret(s: V1Secret): Registered {
  const d = s.data ?? {};
  const labels = { ...(s.metadata?.labels ?? {}) };
  const managed = labels[MANAGED_BY_LABEL] === MANAGED_BY;
  delete labels[ARGOCD_SECRET_TYPE_LABEL];
  delete labels[MANAGED_BY_LABEL];
  return {
    target: 'argocd',
    id: s.metadata?.uid ?? '',
    name: unb64(d.name) ?? '',
    endpoint: unb64(d.server) ?? '',
    project: unb64(d.project) ?? '',
    labels,
    secret: `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`,
    managed,
    deleting: !!s.metadata?.deletionTimestamp,
    ...(s.metadata?.resourceVersion ? { resourceVersion: s.metadata.resourceVersion } : {}),
  };
}

export function argocdExternal(
  api: ArgoSecrets,
  scope: RegistrationScope,
  now: () => Date = () => new Date(),
): External<CceClusterRegistration, Registered> {
  const ns = scope.namespace ?? 'argocd';
  const read = async () => {
    const s = await api.read(ns, scope.name);
    return s ? fromSecret(s) : undefined;
  };
  return {
    async observe(id) {
      const r = await read();
      return r?.id === id ? r : undefined;
    },
    async find(obj) {
      const r = await read();
      if (r && !r.managed) {
        // Not ours: a deleting registration has nothing there to delete; a live one never takes it over.
        if (isDeleting(obj)) return undefined;
        throw new Terminal(
          `Secret ${ns}/${scope.name} exists and was not created by cce-operator (no label ${MANAGED_BY_LABEL}=${MANAGED_BY}): ` +
            'not overwriting it; delete it, or give this CceClusterRegistration another name',
          ManagedReason.NameTaken,
        );
      }
      return r;
    },
    async create(obj) {
      const body = argocdSecret(obj, scope);
      const r = fromSecret(await api.create(ns, body));
      const message = `registered CceCluster ${obj.spec.clusterRef.name} in Argo CD as ${r.name} (Secret ${r.secret})`;
      return { id: r.id, observed: r, message, set: { pushed: { hash: pushedHash(body.data), at: rfc3339(now()) } } };
    },
    async update(obj, observed, _family, diffs) {
      const body = argocdSecret(obj, scope, observed.resourceVersion);
      const r = fromSecret(await api.replace(ns, scope.name, body));
      return {
        reason: Reason.RecordUpdated,
        message: `updated Argo CD cluster Secret ${ns}/${scope.name}: ${paths(diffs)}`,
        observed: r,
        set: { pushed: { hash: pushedHash(body.data), at: rfc3339(now()) } },
      };
    },
    async delete(_obj, observed) {
      await api.delete(ns, scope.name, observed.id);
      return {};
    },
  };
}

export function registrationExternal(client: RegistryClient, scope: RegistrationScope): External<CceClusterRegistration, Registered> {
  return client.registry === 'paddleflow' ? paddleflowExternal(client.api, scope) : argocdExternal(client.api, scope);
}
