// A bearer token read from a file that something else rotates: the in-cluster ServiceAccount's projected token
// (the kubelet replaces it well before it expires) or a kubeconfig user's tokenFile. Like client-go's cached
// file token source it is re-read at least every minute; it is also re-read as soon as the file changes (checked
// at most once a second with a stat) and after a 401. A read that fails keeps the last good token.
import { readFileSync, statSync } from 'node:fs';
import type { CredentialSource, Credentials } from './credentials.js';

export interface TokenFileOptions {
  /** Re-read at least this often (default 60 s, as client-go). */
  maxAgeMs?: number;
  /** Check the file for a change at most this often (default 1 s). */
  statEveryMs?: number;
  now?: () => number;
}

export class TokenFileCredentials implements CredentialSource {
  private current: Credentials | undefined;
  private readAt = 0;
  private statAt = 0;
  private stamp = '';
  private readonly now: () => number;

  constructor(
    readonly path: string,
    private readonly opts: TokenFileOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  get(): Credentials {
    const now = this.now();
    if (!this.current || now - this.readAt >= (this.opts.maxAgeMs ?? 60_000)) return this.read(now);
    if (now - this.statAt >= (this.opts.statEveryMs ?? 1_000)) {
      this.statAt = now;
      if (this.fileStamp() !== this.stamp) return this.read(now);
    }
    return this.current;
  }

  rejected(used: Credentials): boolean {
    const fresh = this.read(this.now());
    return fresh.token !== used.token;
  }

  private read(now: number): Credentials {
    let token: string;
    try {
      const stamp = this.fileStamp();
      token = readFileSync(this.path, 'utf8').trim();
      if (!token) throw new Error('the file is empty');
      this.stamp = stamp;
    } catch (err) {
      if (this.current) return this.current;
      const e = err as NodeJS.ErrnoException;
      throw new Error(`cannot read token file ${this.path}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`, {
        cause: err,
      });
    }
    this.readAt = this.statAt = now;
    if (token !== this.current?.token) this.current = { token };
    return this.current as Credentials;
  }

  /** What changes when the file is replaced or rewritten (the kubelet swaps a symlink: a new inode). */
  private fileStamp(): string {
    try {
      const s = statSync(this.path);
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      return '';
    }
  }
}
