// Which watch events of a kind's own objects are worth a reconcile. Writing status produces an update
// event too; reconciling on it would only re-observe what was just written, so updates count only when
// generation (spec), labels, annotations (incl. the refresh annotation) or deletion changed. Finalizer
// edits (usually our own) do not count: they would cost one more cloud observe per object.
import { jsonEqual } from './merge-patch.js';
import type { KubeObject } from './kube-object.js';

function fingerprint(obj: KubeObject): unknown {
  const m = obj.metadata ?? {};
  return {
    uid: m.uid,
    generation: m.generation,
    labels: m.labels ?? {},
    annotations: m.annotations ?? {},
    deleting: m.deletionTimestamp ? String(m.deletionTimestamp) : null,
  };
}

/** Remembers the last meaningful state per key. */
export class ChangeFilter {
  private readonly last = new Map<string, unknown>();

  /** True when `obj` differs meaningfully from the last state seen for `key` (always true the first time). */
  changed(key: string, obj: KubeObject): boolean {
    const fp = fingerprint(obj);
    const prev = this.last.get(key);
    this.last.set(key, fp);
    return prev === undefined || !jsonEqual(prev, fp);
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
