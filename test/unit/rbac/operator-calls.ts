/**
 * Every Kubernetes API call cce-operator makes, as RBAC sees it (apiGroup, resource, verb), derived from the code:
 *
 *  - CALLS is the table of the Kubernetes API calls the code makes (ObjectApi methods, operator/runtime/kube/),
 *    one row per (file, method), with the verb it needs; `scanCalls()` finds every such call in the code that runs
 *    (the modules operator/main.ts imports, directly or not: each one that builds an ObjectApi), so a call missing
 *    from the table, or a row no code makes any more, fails;
 *  - which resources the generic rows ("every registered kind", "every informer") apply to comes from the real
 *    controller registry (operator/resources/registry.ts), so a new kind or a new watch shows up by itself.
 *
 * test/unit/rbac/role.test.ts compares the result with config/rbac; test/integration/e2e checks the calls a real run
 * makes (the apiserver's audit log) against it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../../operator/config.js';
import { CloudClients } from '../../../operator/resources/cloud-clients.js';
import { KubeSecrets } from '../../../operator/resources/kube-secrets.js';
import { controllers } from '../../../operator/resources/registry.js';
import { UserCredentials } from '../../../operator/runtime/kube/credentials.js';
import { KubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import type { ResourceType } from '../../../operator/runtime/kube-object.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** What a call acts on: the Lease, Events, Secrets, every registered custom kind (or its status), every informer. */
export type Target = 'lease' | 'events' | 'secrets' | 'argocd-secrets' | 'kinds' | 'kinds/status' | 'informers';

export interface CallRow {
  /** The file that makes the call (relative to the repository root). */
  file: string;
  /** The ObjectApi method (operator/runtime/kube/object-api.ts). */
  method: string;
  target: Target;
  verb: string;
}

const LEASES = 'operator/runtime/lease-store.ts';
const EVENTS = 'operator/runtime/events.ts';
const CLIENT = 'operator/runtime/resource-client.ts';
const INFORMER = 'operator/runtime/informer.ts';
const SECRETS = 'operator/resources/kube-secrets.ts';
const ARGOCD_SECRETS = 'operator/resources/registration/argocd-client.ts';

/** Every Kubernetes API call in the code that runs (reachable from operator/main.ts) → what RBAC checks. */
export const CALLS: readonly CallRow[] = [
  // leader election
  { file: LEASES, method: 'get', target: 'lease', verb: 'get' },
  { file: LEASES, method: 'create', target: 'lease', verb: 'create' },
  { file: LEASES, method: 'replace', target: 'lease', verb: 'update' },
  // Events, aggregated: created, then patched (count, lastTimestamp, message) when they repeat
  { file: EVENTS, method: 'create', target: 'events', verb: 'create' },
  { file: EVENTS, method: 'patch', target: 'events', verb: 'patch' },
  // ctx.client, the status writer and finalizers of every registered custom kind (get: the re-read after a 409)
  { file: CLIENT, method: 'get', target: 'kinds', verb: 'get' },
  { file: CLIENT, method: 'patch', target: 'kinds', verb: 'patch' },
  { file: CLIENT, method: 'patchStatus', target: 'kinds/status', verb: 'patch' },
  // informers of every registered and watched type (custom or core, full or metadata-only): list, then watch
  { file: INFORMER, method: 'list', target: 'informers', verb: 'list' },
  { file: INFORMER, method: 'watch', target: 'informers', verb: 'watch' },
  // credentials read (and Secret metadata: finalizers, kubeconfig ownership), kubeconfig created then replaced,
  // the credentials-in-use finalizer
  { file: SECRETS, method: 'get', target: 'secrets', verb: 'get' },
  { file: SECRETS, method: 'create', target: 'secrets', verb: 'create' },
  { file: SECRETS, method: 'replace', target: 'secrets', verb: 'update' },
  { file: SECRETS, method: 'patch', target: 'secrets', verb: 'patch' },
  // a CceClusterRegistration's Argo CD cluster Secret: read, created, replaced (as the kubeconfig Secrets);
  // deleted (uid precondition) in Argo CD's namespace only (config/rbac/argocd)
  { file: ARGOCD_SECRETS, method: 'get', target: 'secrets', verb: 'get' },
  { file: ARGOCD_SECRETS, method: 'create', target: 'secrets', verb: 'create' },
  { file: ARGOCD_SECRETS, method: 'replace', target: 'secrets', verb: 'update' },
  { file: ARGOCD_SECRETS, method: 'delete', target: 'argocd-secrets', verb: 'delete' },
];

export interface FoundCall {
  method: string;
  file: string;
  line: number;
}

