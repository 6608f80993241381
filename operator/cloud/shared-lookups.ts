/**
 * Shared list lookups. Finding a resource by name means listing its scope (every cluster of the project, every
 * pool or add-on of a cluster); a fleet created in one go would list the same scope once per object — O(N²) data.
 * Here one list serves every lookup in its scope that starts while it is in flight or within `ttlMs` after.
 *
 * Crash- and retry-safe: a lookup of a name never uses a list that started before this process's last create
 * attempt for that name (`created` is called before the request is sent), so the lookup that resolves a lost create
 * answer — or a 409 — always sees the create. A create sent by an earlier process happened before any list this
 * process starts. A resource created by someone else shows after at most `ttlMs` (and a create of the same name
 * meanwhile is refused with 409, which is then looked up fresh).
 */
export class SharedLookups {
  private seq = 0;
  private readonly entries = new Map<string, Entry<unknown>>();
  /** scope + name -> seq of the last create attempt. */
  private readonly creates = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `scope`'s list (what `fetch` gives) for a lookup of `name`: shared when recent enough and started after `name`'s last create. */
  get<T>(scope: string, name: string, fetch: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return fetch();
    const after = this.creates.get(key(scope, name)) ?? 0;
    const e = this.entries.get(scope) as Entry<T> | undefined;
    if (e && e.seq > after && (e.settledAt === undefined || this.now() - e.settledAt < this.ttlMs)) return e.items;
    const entry: Entry<T> = { seq: ++this.seq, settledAt: undefined, items: fetch() };
    this.entries.set(scope, entry);
    const drop = () => {
      if (this.entries.get(scope) === entry) this.entries.delete(scope);
    };
    entry.items.then(() => {
      entry.settledAt = this.now();
      setTimeout(drop, this.ttlMs).unref?.();
    }, drop);
    return entry.items;
  }

  /** A create of `name` in `scope` is about to be sent. */
  created(scope: string, name: string): void {
    this.creates.set(key(scope, name), ++this.seq);
  }

  /** Scopes with a list held (tests, metrics). */
  size(): number {
    return this.entries.size;
  }
}

interface Entry<T> {
  seq: number;
  settledAt: number | undefined;
  items: Promise<T>;
}

const key = (scope: string, name: string) => `${scope}\u0000${name}`;
