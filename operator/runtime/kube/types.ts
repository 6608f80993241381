// The few Kubernetes API shapes the operator reads and writes, as they are on the wire (JSON; timestamps are
// RFC 3339 strings). Only the fields the operator uses are typed; objects carry whatever else the server sends.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  /** RFC 3339 strings on the wire (a Date is accepted in objects built by hand; it serialises the same). */
  deletionTimestamp?: string | Date;
  creationTimestamp?: string | Date;
  ownerReferences?: OwnerReference[];
  /** Dropped from informer caches (it is most of an object's metadata and nothing reads it). */
  managedFields?: unknown[];
}

export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
}

export interface KubernetesList<T extends KubernetesObject = KubernetesObject> {
  apiVersion?: string;
  kind?: string;
  metadata?: ListMeta;
  items: T[];
}

/** metav1.Status: what the API server answers on errors (and on some deletes). */
export interface Status {
  apiVersion?: string;
  kind?: 'Status';
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ reason?: string; message?: string; field?: string }> };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends KubernetesObject = KubernetesObject> {
  type: WatchEventType;
  /** The object; a Status for ERROR; only metadata.resourceVersion for BOOKMARK. */
  object: T;
}

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

/** core/v1 Secret: `data` values are base64. */
export interface Secret extends KubernetesObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event. */
export interface CoreEvent extends KubernetesObject {
  involvedObject: ObjectReference;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

/** coordination.k8s.io/v1 Lease; times are MicroTime strings (RFC 3339 with microseconds). */
export interface Lease extends KubernetesObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** A MicroTime string as client-go writes it: 2006-01-02T15:04:05.000000Z. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1) + '000Z';
}
