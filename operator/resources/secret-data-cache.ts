/**
 * Credentials Secrets read once per resourceVersion. Every pass of every managed object resolves its credentials;
 * a GET of the Secret each time is one apiserver read per pass (2,500 objects, ~5 passes each, then one per
 * resync). The metadata-only Secret informer (which the credentials guard runs anyway) says which version is
 * current; while it shows the version last read, the data read then is used. A Secret the cache does not show
 * (not synced yet, or just created) is read every time, so nothing stale is ever served for long: a rotated
 * Secret is read again as soon as its watch event arrives. The data lives only in memory, as the clients built
 * from it already do.
 */
import type { SecretReader } from './credentials.js';

/** The resourceVersion the informer cache shows for Secret namespace/name, if any. */
export type SecretVersionOf = (namespace: string, name: string) => string | undefined;

interface Entry {
  version: string;
  data: Record<string, string>;
}

export class SecretDataCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly secrets: SecretReader,
    /** At most this many Secrets are kept; the least recently used goes first. */
    private readonly max = 256,
  ) {}

  /** A reader that answers from the cache while `versionOf` shows the version it read. */
  reader(versionOf: SecretVersionOf): SecretReader {
    return { read: (namespace, name) => this.read(namespace, name, versionOf(namespace, name)) };
  }

  /** How many Secrets are held (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  private async read(namespace: string, name: string, version: string | undefined): Promise<Record<string, string> | undefined> {
    const key = `${namespace}/${name}`;
    const hit = this.entries.get(key);
    if (hit && version !== undefined && hit.version === version) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, hit);
      return hit.data;
    }
    this.entries.delete(key);
    const data = await this.secrets.read(namespace, name);
    // A GET is a quorum read: what it returned is at least `version`, so keeping it under `version` never serves
    // older data; the next version the watch brings misses and reads again.
    if (data !== undefined && version !== undefined) {
      this.entries.set(key, { version, data });
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    }
    return data;
  }
}
