/**
 * Request authentication: AK/SK `SDK-HMAC-SHA256` signing (with `X-Security-Token` for temporary credentials) or
 * an IAM token in `X-Auth-Token`. The transport calls `applyAuth` for every attempt, so each gets a fresh
 * `X-Sdk-Date` and a signature over exactly the bytes being sent.
 */
import { sdkDate, sign } from './signer.js';

export interface AkSkCredentials {
  kind: 'aksk';
  accessKey: string;
  secretKey: string;
  /** Temporary (STS) credentials: sent as `X-Security-Token` and signed. */
  securityToken?: string;
}

export interface TokenCredentials {
  kind: 'token';
  /** A project-scoped IAM token, or a function returning a current one (called per attempt). */
  token: string | (() => string | Promise<string>);
}

export type CceCredentials = AkSkCredentials | TokenCredentials;

/** Headers a request may carry: lower-case names. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface AuthTarget {
  method: string;
  url: URL;
  headers: HeaderMap;
  body: string | Uint8Array | undefined;
}

/** Headers the signer signs when present (the official SDK signs content-type;host;x-project-id;x-sdk-date). */
const SIGNABLE = ['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token'];

/** Literal secret values of the credentials, for redaction. */
export function credentialSecrets(c: CceCredentials): string[] {
  if (c.kind === 'aksk') return [c.accessKey, c.secretKey, c.securityToken].filter((s): s is string => !!s);
  return typeof c.token === 'string' ? [c.token] : [];
}

/**
 * Adds the auth headers to `target.headers` (mutates it). Returns the token used, if any, so the caller can add it
 * to its redaction list.
 */
export async function applyAuth(
  target: AuthTarget,
  creds: CceCredentials,
  projectId: string | undefined,
  now = new Date(),
): Promise<string | undefined> {
  const h = target.headers;
  if (projectId) h['x-project-id'] = projectId;
  if (creds.kind === 'token') {
    const token = typeof creds.token === 'string' ? creds.token : await creds.token();
    h['x-auth-token'] = token;
    return token;
  }
  h['host'] = target.url.host;
  h['x-sdk-date'] = sdkDate(now);
  if (creds.securityToken) h['x-security-token'] = creds.securityToken;
  const signed = SIGNABLE.filter((name) => h[name] !== undefined);
  const result = sign(
    { method: target.method, url: target.url.pathname + target.url.search, headers: h, body: target.body ?? '' },
    { accessKey: creds.accessKey, secretKey: creds.secretKey },
    signed,
  );
  h['authorization'] = result.authorization;
  return undefined;
}
