/**
 * Shared list lookups. Finding a resource by name means listing its scope (every cluster of the project, every
 * pool or add-on of a cluster); a fleet created in one go would list the same scope once per object — O(N²) data.
 * Here one list serves every lookup in its scope that starts while it is in flight or within `ttlMs` after.
 *
 * Crash- and retry-safe: a name this process has tried to create (`created` is called before the request is sent)
 * is never looked up in a shared list, so the lookup that resolves a lost create answer — or a 409 — always lists
 * afresh and sees the create once the cloud shows it. A create sent by an earlier process happened before any list
 * this process starts. A resource created by someone else shows after at most `ttlMs` (and a create of the same name
 * meanwhile is refused with 409, which is then looked up fresh).
 */
export class SharedLookups {
  private readonly entries = new Map<string, Entry<unknown>>();
  /** scope + name of every name this process tried to create. */
  private readonly creates = new Set<string>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `scope`'s list (what `fetch` gives) for a lookup of `name`: shared when recent enough, unless `name` was created here. */
  get<T>(scope: string, name: string, fetch: () => Promise<T>): Promise<T> {
    // A name this process tried to create is always looked up fresh: that lookup resolves a lost answer or a 409,
    // and an answer cached from just before the cloud acted must not hide the create.
    if (this.ttlMs <= 0 || this.creates.has(key(scope, name))) return fetch();
    const e = this.entries.get(scope) as Entry<T> | undefined;
    if (e && (e.settledAt === undefined || this.now() - e.settledAt < this.ttlMs)) return e.items;
    const entry: Entry<T> = { settledAt: undefined, items: fetch() };
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
    this.creates.add(key(scope, name));
  }

  /** Scopes with a list held (tests, metrics). */
  size(): number {
    return this.entries.size;
  }
}

interface Entry<T> {
  settledAt: number | undefined;
  items: Promise<T>;
}

const key = (scope: string, name: string) => `${scope}\u0000${name}`;
