/**
 * Shapes shared by every CCE v3 object: the Kubernetes-like envelope, list wrappers, tags.
 * Field names are copied from the API references (seeds 003 and 004); unknown fields pass through untouched.
 */

/** String map as the API uses it for labels and annotations. */
export type StringMap = Record<string, string>;

/** Free-form JSON object (add-on values, extend params). */
export type JsonObject = { [key: string]: unknown };

export interface ObjectMeta {
  name?: string;
  uid?: string;
  alias?: string;
  labels?: StringMap;
  annotations?: StringMap;
  creationTimestamp?: string;
  updateTimestamp?: string;
}

/** `{kind, apiVersion, items}` as returned by every CCE list call (no pagination is documented). */
export interface ListOf<T> {
  kind?: string;
  apiVersion?: string;
  metadata?: unknown;
  items: T[];
}

/** Cloud resource tag (TMS). `value` may be empty but is always present when creating. */
export interface ResourceTag {
  key: string;
  value?: string;
}

/** The two API families; both use the same client. */
export type CceFlavor = 'standard' | 'autopilot';
