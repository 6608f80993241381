/** JSON value types and small helpers for reading untyped request bodies. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a nested field (`get(body, 'spec', 'flavor')`); undefined when any step is missing. */
export function get(v: unknown, ...path: string[]): Json | undefined {
  let cur: unknown = v;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur as Json | undefined;
}

export function str(v: unknown, ...path: string[]): string | undefined {
  const x = get(v, ...path);
  return typeof x === 'string' ? x : undefined;
}

export function num(v: unknown, ...path: string[]): number | undefined {
  const x = get(v, ...path);
  return typeof x === 'number' ? x : undefined;
}

export function obj(v: unknown, ...path: string[]): JsonObject | undefined {
  const x = get(v, ...path);
  return isObject(x) ? x : undefined;
}

/** Deep copy of a JSON value. */
export function clone<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Drops keys whose value is undefined, so a rendered object is plain JSON. */
export function compact(o: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
