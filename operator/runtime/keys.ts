// Object keys: "namespace/name" for namespaced objects, "name" for cluster-scoped ones (as client-go).

export interface ObjectRef {
  namespace?: string;
  name: string;
}

interface HasMeta {
  metadata?: { name?: string; namespace?: string };
}

export function keyOf(obj: HasMeta): string {
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${name}` : name;
}

export function keyFor(ref: ObjectRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

export function parseKey(key: string): ObjectRef {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
