/**
 * Secrets through the Kubernetes API: credentials are read, kubeconfigs written (owned by their CceCluster),
 * and finalizers put on credentials Secrets while objects use them. Finalizer edits and ownership checks read and
 * patch with `Accept: PartialObjectMetadata`, so they never bring a Secret's data into memory.
 *
 * A kubeconfig is written only to a Secret the operator creates, or to one it created for the same CceCluster
 * (label `app.kubernetes.io/managed-by: cce-operator` AND a controller ownerReference to that CceCluster's uid):
 * any other Secret of that name is never written (its data, owner and lifetime stay as they are).
 */
import { isConflict, isNotFound } from '../runtime/api-errors.js';
import { METADATA_WATCH_ACCEPT } from '../runtime/informer.js';
import type { KubeConfig } from '../runtime/kube/kube-config.js';
import { objectApi, SECRETS, type ObjectApi } from '../runtime/kube/object-api.js';
import type { ObjectMeta, Secret } from '../runtime/kube/types.js';
import type { KubeObject } from '../runtime/kube-object.js';
import type { SecretReader } from './credentials.js';

/** What addFinalizer found: added now, already there, Secret terminating (nothing changed), or no such Secret. */
export type SecretFinalizerResult = 'added' | 'present' | 'deleting' | 'missing';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'cce-operator';

/** The metadata of a Secret the operator created for an owner, kept on a replace. */
export type OwnedSecretMeta = Pick<ObjectMeta, 'labels' | 'annotations' | 'ownerReferences' | 'finalizers' | 'resourceVersion'>;

/** Who holds a Secret name: nobody, the operator for this owner, or someone else (never written). */
export type SecretHolder = { state: 'absent' } | { state: 'ours'; meta: OwnedSecretMeta } | { state: 'foreign'; why: string };

/** Whether Secret metadata shows one the operator created for `owner` (label and controller ownerReference). */
export function holderOf(meta: ObjectMeta | undefined, owner: KubeObject): SecretHolder {
  if (!meta) return { state: 'absent' };
  const labelled = meta.labels?.[MANAGED_BY_LABEL] === MANAGED_BY;
  const uid = owner.metadata?.uid;
  const owned = !!uid && (meta.ownerReferences ?? []).some((r) => r.uid === uid && r.controller === true);
  if (labelled && owned) {
    const { labels, annotations, ownerReferences, finalizers, resourceVersion } = meta;
    return { state: 'ours', meta: { labels, annotations, ownerReferences, finalizers, resourceVersion } };
  }
  const others = (meta.ownerReferences ?? []).map((r) => `${r.kind} ${r.name}`);
  const why = !labelled
    ? `it was not created by cce-operator (no label ${MANAGED_BY_LABEL}=${MANAGED_BY})`
    : `it belongs to ${others.length ? others.join(', ') : 'no CceCluster'}, not to this CceCluster`;
  return { state: 'foreign', why };
}

export class KubeSecrets implements SecretReader {
  private readonly api: ObjectApi<Secret>;

  constructor(
    kc: KubeConfig,
    private readonly fieldManager = 'cce-operator',
    private readonly maxAttempts = 5,
  ) {
    this.api = objectApi<Secret>(kc, SECRETS);
  }

  async read(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    try {
      const s = await this.api.get({ namespace, name });
      const out: Record<string, string> = {}; // the API returns data only (stringData is write-only)
      for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
      return out;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Who holds Secret `namespace/name` (metadata only). */
  async holder(namespace: string, name: string, owner: KubeObject): Promise<SecretHolder> {
    return holderOf(await this.readMetadata(namespace, name), owner);
  }

  /**
   * Writes `data` as the whole data of a Secret the operator owns: creates it when `held` is absent (409 if someone
   * created it meanwhile), else replaces the one it created, keeping its metadata, with the resourceVersion seen
   * (409 if it changed meanwhile). Never called for a foreign Secret.
   */
  async write(
    namespace: string,
    name: string,
    data: Record<string, string>,
    owner: KubeObject,
    held: Exclude<SecretHolder, { state: 'foreign' }>,
  ): Promise<void> {
    const ours = {
      apiVersion: owner.apiVersion ?? '',
      kind: owner.kind ?? '',
      name: owner.metadata?.name ?? '',
      uid: owner.metadata?.uid ?? '',
      controller: true,
    };
    const meta = held.state === 'ours' ? held.meta : {};
    const body: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        ...meta,
        name,
        namespace,
        labels: { ...(meta.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY },
        ownerReferences: meta.ownerReferences ?? [ours],
      },
      type: 'Opaque',
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])),
    };
    if (held.state === 'absent') await this.api.create(namespace, body);
    else await this.api.replace({ namespace, name }, body);
  }

  /**
   * Puts `finalizer` on the Secret: a merge patch of metadata.finalizers with a resourceVersion precondition,
   * re-read and retried on 409; no request when it is already there. A terminating Secret (deletionTimestamp
   * set) is never changed and answers 'deleting', whether or not it already carries `finalizer` (the API
   * server refuses new finalizers on a terminating object). 'missing' when the Secret does not exist.
   */
  async addFinalizer(namespace: string, name: string, finalizer: string): Promise<SecretFinalizerResult> {
    for (let attempt = 1; ; attempt++) {
      const meta = await this.readMetadata(namespace, name);
      if (!meta) return 'missing';
      if (meta.deletionTimestamp) return 'deleting';
      const list = meta.finalizers ?? [];
      if (list.includes(finalizer)) return 'present';
      const outcome = await this.patchFinalizers(namespace, name, meta.resourceVersion, [...list, finalizer], attempt);
      if (outcome !== 'conflict') return outcome === 'gone' ? 'missing' : 'added';
    }
  }

  /** Takes `finalizer` off the Secret (same precondition and retries); no-op when absent or when the Secret is gone. */
  async removeFinalizer(namespace: string, name: string, finalizer: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const meta = await this.readMetadata(namespace, name);
      const list = meta?.finalizers ?? [];
      if (!meta || !list.includes(finalizer)) return;
      const next = list.filter((f) => f !== finalizer);
      if ((await this.patchFinalizers(namespace, name, meta.resourceVersion, next, attempt)) !== 'conflict') return;
    }
  }

  private async readMetadata(namespace: string, name: string): Promise<ObjectMeta | undefined> {
    try {
      const s = await this.api.get({ namespace, name }, { accept: METADATA_WATCH_ACCEPT });
      return s.metadata ?? {};
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async patchFinalizers(
    namespace: string,
    name: string,
    resourceVersion: string | undefined,
    finalizers: string[],
    attempt: number,
  ): Promise<'patched' | 'gone' | 'conflict'> {
    const body = { metadata: { resourceVersion: resourceVersion ?? null, finalizers } };
    try {
      await this.api.patch({ namespace, name }, body, { type: 'merge', fieldManager: this.fieldManager, accept: METADATA_WATCH_ACCEPT });
      return 'patched';
    } catch (err) {
      if (isNotFound(err)) return 'gone';
      if (isConflict(err) && attempt < this.maxAttempts) return 'conflict';
      throw err;
    }
  }
}
