// Plain-object fakes of the runtime's small interfaces, for unit tests.
import type { CacheReader } from '../../../operator/runtime/informer.js';
import { keyFor, keyOf, type ObjectRef } from '../../../operator/runtime/keys.js';
import type { CustomObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import type { Json } from '../../../operator/runtime/merge-patch.js';
import type { ResourceClient } from '../../../operator/runtime/resource-client.js';

export const testType: ResourceType = { group: 'test.example.com', version: 'v1', plural: 'widgets', kind: 'Widget' };

export function apiError(code: number): Error {
  return Object.assign(new Error(`HTTP ${code}`), { code });
}

export function applyMergePatch(target: unknown, patch: Json): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** An in-memory API server for one type: resourceVersion preconditions, 404s and injectable failures. */
export class FakeClient implements ResourceClient<CustomObject> {
  readonly type = testType;
  readonly store = new Map<string, CustomObject>();
  readonly calls: Array<{ op: 'get' | 'patch'; key: string; body?: Json; sub?: string }> = [];
  /** Errors thrown by the next patch calls, in order. */
  failNextPatches: Error[] = [];
  private rv = 100;

  put(obj: CustomObject): CustomObject {
    const stored = structuredClone(obj);
    stored.metadata = { ...stored.metadata, resourceVersion: String(++this.rv) };
    this.store.set(keyOf(stored), stored);
    return structuredClone(stored);
  }

  /** Someone else writes the object (bumps resourceVersion). */
  touch(key: string, edit: (o: CustomObject) => void = () => {}): void {
    const o = structuredClone(this.store.get(key) as CustomObject);
    edit(o);
    this.put(o);
  }

  async get(ref: ObjectRef): Promise<CustomObject> {
    const key = keyFor(ref);
    this.calls.push({ op: 'get', key });
    const o = this.store.get(key);
    if (!o) throw apiError(404);
    return structuredClone(o);
  }

  async patch(ref: ObjectRef, body: Json, sub?: 'status'): Promise<CustomObject> {
    const key = keyFor(ref);
    this.calls.push({ op: 'patch', key, body, ...(sub ? { sub } : {}) });
    const injected = this.failNextPatches.shift();
    if (injected) throw injected;
    const cur = this.store.get(key);
    if (!cur) throw apiError(404);
    const want = (body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    if (want && want !== cur.metadata?.resourceVersion) throw apiError(409);
    const allowed = sub === 'status' ? { status: (body as { status?: Json }).status ?? null } : { ...(body as object), status: undefined };
    const next = applyMergePatch(cur, JSON.parse(JSON.stringify(allowed)) as Json) as CustomObject;
    return this.put(next);
  }

  patches(): number {
    return this.calls.filter((c) => c.op === 'patch').length;
  }
}

export class FakeCache implements CacheReader<CustomObject> {
  readonly objects = new Map<string, CustomObject>();
  set(obj: CustomObject): void {
    this.objects.set(keyOf(obj), obj);
  }
  get(ref: ObjectRef): CustomObject | undefined {
    return this.objects.get(keyFor(ref));
  }
  list(namespace?: string): readonly CustomObject[] {
    return [...this.objects.values()].filter((o) => !namespace || o.metadata?.namespace === namespace);
  }
}

export function widget(
  name: string,
  extra: Partial<CustomObject> & { generation?: number; annotations?: Record<string, string> } = {},
): CustomObject {
  const { generation = 1, annotations, ...rest } = extra;
  return {
    apiVersion: 'test.example.com/v1',
    kind: 'Widget',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, generation, resourceVersion: '1', ...(annotations ? { annotations } : {}) },
    spec: { size: 1 },
    ...rest,
  };
}