/** The operator's own modules reachable from operator/main.ts through relative imports (type-only ones excluded). */
export function reachableFiles(entry = join(ROOT, 'operator', 'main.ts')): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
      if (m[2]) continue; // `import type` brings no code
      const target = resolve(dirname(path), (m[3] as string).replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return [...seen].sort();
}

/**
 * The Kubernetes API calls in the code that runs: in every reachable file that builds an ObjectApi (objectApi(...)
 * or new ObjectApi(...); the client's own files excepted), each `api.<method>(` call.
 */
export function scanCalls(): FoundCall[] {
  const found: FoundCall[] = [];
  for (const path of reachableFiles()) {
    const file = relative(ROOT, path);
    const text = readFileSync(path, 'utf8');
    if (file.startsWith('operator/runtime/kube/')) continue; // the client itself
    if (!/\b(objectApi(<[^>]*>)?\(|new ObjectApi\b)/.test(text)) continue;
    text.split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments
      for (const m of line.matchAll(/\bapi\.(\w+)\(/g)) found.push({ method: m[1] as string, file, line: i + 1 });
    });
  }
  return found;
}

/** The controllers the operator registers (operator/resources/registry.ts), built with inert dependencies. */
export function registeredControllers(): ReturnType<typeof controllers> {
  const kc = new KubeConfig({ server: 'https://127.0.0.1:1', insecureSkipTlsVerify: true }, new UserCredentials({}), 'none');
  return controllers({ kubeConfig: kc, clouds: new CloudClients(), secrets: new KubeSecrets(kc), defaultCredentials: undefined });
}

/** "group|resource|verb" (group '' = core). */
export type Permission = string;
export const permission = (group: string, resource: string, verb: string): Permission => `${group}|${resource}|${verb}`;

export interface RequiredPermissions {
  /** Needed in every namespace the operator serves (a ClusterRole). */
  clusterWide: Set<Permission>;
  /** Needed on the leader-election Lease only (a Role in its namespace). */
  lease: Set<Permission>;
  /** Needed in Argo CD's namespace only (config/rbac/argocd: a Role there), for CceClusterRegistrations. */
  argocd: Set<Permission>;
  /** The Lease the operator uses by default (operator/config.ts). */
  defaultLeaseName: string;
  /** The custom kinds the operator registers (their plurals). */
  kinds: ResourceType[];
}

/** What the code needs: CALLS resolved against the registry (callTableProblems() says whether CALLS is complete). */
export function requiredPermissions(): RequiredPermissions {
  const specs = registeredControllers();
  const kinds = specs.filter((s) => s.group !== '');
  const informers = new Map<string, ResourceType>();
  for (const s of specs) {
    informers.set(`${s.group}|${s.plural}`, s);
    for (const w of s.watches ?? []) informers.set(`${w.group}|${w.plural}`, w);
  }
  const clusterWide = new Set<Permission>();
  const lease = new Set<Permission>();
  const argocd = new Set<Permission>();
  for (const row of CALLS) {
    switch (row.target) {
      case 'lease':
        lease.add(permission('coordination.k8s.io', 'leases', row.verb));
        break;
      case 'events':
        clusterWide.add(permission('', 'events', row.verb));
        break;
      case 'secrets':
        clusterWide.add(permission('', 'secrets', row.verb));
        break;
      case 'argocd-secrets':
        argocd.add(permission('', 'secrets', row.verb));
        break;
      case 'kinds':
        for (const k of kinds) clusterWide.add(permission(k.group, k.plural, row.verb));
        break;
      case 'kinds/status':
        for (const k of kinds) clusterWide.add(permission(k.group, `${k.plural}/status`, row.verb));
        break;
      case 'informers':
        for (const t of informers.values()) clusterWide.add(permission(t.group, t.plural, row.verb));
        break;
    }
  }
  const parsed = parseConfig([], {});
  if (parsed.help) throw new Error('unexpected --help');
  // what the ClusterRole grants anyway is not asked of the Argo CD Role
  for (const p of clusterWide) argocd.delete(p);
  return { clusterWide, lease, argocd, defaultLeaseName: parsed.config.leaseName, kinds };
}

/** Calls in the code that the table lacks, and rows no code makes. */
export function callTableProblems(): string[] {
  const found = scanCalls();
  const problems: string[] = [];
  for (const c of found) {
    if (!CALLS.some((r) => r.file === c.file && r.method === c.method)) {
      problems.push(
        `${c.file}:${c.line}: ${c.method}() is not in CALLS (test/unit/rbac/operator-calls.ts): add the verb it needs, and grant it in config/rbac`,
      );
    }
  }
  for (const r of CALLS) {
    if (!found.some((c) => c.file === r.file && c.method === r.method)) {
      problems.push(
        `CALLS has ${r.file} ${r.method}() (${r.target} ${r.verb}) but the code that runs does not call it: drop the row (and the verb)`,
      );
    }
  }
  return problems;
}
