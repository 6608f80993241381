// What a request authenticates with, and where it comes from: fixed values from the kubeconfig (client
// certificate, token, basic auth), plus at most one source that changes over time (a token file, an exec plugin).
// A source is asked before every request (it caches) and told when the API server answered 401, so it can fetch
// fresh credentials for one retry.

export interface Credentials {
  /** Bearer token. */
  token?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** Client certificate and key (PEM). */
  cert?: string | Buffer | undefined;
  key?: string | Buffer | undefined;
}

export interface CredentialSource {
  /** The credentials for the next request. */
  get(): Credentials | Promise<Credentials>;
  /**
   * The API server answered 401 to a request sent with `used`: forget them. True when the next get() may
   * return different credentials (so one retry is worth it).
   */
  rejected(used: Credentials): boolean;
}

/** The Authorization header value for `c`, if any. */
export function authorizationOf(c: Credentials): string | undefined {
  if (c.token) return `Bearer ${c.token}`;
  if (c.username !== undefined || c.password !== undefined) {
    return `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`, 'utf8').toString('base64')}`;
  }
  return undefined;
}

/** Fixed credentials, optionally completed by a changing source (whose values win). */
export class UserCredentials implements CredentialSource {
  private lastDynamic: Credentials | undefined;
  private lastMerged: Credentials | undefined;

  constructor(
    readonly fixed: Credentials,
    readonly dynamic?: CredentialSource,
  ) {}

  get(): Credentials | Promise<Credentials> {
    if (!this.dynamic) return this.fixed;
    const d = this.dynamic.get();
    return d instanceof Promise ? d.then((v) => this.merge(v)) : this.merge(d);
  }

  rejected(used: Credentials): boolean {
    return this.dynamic?.rejected(used === this.lastMerged && this.lastDynamic ? this.lastDynamic : used) ?? false;
  }

  private merge(d: Credentials): Credentials {
    if (d !== this.lastDynamic || !this.lastMerged) {
      this.lastDynamic = d;
      this.lastMerged = { ...this.fixed, ...definedOnly(d) };
    }
    return this.lastMerged;
  }
}

function definedOnly(c: Credentials): Credentials {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as Credentials;
}
