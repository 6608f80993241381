/**
 * What the CRD cannot say, checked by the managed ladder before any cloud call (a spec problem is a Stalled
 * `InvalidSpec` naming the field, never a crash or a retry loop):
 *   - free-form fields (`x-kubernetes-preserve-unknown-fields`: an add-on's `values`, a node template's
 *     `extendParam`) have no depth or size limit in the schema; hashing and comparing them recurses, so a value
 *     nested thousands deep would overflow the stack on every pass. Walked iteratively here, with bounds.
 *   - the cloud target (`projectID`, `region`, `endpoint`), which a node pool or add-on may inherit from its
 *     CceCluster, or which an object stored before the CRD's patterns may carry: a control character in a header
 *     value fails in the HTTP client as if it were a network error.
 * Pure.
 */
import type { ObjectTarget } from './cloud-clients.js';
import { ENDPOINT_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from './common-schema.js';

export interface FreeFormLimits {
  /** Levels of objects/arrays below the field itself. */
  maxDepth: number;
  /** Object keys plus array items, all levels. */
  maxEntries: number;
  /** Characters of keys and string values, all levels (a bound on the JSON size). */
  maxChars: number;
}

export const FREE_FORM_LIMITS: FreeFormLimits = { maxDepth: 32, maxEntries: 10_000, maxChars: 256 * 1024 };

/** The first bound `value` (at `field`, e.g. `spec.values`) exceeds, as a message naming the field; else undefined. */
export function freeFormProblem(field: string, value: unknown, limits: FreeFormLimits = FREE_FORM_LIMITS): string | undefined {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: field }];
  let entries = 0;
  let chars = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (typeof v === 'string') chars += v.length;
    if (v === null || typeof v !== 'object') {
      if (chars > limits.maxChars) return `${field} is too large: more than ${limits.maxChars} characters of keys and strings`;
      continue;
    }
    if (depth >= limits.maxDepth) return `${field} is nested too deep: more than ${limits.maxDepth} levels (at ${path})`;
    const children: Array<[string, unknown]> = Array.isArray(v)
      ? v.map((x, i) => [`[${i}]`, x])
      : Object.entries(v as Record<string, unknown>);
    entries += children.length;
    if (entries > limits.maxEntries) return `${field} is too large: more than ${limits.maxEntries} keys and items`;
    for (const [k, child] of children) {
      if (!k.startsWith('[')) chars += k.length;
      stack.push({ v: child, depth: depth + 1, path: path.length < 200 ? `${path}${k.startsWith('[') ? k : `.${k}`}` : path });
    }
    if (chars > limits.maxChars) return `${field} is too large: more than ${limits.maxChars} characters of keys and strings`;
  }
  return undefined;
}

/** The first malformed part of a cloud target, as a message naming the field; else undefined. */
export function targetProblem(t: ObjectTarget): string | undefined {
  const show = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}...` : v);
  if (!new RegExp(PROJECT_ID_PATTERN).test(t.projectID))
    return `spec.projectID ${show(t.projectID)} is not a project id (letters, digits, - and _ only)`;
  if (t.region && !new RegExp(REGION_PATTERN).test(t.region))
    return `spec.region ${show(t.region)} is not a region id (lower-case letters, digits and -)`;
  if (t.endpoint && !new RegExp(ENDPOINT_PATTERN).test(t.endpoint))
    return `${t.endpointFrom ?? 'spec.endpoint'} ${show(t.endpoint)} is not an http(s) URL`;
  return undefined;
}
