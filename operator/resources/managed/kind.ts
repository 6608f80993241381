/**
 * The contract between the managed reconciler (the one ladder, reconciler.ts) and a kind: a small external client
 * with the four verbs (observe, create, update, delete, plus find-by-name for identity), its field table, its status
 * mapping, and optional hooks for what only that kind has. A kind never writes its own identity, adoption, create
 * guard, ObserveOnly or delete flow.
 */
import type { CceClient } from '../../cloud/index.js';
import type { ReconcileContext, WatchSpec } from '../../runtime/controller-spec.js';
import type { IndexFunc } from '../../runtime/informer.js';
import type { CustomObject, ResourceType } from '../../runtime/kube-object.js';
import type { ObjectTarget } from '../cloud-clients.js';
import type { SecretReader } from '../credentials.js';
import type { FieldDiff } from '../field-diff.js';
import type { Family, FieldRule } from '../field-rules.js';
import type { Outcome } from '../status-report.js';

/** The spec fields every managed kind has (common-schema.ts). */
export interface ManagedSpec {
  deletionPolicy?: 'Delete' | 'Orphan' | undefined;
  managementPolicy?: 'Full' | 'ObserveOnly' | undefined;
  credentialsSecretRef?: { name: string } | undefined;
}

/** The status fields the ladder reads and writes on every kind (commonStatusProperties). */
export interface ManagedStatus {
  phase?: string | undefined;
  jobID?: string | undefined;
  observedGeneration?: number | undefined;
  lastSyncTime?: string | undefined;
  conditions?: unknown;
  unobservedFields?: string[] | undefined;
  appliedHashes?: Record<string, string> | undefined;
  lastUpdate?: LastUpdate | undefined;
  [key: string]: unknown;
}

/** The last update the ladder sent, for the convergence guard (convergence.ts). */
export interface LastUpdate {
  family?: string;
  fields?: string[];
  fingerprint?: string;
  attempts?: number;
  at?: string;
}

export type ManagedObject = CustomObject<ManagedSpec, ManagedStatus> & { spec: ManagedSpec };

/** What the cloud resource's own state means for a pass. */
export interface Activity {
  /** ready: settled; degraded: usable in part; busy: an operation runs (wait); failed; deleting; gone. */
  state: 'ready' | 'degraded' | 'busy' | 'failed' | 'deleting' | 'gone';
  message: string;
  /** The API accepts an update in this state (an add-on in upgradeFailed can be upgraded again). */
  operable?: boolean;
}

/**
 * Where the kind may act now (after credentials are resolved). `go`: with the scope (e.g. the cluster id of a node
 * pool). `hold`: the scope is known but changes must wait (e.g. the cluster is not Ready): the resource is observed
 * and reported, nothing is written to the cloud. `wait`: nothing can be done yet. `unsupported`: never (Stalled).
 * `release`: only for a deleting object: there is nothing this object can delete (the message says why).
 */
export type Gate<Scope> =
  | { state: 'go'; scope: Scope }
  | { state: 'hold'; scope: Scope; reason: string; message: string; requeueMs?: number }
  | { state: 'wait'; reason: string; message: string; requeueMs?: number }
  | { state: 'unsupported'; reason: string; message: string }
  | { state: 'release'; message: string; warning: boolean };

/** Why a kind cannot say where the object's cloud is (the `target` rung). */
export type Unreachable = Exclude<Gate<never>, { state: 'go' | 'hold' }>;

export interface Created<R> {
  id: string | undefined;
  jobID?: string | undefined;
  observed?: R | undefined;
  requestId?: string | undefined;
  /** Status fields to record with the identity (e.g. the add-on's applied values hash). */
  set?: Record<string, unknown>;
  /** Event message; default "created <noun> <name> (<id>)". */
  message?: string;
}

export interface Applied<R> {
  /** Condition reason and Event reason (e.g. Updating, Upgrading, Scaling). */
  reason: string;
  message: string;
  jobID?: string | undefined;
  observed?: R | undefined;
  requestId?: string | undefined;
  set?: Record<string, unknown>;
  /** The family is multi-step (the cluster upgrade): the convergence guard does not apply to it. */
  multiStep?: boolean;
}

export interface Deleted<R> {
  jobID?: string | undefined;
  observed?: R | undefined;
  requestId?: string | undefined;
}

/** The four verbs (plus find-by-name) against the cloud, for one object's scope. No verb waits for a job. */
export interface External<O, R> {
  /** The resource by id; undefined when the cloud answers 404. */
  /** `fresh`: a refresh was requested, so read the resource itself, never a list shared with other objects. */
  observe(id: string, fresh?: boolean): Promise<R | undefined>;
  /** The resource this object would create, found by its cloud name (or template); undefined when none. */
  find(obj: O): Promise<R | undefined>;
  create(obj: O): Promise<Created<R>>;
  /** Starts one family's change. Throws for what the cloud or the documents refuse (Terminal for a spec problem). */
  update(obj: O, observed: R, family: Family, diffs: FieldDiff[]): Promise<Applied<R>>;
  delete(obj: O, observed: R): Promise<Deleted<R>>;
  /** Something holds the cloud name that `find` cannot see (a create conflicted): describe it, for NameTaken. */
  nameHolder?(obj: O): Promise<string | undefined>;
}

