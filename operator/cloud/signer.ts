/**
 * Huawei Cloud API Gateway request signing, `SDK-HMAC-SHA256` (the algorithm of the official SDKs and the
 * Terraform provider). Pure functions: the client signs with them, the simulator verifies with them.
 *
 * canonical request = METHOD \n URI \n QUERY \n HEADERS \n SIGNED_HEADERS \n hex(sha256(body))
 *   URI:      each path segment percent-encoded (RFC 3986 unreserved kept), always ending in "/"
 *   QUERY:    key=value pairs, both encoded, sorted by key then value
 *   HEADERS:  "name:trimmed value\n" for each signed header, lower-case names, sorted
 * string to sign = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(canonical request))
 * signature = hex(HMAC-SHA256(SK, string to sign))
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignableRequest {
  method: string;
  /** Absolute URL or origin-form target (`/path?query`). */
  url: string;
  /** Header names in any case. */
  headers: Record<string, string | string[] | undefined>;
  body?: string | Uint8Array;
}

export interface AkSk {
  accessKey: string;
  secretKey: string;
}

/** RFC 3986 encoding as the Huawei signers do it: everything but A-Z a-z 0-9 - _ . ~ is escaped. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Path and query of an absolute or origin-form target, without a URL parser: WHATWG URL rejects hosts such as
 * `<cluster-id>.127.0.0.1` (a name ending in a number is read as an IPv4 address), which Terraform-style add-on
 * URLs aimed at loopback use.
 */
function splitTarget(url: string): { path: string; query: string } {
  const target = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/, '');
  const q = target.indexOf('?');
  const path = (q < 0 ? target : target.slice(0, q)) || '/';
  return { path, query: q < 0 ? '' : target.slice(q + 1) };
}

export function canonicalUri(path: string): string {
  const segments = path.split('/').map((s) => rfc3986(safeDecode(s)));
  let uri = segments.join('/');
  if (!uri.endsWith('/')) uri += '/';
  if (!uri.startsWith('/')) uri = '/' + uri;
  return uri;
}

export function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      const v = i < 0 ? '' : p.slice(i + 1);
      return [rfc3986(safeDecode(k.replace(/\+/g, ' '))), rfc3986(safeDecode(v.replace(/\+/g, ' ')))] as const;
    });
  pairs.sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function headerValue(headers: SignableRequest['headers'], name: string): string {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim();
  }
  return '';
}

export function hexSha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The lower-case, sorted header names a signer signs by default: every header present. */
export function defaultSignedHeaders(headers: SignableRequest['headers']): string[] {
  return Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h !== 'authorization' && h !== 'content-length')
    .sort();
}

export function canonicalRequest(req: SignableRequest, signedHeaders: readonly string[]): string {
  const { path, query } = splitTarget(req.url);
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerLines = names.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    headerLines,
    names.join(';'),
    hexSha256(req.body ?? ''),
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${hexSha256(canonical)}`;
}

export function signature(secretKey: string, sdkDate: string, canonical: string): string {
  return createHmac('sha256', secretKey).update(stringToSign(sdkDate, canonical)).digest('hex');
}

/** `X-Sdk-Date` format: 20191115T033655Z (UTC). */
export function sdkDate(now: Date = new Date()): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses `X-Sdk-Date`; returns undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface SignResult {
  authorization: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * Signs a request whose headers already include `X-Sdk-Date` (and `Host` when it should be signed).
 * Returns the `Authorization` header value; the caller sets it.
 */
export function sign(req: SignableRequest, creds: AkSk, signedHeaders = defaultSignedHeaders(req.headers)): SignResult {
  const date = headerValue(req.headers, 'x-sdk-date');
  if (!date) throw new Error('cannot sign a request without an X-Sdk-Date header');
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const sig = signature(creds.secretKey, date, canonicalRequest(req, names));
  return {
    signedHeaders: names,
    signature: sig,
    authorization: `${SIGNING_ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${names.join(';')}, Signature=${sig}`,
  };
}

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`; undefined when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = /^SDK-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const part of m[1]!.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) fields.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  const accessKey = fields.get('Access');
  const signed = fields.get('SignedHeaders');
  const sig = fields.get('Signature');
  if (!accessKey || !signed || !sig) return undefined;
  return { accessKey, signedHeaders: signed.split(';').filter(Boolean), signature: sig };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
