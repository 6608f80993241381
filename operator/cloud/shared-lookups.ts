/**
 * Shared list lookups. Finding a resource by name means listing its scope (every cluster of the project, every
 * pool or add-on of a cluster); a fleet created in one go would list the same scope once per object — O(N²) data.
 * Here one list serves every lookup in its scope that starts while it is in flight or within `ttlMs` after.
 *
 * Crash- and retry-safe: a name this process has tried to create (`created` is called before the request is sent)
 * is not looked up in a shared list for `createMemoryMs` after (10 min: a create request gives up after 30 s and
 * the cloud shows what it created at once, the job runs after), so the lookup that resolves a lost create answer — or
 * a 409 — lists afresh and sees the create once the cloud shows it. The memory is bounded by the creates of the last
 * 10 minutes, not by every create since the process started. A create sent by an earlier process happened before any list
 * this process starts. A resource created by someone else shows after at most `ttlMs` (and a create of the same name
 * meanwhile is refused with 409, which is then looked up fresh).
 *
 * The same lists also serve observations by id (`observe`): the pools of a cluster polled together read one
 * ListNodePools instead of one ShowNodePool each. An observation uses only a list that started after this process's
 * last change to that resource was answered (`mutation`), never one while a change is in flight, and a resource
 * missing from the list is left to the caller's own GET (a shared list never decides that something is gone).
 */
export class SharedLookups {
  private readonly entries = new Map<string, Entry<unknown>>();
  /** scope + name → when this process last tried to create it, oldest first (expired ones are dropped). */
  private readonly creates = new Map<string, number>();
  /** Lists and answered changes are numbered in the order they happen (started / answered). */
  private seq = 0;
  /**
   * scope → id → the number of this process's last answered change to it (Infinity while one is in flight). A list
   * started in the scope makes every answered change older than it moot, so they are dropped then: the map holds
   * only changes no list has followed yet.
   */
  private readonly changes = new Map<string, Map<string, number>>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    readonly createMemoryMs = 600_000,
  ) {}

  /** `scope`'s list (what `fetch` gives) for a lookup of `name`: shared when recent enough, unless `name` was created here. */
  get<T>(scope: string, name: string, fetch: () => Promise<T>): Promise<T> {
    // A name this process tried to create is always looked up fresh: that lookup resolves a lost answer or a 409,
    // and an answer cached from just before the cloud acted must not hide the create.
    if (this.ttlMs <= 0 || this.createdRecently(key(scope, name))) return fetch();
    const e = this.entries.get(scope) as Entry<T> | undefined;
    if (e && this.recent(e)) return e.items;
    return this.start(scope, fetch).items;
  }

  /**
   * `scope`'s list for an observation of the resource `id`: shared when recent enough and started after this
   * process's last change to `id` was answered; a new list otherwise. Undefined while a change to `id` is in flight
   * (the caller reads the resource itself).
   */
  observe<T>(scope: string, id: string, fetch: () => Promise<T>): Promise<T> | undefined {
    if (this.ttlMs <= 0) return undefined;
    const changed = this.changes.get(scope)?.get(id) ?? 0;
    if (changed === Infinity) return undefined;
    const e = this.entries.get(scope) as Entry<T> | undefined;
    if (e && e.started > changed && this.recent(e)) return e.items;
    return this.start(scope, fetch).items;
  }

  /** Runs `change` (a create, update or delete of `id` in `scope`; for a create, the id it answers with). */
  async mutation<T>(
    scope: string,
    id: string | undefined,
    change: () => Promise<T>,
    createdId?: (answer: T) => string | undefined,
  ): Promise<T> {
    if (id !== undefined) this.changed(scope, id, Infinity);
    try {
      const answer = await change();
      const made = createdId?.(answer);
      if (made !== undefined) this.changed(scope, made, ++this.seq);
      return answer;
    } finally {
      if (id !== undefined) this.changed(scope, id, ++this.seq);
    }
  }

  /** A list still in flight, or settled less than `ttlMs` ago. */
  private recent(e: Entry<unknown>): boolean {
    return e.settledAt === undefined || this.now() - e.settledAt < this.ttlMs;
  }

  private changed(scope: string, id: string, seq: number): void {
    let ids = this.changes.get(scope);
    if (!ids) this.changes.set(scope, (ids = new Map()));
    ids.set(id, seq);
  }

  private start<T>(scope: string, fetch: () => Promise<T>): Entry<T> {
    const entry: Entry<T> = { started: ++this.seq, settledAt: undefined, items: fetch() };
    this.entries.set(scope, entry);
    // This list follows every answered change in the scope; one still in flight stays recorded.
    const ids = this.changes.get(scope);
    if (ids) {
      for (const [id, seq] of ids) if (seq !== Infinity) ids.delete(id);
      if (!ids.size) this.changes.delete(scope);
    }
    const drop = () => {
      if (this.entries.get(scope) === entry) this.entries.delete(scope);
    };
    entry.items.then(() => {
      entry.settledAt = this.now();
      setTimeout(drop, this.ttlMs).unref?.();
    }, drop);
    return entry;
  }

  /** A create of `name` in `scope` is about to be sent. */
  created(scope: string, name: string): void {
    const k = key(scope, name);
    this.creates.delete(k); // re-inserted last: the map stays in the order of the attempts
    this.creates.set(k, this.now());
    for (const [old, at] of this.creates) {
      if (this.now() - at < this.createMemoryMs) break;
      this.creates.delete(old);
    }
  }

  private createdRecently(k: string): boolean {
    const at = this.creates.get(k);
    return at !== undefined && this.now() - at < this.createMemoryMs;
  }

  /** Scopes with a list held (tests, metrics). */
  size(): number {
    return this.entries.size;
  }

  /** Names whose create attempt is still remembered (tests). */
  rememberedCreates(): number {
    return this.creates.size;
  }

  /** Changes recorded that no list has followed yet, or still in flight (tests). */
  pendingChanges(): number {
    let n = 0;
    for (const ids of this.changes.values()) n += ids.size;
    return n;
  }
}

interface Entry<T> {
  /** Its number in the order of lists started and changes answered. */
  started: number;
  settledAt: number | undefined;
  items: Promise<T>;
}

const key = (scope: string, name: string) => `${scope}\u0000${name}`;