/** A step reported by a hook: the outcome and the status to record, and when to come back. */
export interface Step {
  outcome: Outcome;
  set?: Record<string, unknown>;
  requeueMs?: number;
  jobInFlight?: boolean;
  /** Record a Normal Event with the outcome's reason and message. */
  event?: boolean;
}

export interface Pass<O, R, Scope, C = CceClient> {
  obj: O;
  ctx: ReconcileContext<CustomObject>;
  cloud: C;
  scope: Scope;
  external: External<O, R>;
  observed: R;
}

/** What every target names: the Secret holding its credentials, if any (protected while used, watched). */
export interface CredentialsTarget {
  credentialsSecretRef?: { name: string } | undefined;
}

/**
 * `C` is the client a pass works with and `T` where it points: a CCE client for an ObjectTarget unless the kind
 * has its own `connect` (a kind whose API is not CCE's, e.g. a cluster registry).
 */
export interface ManagedKind<O extends ManagedObject, R, Scope, C = CceClient, T extends CredentialsTarget = ObjectTarget> {
  type: ResourceType;
  /** "cluster", "node pool", "add-on" (messages). */
  noun: string;
  /** The spec/status field holding the cloud id (`clusterID`, `nodePoolID`, `addonID`). */
  idField: string;
  fields: readonly FieldRule<O, R, Scope>[];
  /** The operation families, in the order a pass starts them (at most one per pass). */
  families: readonly Family[];
  /**
   * What the CRD cannot check (free-form fields' depth and size): the first problem, naming the field, or undefined.
   * Runs before the target and any cloud call of a live object; a problem is Stalled, reason InvalidSpec.
   */
  validate?(obj: O): string | undefined;
  /** The name the cloud resource has (spec.metadata.name or the object's name; the template for add-ons). */
  cloudName(obj: O): string;
  /** Where the object's cloud is (region, project, endpoint, credentials), from the spec and cached objects. */
  target(obj: O, ctx: ReconcileContext<CustomObject>): { target: T } | Unreachable;
  /**
   * The client for an API that is not CCE's (a cluster registry, the Kubernetes API): reads the Secret the target
   * names through `secrets` and throws CredentialsError as the default does (`secretMissing` for a missing Secret:
   * a wait while deleting). Absent: a CCE client for the ObjectTarget (CloudClients.forObject).
   */
  connect?(target: T, secrets: SecretReader, namespace: string): Promise<C>;
  /** Whether (and where) the kind may act now; may read the cloud (an unmanaged cluster). */
  gate(obj: O, ctx: ReconcileContext<CustomObject>, cloud: C): Promise<Gate<Scope>>;
  /** The verbs for one object's scope; `secrets` reads Secrets the spec names (e.g. a node pool's login password). */
  external(cloud: C, scope: Scope, secrets: SecretReader): External<O, R>;
  idOf(r: R): string | undefined;
  activity(r: R, obj: O): Activity;
  /** Status facts read from the cloud resource (phase, versions, counts...). Pure. */
  facts(r: R, obj: O): Record<string, unknown>;
  /** The settled resource is not Ready yet for a reason only the kind knows (nodes joining, version ahead). */
  readiness?(pass: Pass<O, R, Scope, C>): Step | undefined;
  /** Work in flight that only this kind has (the cluster's multi-step upgrade): runs before the diff. */
  inFlight?(pass: Pass<O, R, Scope, C>): Promise<Step | undefined>;
  /** After the resource matches its spec, before Ready (the kubeconfig export). */
  beforeReady?(pass: Pass<O, R, Scope, C>): Promise<Step | undefined>;
  /** Status to record when the resource is adopted (what counts as already applied). */
  onAdopt?(obj: O, observed: R): Record<string, unknown>;
  /** Deletion waits while these exist (a cluster's node pools). */
  deleteBlockers?(obj: O, ctx: ReconcileContext<CustomObject>): Promise<Step | undefined>;
  /** Watches of other kinds (a pool's CceCluster). */
  watches?: readonly WatchSpec<O>[];
  /** Indexes of this kind's cache, for its watch mappers (a pool's cluster reference: cluster-ref.ts). */
  indexes?: Readonly<Record<string, IndexFunc<O>>>;
  /** Readiness and cloud-phase message for the Ready condition (default "<noun> is <state>"). */
  readyMessage?(r: R, obj: O): { reason: string; message: string };
  /** The object ("namespace/name") has left the cache: drop what the kind keeps in memory for it. */
  forget?(key: string): void;
}
