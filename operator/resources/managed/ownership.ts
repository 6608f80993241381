/**
 * One cloud object, one owner. An object claims a cloud resource by recording its id (status, or spec for an
 * explicit adoption). When several objects of a kind claim one id, the oldest claimant (creationTimestamp, then
 * namespace/name) owns it; the others are Stalled (AlreadyManaged) and never update or delete it. ObserveOnly objects
 * never write to the cloud, so they neither claim nor are refused: any number may watch one resource. Pure.
 */
import type { KubeObject } from '../../runtime/kube-object.js';

export interface Claimant extends KubeObject {
  spec?: unknown;
  status?: unknown;
}

const field = (o: unknown, key: string): string | undefined => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v ? v : undefined;
};

const observeOnly = (o: Claimant) => field(o.spec, 'managementPolicy') === 'ObserveOnly';

/** The cloud id an object claims: the recorded one, else the one its spec names (none under ObserveOnly). */
export function claimedId(obj: Claimant, idField: string): string | undefined {
  if (observeOnly(obj)) return undefined;
  return field(obj.status, idField) ?? field(obj.spec, idField);
}

/** The name of the cache index of claimed ids (ControllerSpec.indexes): id → its claimants. */
export const CLAIMS_INDEX = 'claimedId';

/** The index function of CLAIMS_INDEX. */
export function claimedIds(obj: Claimant, idField: string): string[] {
  const id = claimedId(obj, idField);
  return id ? [id] : [];
}

const keyOf = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

function older(a: KubeObject, b: KubeObject): boolean {
  const [ta, tb] = [String(a.metadata?.creationTimestamp ?? ''), String(b.metadata?.creationTimestamp ?? '')];
  if (ta && tb && ta !== tb) return Date.parse(ta) < Date.parse(tb);
  return keyOf(a) < keyOf(b);
}

/**
 * The object (other than `self`) that owns cloud id `id`, when `self` is not its owner: "namespace/name".
 * Undefined when nobody else claims it, or `self` is the oldest claimant.
 */
export function otherOwner(self: Claimant, id: string, all: readonly Claimant[], idField: string): string | undefined {
  if (observeOnly(self)) return undefined;
  let owner: Claimant | undefined;
  for (const o of all) {
    if (o.metadata?.uid === self.metadata?.uid || keyOf(o) === keyOf(self)) continue;
    if (claimedId(o, idField) !== id) continue;
    if (!owner || older(o, owner)) owner = o;
  }
  if (!owner) return undefined;
  // `self` keeps the resource when it claimed it first and is older; a newcomer never takes it over.
  const selfClaims = claimedId(self, idField) === id;
  return selfClaims && older(self, owner) ? undefined : keyOf(owner);
}
