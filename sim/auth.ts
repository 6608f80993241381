/**
 * Authentication like the cloud: an accepted `X-Auth-Token`, or an AK/SK `SDK-HMAC-SHA256` signature verified
 * over exactly the SignedHeaders the request names (host and X-Project-Id may be unsigned), the request target
 * as received (origin- or absolute-form) and the exact body bytes (GET bodies included). X-Sdk-Date must be
 * within 15 minutes of the simulator's clock. Failure reasons never include a secret.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest, parseAuthorization, parseSdkDate, signature, signaturesEqual } from '../operator/cloud/signer.js';
import { CceError } from './errors.js';

export interface AuthConfig {
  accessKey: string;
  secretKey: string;
  tokens: readonly string[];
}

export const MAX_SKEW_MS = 15 * 60 * 1000;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Throws CceError('unauthorized') unless the request is authenticated. */
export function authenticate(
  cfg: AuthConfig,
  req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  now: number,
): void {
  const token = header(req.headers, 'x-auth-token');
  if (token !== undefined) {
    if (token.length > 16384 || !cfg.tokens.includes(token)) throw new CceError('unauthorized', 'the X-Auth-Token is not valid');
    return;
  }
  const authorization = header(req.headers, 'authorization');
  if (!authorization) throw new CceError('unauthorized', 'no X-Auth-Token or Authorization header');
  const parsed = parseAuthorization(authorization);
  if (!parsed) throw new CceError('unauthorized', 'the Authorization header is not SDK-HMAC-SHA256');
  if (parsed.accessKey !== cfg.accessKey) throw new CceError('unauthorized', 'the access key is unknown');
  const dateHeader = header(req.headers, 'x-sdk-date');
  const date = dateHeader ? parseSdkDate(dateHeader) : undefined;
  if (!dateHeader || !date) throw new CceError('unauthorized', 'X-Sdk-Date is missing or malformed');
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS)
    throw new CceError('unauthorized', 'X-Sdk-Date is more than 15 minutes from the server time');
  const missing = parsed.signedHeaders.find((h) => header(req.headers, h.toLowerCase()) === undefined);
  if (missing) throw new CceError('unauthorized', `signed header ${missing} is not in the request`);
  const canonical = canonicalRequest({ method: req.method, url: req.url, headers: req.headers, body: req.body }, parsed.signedHeaders);
  const expected = signature(cfg.secretKey, dateHeader, canonical);
  if (!signaturesEqual(expected, parsed.signature.toLowerCase())) throw new CceError('unauthorized', 'the signature does not match');
}
