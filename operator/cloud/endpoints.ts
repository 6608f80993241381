/**
 * Where requests go. The CCE API endpoint is `https://cce.{region}.myhuaweicloud.com` unless overridden.
 * Add-on and storage calls are documented on `https://{cluster_id}.{endpoint}` [003 §3.1, 004 §3.1]; the official
 * SDK sends them to the main endpoint, and an IP/localhost endpoint cannot take a DNS prefix, so both forms are
 * supported and `addonEndpoint` pins them to one address (tests aim everything at one simulator).
 */
import { isIP } from 'node:net';

export function defaultEndpoint(region: string): string {
  if (!/^[a-z0-9-]+$/.test(region)) throw new RangeError(`invalid region id: ${JSON.stringify(region)}`);
  return `https://cce.${region}.myhuaweicloud.com`;
}

/** Normalised origin (+ optional base path, no trailing slash) of the CCE endpoint. */
export function resolveEndpoint(opts: { region?: string; endpoint?: string }): string {
  const raw = opts.endpoint ?? (opts.region ? defaultEndpoint(opts.region) : undefined);
  if (!raw) throw new RangeError('either region or endpoint is required');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`unsupported endpoint scheme ${url.protocol}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `main`: the CCE endpoint (as the official SDK does); `cluster`: the documented `{cluster_id}.` host form. */
export type AddonHostMode = 'main' | 'cluster';

function canPrefix(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) === 0 && bare !== 'localhost';
}

/** Base URL for add-on / storage calls of a cluster. */
export function addonBase(
  endpoint: string,
  clusterId: string | undefined,
  opts: { addonEndpoint?: string; addonHostMode?: AddonHostMode } = {},
): string {
  if (opts.addonEndpoint) return resolveEndpoint({ endpoint: opts.addonEndpoint });
  if ((opts.addonHostMode ?? 'cluster') === 'main' || !clusterId) return endpoint;
  const url = new URL(endpoint);
  if (!canPrefix(url.hostname)) return endpoint;
  if (!/^[A-Za-z0-9-]{1,63}$/.test(clusterId)) return endpoint;
  url.hostname = `${clusterId}.${url.hostname}`;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
