// The minimal shape the runtime needs from any Kubernetes object, and the coordinates of a resource type.

import type { ObjectMeta } from './kube/types.js';

/** Object metadata as the wire carries it: one definition, shared with the Kubernetes client (kube/types.ts). */
export type { ObjectMeta };

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A custom resource with a typed spec and status. */
export interface CustomObject<Spec = unknown, Status = unknown> extends KubeObject {
  spec?: Spec;
  status?: Status;
}

/** Where a resource type lives in the API. `namespaced` defaults to true. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced?: boolean;
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** A stable id for a resource type ("cceclusters.cce.operator.dev/v1alpha1"), used to share informers. */
export function typeId(t: Pick<ResourceType, 'group' | 'version' | 'plural'>): string {
  return `${t.plural}.${t.group}/${t.version}`;
}

/** The list/watch path, cluster-wide or within one namespace. */
export function collectionPath(t: ResourceType, namespace?: string): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = namespace && t.namespaced !== false ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${t.plural}`;
}

export function isDeleting(obj: KubeObject): boolean {
  return Boolean(obj.metadata?.deletionTimestamp);
}
