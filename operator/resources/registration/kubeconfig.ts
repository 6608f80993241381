/**
 * The exported kubeconfig, as the registries want it. The CceCluster writes the CCE certificate API's kubeconfig
 * (JSON, which is YAML) into its Secret; CCE's has one context per endpoint (internal, external, ...). PaddleFlow
 * gets the kubeconfig itself, base64, with its current context on the registered endpoint; Argo CD gets the TLS
 * client configuration of that context. Everything here handles secrets: nothing is logged or returned in errors
 * beyond the field names. Pure.
 */
import { parse, stringify } from 'yaml';

interface NamedCluster {
  name: string;
  cluster: { server?: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean };
}
interface NamedUser {
  name: string;
  user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string; username?: string; password?: string };
}
interface NamedContext {
  name: string;
  context: { cluster: string; user?: string };
}

export interface Kubeconfig {
  clusters?: NamedCluster[];
  users?: NamedUser[];
  contexts?: NamedContext[];
  'current-context'?: string;
  [key: string]: unknown;
}

/** The kubeconfig, or a description of what is wrong with it (never its content). */
export function parseKubeconfig(text: string): Kubeconfig | { problem: string } {
  let kc: unknown;
  try {
    kc = parse(text);
  } catch {
    return { problem: 'is not YAML or JSON' };
  }
  if (!kc || typeof kc !== 'object' || Array.isArray(kc)) return { problem: 'is not a kubeconfig object' };
  const k = kc as Kubeconfig;
  if (!Array.isArray(k.clusters) || !k.clusters.length || !Array.isArray(k.contexts) || !k.contexts.length)
    return { problem: 'has no clusters or contexts' };
  return k;
}

/** The context whose cluster serves `endpoint`, else the current one, else the first. */
export function contextFor(kc: Kubeconfig, endpoint: string | undefined): NamedContext | undefined {
  const norm = (u: string | undefined) => (u ?? '').replace(/\/+$/, '');
  const serving = kc.contexts?.find(
    (c) => norm(kc.clusters?.find((cl) => cl.name === c.context.cluster)?.cluster.server) === norm(endpoint) && !!endpoint,
  );
  return serving ?? kc.contexts?.find((c) => c.name === kc['current-context']) ?? kc.contexts?.[0];
}

/** The server of the kubeconfig's context for `endpoint` (the endpoint to register when the cluster lists none). */
export function serverOf(kc: Kubeconfig, endpoint?: string): string | undefined {
  const ctx = contextFor(kc, endpoint);
  return kc.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster.server;
}

/**
 * PaddleFlow's `credential`: the kubeconfig, base64. When its current context is not the one serving `endpoint`,
 * the current context is switched to it (re-serialized as YAML); otherwise the exported text is sent unchanged.
 */
export function paddleflowCredential(text: string, kc: Kubeconfig, endpoint: string): string {
  const ctx = contextFor(kc, endpoint);
  const body = ctx && ctx.name !== kc['current-context'] ? stringify({ ...kc, 'current-context': ctx.name }) : text;
  return Buffer.from(body, 'utf8').toString('base64');
}

/** Argo CD's cluster `config` (ClusterConfig: bearerToken / username+password, tlsClientConfig) for `endpoint`. */
export function argocdConfig(kc: Kubeconfig, endpoint: string): Record<string, unknown> {
  const ctx = contextFor(kc, endpoint);
  const cluster = kc.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster ?? {};
  const user = kc.users?.find((u) => u.name === ctx?.context.user)?.user ?? {};
  const tls: Record<string, unknown> = { insecure: cluster['insecure-skip-tls-verify'] === true };
  if (cluster['certificate-authority-data']) tls.caData = cluster['certificate-authority-data'];
  if (user['client-certificate-data']) tls.certData = user['client-certificate-data'];
  if (user['client-key-data']) tls.keyData = user['client-key-data'];
  return {
    ...(user.token ? { bearerToken: user.token } : {}),
    ...(user.username ? { username: user.username, password: user.password ?? '' } : {}),
    tlsClientConfig: tls,
  };
}
