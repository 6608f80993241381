// Finalizer add/remove as merge patches of metadata.finalizers with a resourceVersion precondition, no-ops
// when already in the wanted state, retried on 409 by re-reading.
import { isConflict, isNotFound } from './api-errors.js';
import { keyOf, parseKey } from './keys.js';
import type { KubeObject } from './kube-object.js';
import type { ResourceClient } from './resource-client.js';
import { NotFound } from './result.js';

export function hasFinalizer(obj: KubeObject, name: string): boolean {
  return obj.metadata?.finalizers?.includes(name) ?? false;
}

export class Finalizers<T extends KubeObject> {
  constructor(
    private readonly client: ResourceClient<T>,
    private readonly maxAttempts = 5,
  ) {}

  has(obj: T, name: string): boolean {
    return hasFinalizer(obj, name);
  }

  /** Adds `name` unless present. Returns the stored object. Throws NotFound if the object is gone. */
  async ensure(obj: T, name: string): Promise<T> {
    const out = await this.edit(obj, (list) => (list.includes(name) ? undefined : [...list, name]));
    if (!out) throw new NotFound(`${keyOf(obj)} is gone`);
    return out;
  }

  /**
   * Removes `name` if present. Returns the stored object, or undefined when the object no longer exists
   * (removing the last finalizer of a deleting object lets the API server delete it).
   */
  async remove(obj: T, name: string): Promise<T | undefined> {
    return this.edit(obj, (list) => (list.includes(name) ? list.filter((f) => f !== name) : undefined));
  }

  private async edit(obj: T, change: (list: string[]) => string[] | undefined): Promise<T | undefined> {
    const ref = parseKey(keyOf(obj));
    let current = obj;
    for (let attempt = 1; ; attempt++) {
      const next = change(current.metadata?.finalizers ?? []);
      if (!next) return current;
      try {
        const rv = current.metadata?.resourceVersion ?? null;
        return await this.client.patch(ref, { metadata: { resourceVersion: rv, finalizers: next } });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isConflict(err) || attempt >= this.maxAttempts) throw err;
        try {
          current = await this.client.get(ref);
        } catch (e) {
          if (isNotFound(e)) return undefined;
          throw e;
        }
      }
    }
  }
}
