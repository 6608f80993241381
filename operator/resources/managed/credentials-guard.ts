/**
 * Credentials outlive their users. A Secret that managed objects use for credentials carries a finalizer while any
 * of them uses it (added when an object connects, as Crossplane's ProviderConfigUsage protects a ProviderConfig),
 * so a prune that deletes the objects and the Secret together completes: the objects delete (or release) their
 * cloud resources with the Secret still readable, and the Secret goes last. The usage controller below removes the
 * finalizer once no object uses the Secret any more; it is woken by the Secret and by every managed object change.
 */
import type { ControllerSpec, ReconcileContext, WatchSpec } from '../../runtime/controller-spec.js';
import type { CustomObject, KubeObject, ResourceType } from '../../runtime/kube-object.js';
import { hasFinalizer } from '../../runtime/finalizers.js';
import { isDeleting } from '../../runtime/kube-object.js';
import { stable } from '../../runtime/result.js';
import { CREDENTIALS_FINALIZER, FINALIZER } from './reasons.js';

export const SECRET_TYPE = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true } as const;

export interface SecretFinalizers {
  addFinalizer(namespace: string, name: string, finalizer: string): Promise<'added' | 'present' | 'deleting' | 'missing'>;
  removeFinalizer(namespace: string, name: string, finalizer: string): Promise<void>;
}

/** A managed kind as the usage controller sees it: where its objects are and which Secret each one uses. */
export interface CredentialUser {
  type: ResourceType;
  secretOf(obj: KubeObject, ctx: ReconcileContext<CustomObject>): string | undefined;
}

/** A managed kind as a credentials user: the Secret its `target` names (own, or inherited from its cluster). */
export function credentialUser<O extends KubeObject>(kind: {
  type: ResourceType;
  target(
    obj: O,
    ctx: ReconcileContext<CustomObject>,
  ): { target: { credentialsSecretRef?: { name: string } | undefined } } | { state: string };
}): CredentialUser {
  return {
    type: kind.type,
    secretOf: (obj, ctx) => {
      const where = kind.target(obj as O, ctx);
      return 'target' in where ? where.target.credentialsSecretRef?.name : undefined;
    },
  };
}

/** Adds the finalizer unless the (metadata-only) Secret cache shows it there already: no request per pass. */
export async function protectSecret(
  ctx: ReconcileContext<CustomObject>,
  secrets: SecretFinalizers,
  namespace: string,
  name: string,
): Promise<void> {
  const cached = ctx.lookup(SECRET_TYPE, { namespace, name });
  if (cached && (hasFinalizer(cached, CREDENTIALS_FINALIZER) || isDeleting(cached))) return;
  const result = await secrets.addFinalizer(namespace, name, CREDENTIALS_FINALIZER);
  if (result === 'added') ctx.log.info('protecting credentials Secret while objects use it', { secret: `${namespace}/${name}` });
}

/** Whether `obj` still needs its credentials: it exists, or is deleting while it still holds our finalizer. */
function stillUses(obj: KubeObject): boolean {
  return !isDeleting(obj) || hasFinalizer(obj, FINALIZER);
}

/**
 * One object (Kind/name) that uses Secret `namespace/name`, or undefined. Stops at the first: a fleet shares one
 * Secret, and this runs after every change of any managed object in the namespace, so a full scan each time would
 * make a fleet's convergence quadratic.
 */
export function aUserOf(
  users: readonly CredentialUser[],
  ctx: ReconcileContext<CustomObject>,
  namespace: string,
  name: string,
): string | undefined {
  for (const u of users) {
    for (const o of ctx.list(u.type, namespace)) {
      if (stillUses(o) && u.secretOf(o, ctx) === name) return `${u.type.kind}/${o.metadata?.name ?? ''}`;
    }
  }
  return undefined;
}

/** Releases a credentials Secret once nothing uses it. */
export function credentialsUsageController(users: readonly CredentialUser[], secrets: SecretFinalizers): ControllerSpec<CustomObject> {
  const watches: WatchSpec<CustomObject>[] = users.map((u) => ({
    ...u.type,
    // Any change of a managed object may end a use: re-check the protected Secrets of its namespace.
    map: (changed, own) =>
      own
        .list(changed.metadata?.namespace)
        .filter((s) => hasFinalizer(s, CREDENTIALS_FINALIZER))
        .map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`),
  }));
  return {
    ...SECRET_TYPE,
    metadataOnly: true,
    watches,
    async reconcile(_key, secret, ctx) {
      if (!hasFinalizer(secret, CREDENTIALS_FINALIZER)) return stable();
      const [namespace, name] = [secret.metadata?.namespace ?? '', secret.metadata?.name ?? ''];
      if (aUserOf(users, ctx, namespace, name)) return stable();
      await secrets.removeFinalizer(namespace, name, CREDENTIALS_FINALIZER);
      ctx.log.info('credentials Secret no longer used: finalizer removed', { secret: `${namespace}/${name}` });
      return stable();
    },
  };
}
