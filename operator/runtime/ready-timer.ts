// Time from a spec change to Ready, per object: the controller notes when it first sees a generation, the
// reconciler says when the object is Ready for a generation, and the difference is observed once. After a
// restart the clock starts at the first sight of the object, so a restart never reports a huge number.

export class ReadyTimer {
  private readonly seenAt = new Map<string, { generation: number; at: number }>();

  /** The controller saw `generation` of `key` at `now` (kept when that generation was already seen). */
  seen(key: string, generation: number | undefined, now: number): void {
    if (generation === undefined) return;
    const prev = this.seenAt.get(key);
    if (prev && prev.generation >= generation) return;
    this.seenAt.set(key, { generation, at: now });
  }

  /** Seconds from first sight to Ready when `key` is Ready for a generation it was waiting for; once per generation. */
  ready(key: string, generation: number | undefined, now: number): number | undefined {
    const prev = this.seenAt.get(key);
    if (!prev || generation === undefined || generation < prev.generation) return undefined;
    this.seenAt.delete(key);
    return Math.max(0, now - prev.at) / 1000;
  }

  forget(key: string): void {
    this.seenAt.delete(key);
  }
}
