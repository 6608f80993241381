/**
 * Which CCE endpoints the operator-wide credentials may be sent to. An object may name any endpoint
 * (`spec.endpoint`, or its CceCluster's); the operator's own credentials (environment HW_ACCESS_KEY / ...) go only
 * to endpoints the operator trusts:
 *   - the Huawei Cloud regional endpoint of the object's region (`https://cce.{region}.myhuaweicloud.com`),
 *   - the `--cce-endpoint` override,
 *   - the `--trusted-endpoints` allow-list (URL prefixes).
 * Any other endpoint needs the object's own credentials Secret. Both sides are compared in the form the CCE client
 * sends requests to (`resolveEndpoint`: scheme, lower-case host, port, path; no user info, query or fragment), so
 * `https://trusted.example@evil.example` or `https://trusted.example.evil.example` never pass as
 * `https://trusted.example`. A prefix matches when scheme, host and port are equal and its path is the endpoint's
 * path or a parent of it at a `/` boundary. Pure.
 */
import { defaultEndpoint, resolveEndpoint } from '../cloud/index.js';

/** The endpoint in the client's form, or undefined when it is not an http(s) URL the client would use. */
export function normaliseEndpoint(raw: string): string | undefined {
  try {
    return resolveEndpoint({ endpoint: raw.trim() });
  } catch {
    return undefined;
  }
}

/** `endpoint` lies under `prefix` (both in the client's form). */
export function underPrefix(endpoint: string, prefix: string): boolean {
  const e = new URL(endpoint);
  const p = new URL(prefix);
  if (e.origin !== p.origin) return false;
  const base = p.pathname.replace(/\/+$/, '');
  const path = e.pathname.replace(/\/+$/, '');
  return base === '' || path === base || path.startsWith(`${base}/`);
}

/**
 * Parses a comma-separated list of URL prefixes (the `--trusted-endpoints` flag). Throws RangeError naming the first
 * entry that is not an http(s) URL.
 */
export function parseEndpointList(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (!entry) continue;
    if (!/^https?:\/\//i.test(entry)) throw new RangeError(`"${entry}" is not an http:// or https:// URL`);
    const normal = normaliseEndpoint(entry);
    if (!normal) throw new RangeError(`"${entry}" is not a valid URL`);
    out.push(normal);
  }
  return out;
}

export interface TrustPolicy {
  /** `--cce-endpoint` (empty: none). */
  operatorEndpoint?: string | undefined;
  /** `--trusted-endpoints`, already normalised (parseEndpointList). */
  trusted?: readonly string[] | undefined;
}

/** The regional endpoint of `region`, when the region is a valid id. */
function regional(region: string | undefined): string | undefined {
  if (!region) return undefined;
  try {
    return defaultEndpoint(region);
  } catch {
    return undefined;
  }
}

/**
 * Whether the operator-wide credentials may go to `endpoint` (an object's own or inherited `spec.endpoint`). No
 * endpoint means the operator's choice (`--cce-endpoint` or the regional one): trusted.
 */
export function trustsEndpoint(policy: TrustPolicy, endpoint: string | undefined, region: string | undefined): boolean {
  if (!endpoint) return true;
  const normal = normaliseEndpoint(endpoint);
  if (!normal) return false;
  const allowed = [
    regional(region),
    policy.operatorEndpoint ? normaliseEndpoint(policy.operatorEndpoint) : undefined,
    ...(policy.trusted ?? []),
  ];
  return allowed.some((p) => p !== undefined && underPrefix(normal, p));
}
