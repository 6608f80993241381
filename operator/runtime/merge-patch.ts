// RFC 7386 JSON merge patches: `mergePatch(current, desired)` is the smallest patch that turns `current`
// into `desired` (removed fields become null, arrays are replaced whole), or undefined when they are equal.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Normalises a value through JSON (drops undefined, Dates become strings). */
export function toJson(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return equal(toJson(a), toJson(b));
}

export function mergePatch(current: unknown, desired: unknown): Json | undefined {
  return diff(toJson(current), toJson(desired));
}

function diff(cur: Json, want: Json): Json | undefined {
  if (!isObject(cur) || !isObject(want)) return equal(cur, want) ? undefined : want;
  const patch: JsonObject = {};
  for (const k of Object.keys(cur)) if (!(k in want)) patch[k] = null;
  for (const [k, v] of Object.entries(want)) {
    if (!(k in cur)) {
      patch[k] = v;
      continue;
    }
    const d = diff(cur[k] as Json, v);
    if (d !== undefined) patch[k] = d;
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equal(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i] as Json));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k] as Json, b[k] as Json));
  }
  return false;
}
