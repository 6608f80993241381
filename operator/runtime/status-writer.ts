// Conflict-safe status writes: a JSON merge patch to the status subresource carrying the resourceVersion the
// status was computed from (so a concurrent write makes the API server answer 409), skipped when nothing
// changed, retried on 409 by re-reading the object and recomputing.
import { isConflict, isNotFound } from './api-errors.js';
import { keyOf, parseKey } from './keys.js';
import type { CustomObject } from './kube-object.js';
import { mergePatch, type Json } from './merge-patch.js';
import type { ResourceClient } from './resource-client.js';
import { NotFound } from './result.js';

/** The desired status, or a function of the current one (re-applied to the fresh object after a conflict). */
export type StatusUpdate<S, T = CustomObject<unknown, S>> = S | ((current: S | undefined, obj: T) => S);

/** The status type of a custom object type. */
export type StatusOf<T extends CustomObject> = NonNullable<T['status']>;

export interface StatusWriteResult<T> {
  obj: T;
  /** False when the status already matched and no request was sent. */
  changed: boolean;
}

export class StatusWriter<T extends CustomObject> {
  constructor(
    private readonly client: ResourceClient<T>,
    private readonly maxAttempts = 5,
  ) {}

  /**
   * Makes the object's status equal `update` (fields missing from it are removed). Returns the object as
   * stored afterwards. Throws NotFound if the object is gone.
   */
  async write(obj: T, update: StatusUpdate<StatusOf<T>, T>): Promise<StatusWriteResult<T>> {
    const ref = parseKey(keyOf(obj));
    let current = obj;
    for (let attempt = 1; ; attempt++) {
      const desired =
        typeof update === 'function'
          ? (update as (s: StatusOf<T> | undefined, o: T) => StatusOf<T>)(current.status as StatusOf<T> | undefined, current)
          : update;
      const patch = mergePatch(current.status ?? {}, desired);
      if (patch === undefined) return { obj: current, changed: false };
      const body: Json = { metadata: { resourceVersion: current.metadata?.resourceVersion ?? null }, status: patch };
      try {
        return { obj: await this.client.patch(ref, body, 'status'), changed: true };
      } catch (err) {
        if (isNotFound(err)) throw new NotFound(`${keyOf(obj)} is gone`, { cause: err });
        if (!isConflict(err) || attempt >= this.maxAttempts) throw err;
        current = await this.reread(ref, obj);
      }
    }
  }

  private async reread(ref: ReturnType<typeof parseKey>, obj: T): Promise<T> {
    try {
      return await this.client.get(ref);
    } catch (err) {
      if (isNotFound(err)) throw new NotFound(`${keyOf(obj)} is gone`, { cause: err });
      throw err;
    }
  }
}
