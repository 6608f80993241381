/**
 * config/rbac grants the operator exactly what its code calls (operator-calls.ts derives that from the code):
 * no verb the code never uses, none it uses missing; the Lease only in the operator's namespace, only by name;
 * one editor and one viewer ClusterRole per kind for tenants.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import {
  callTableProblems,
  permission,
  requiredPermissions,
  ROOT,
  scanCalls,
  type Permission,
  type RequiredPermissions,
} from './operator-calls.js';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
  roleRef?: { kind: string; name: string };
  subjects?: Array<{ kind: string; name: string; namespace?: string }>;
  spec?: { template?: { spec?: { serviceAccountName?: string; containers?: Array<{ args?: string[] }> } } };
}

/** The manifests a kustomization directory lists (resources only: files and nested directories). */
function kustomize(dir: string): Manifest[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources?: string[] };
  const out: Manifest[] = [];
  for (const r of k.resources ?? []) {
    const p = join(dir, r);
    if (r.endsWith('.yaml'))
      out.push(
        ...parseAllDocuments(readFileSync(p, 'utf8'))
          .map((d) => d.toJSON() as Manifest)
          .filter(Boolean),
      );
    else out.push(...kustomize(p));
  }
  return out;
}

/** Every (group, resource, verb) a set of rules grants; resourceNames rules separately. */
function expand(rules: readonly Rule[]): { all: Set<Permission>; named: Map<Permission, string[]> } {
  const all = new Set<Permission>();
  const named = new Map<Permission, string[]>();
  for (const r of rules) {
    for (const g of r.apiGroups ?? [])
      for (const res of r.resources ?? [])
        for (const v of r.verbs) {
          const p = permission(g, res, v);
          if (r.resourceNames?.length) named.set(p, [...(named.get(p) ?? []), ...r.resourceNames]);
          else all.add(p);
        }
  }
  return { all, named };
}

const sorted = (s: Iterable<string>) => [...s].sort();
const minus = (a: Iterable<string>, b: Set<string>) => sorted([...a].filter((x) => !b.has(x)));

describe('RBAC (config/rbac) against the calls the code makes', () => {
  const rbac = kustomize(join(ROOT, 'config', 'rbac'));
  const manager = kustomize(join(ROOT, 'config', 'manager'));
  const sa = rbac.find((m) => m.kind === 'ServiceAccount');
  const deployment = manager.find((m) => m.kind === 'Deployment');
  let needs: RequiredPermissions;
  before(() => {
    needs = requiredPermissions();
  });
  const boundTo = (binding: Manifest) =>
    (binding.subjects ?? []).some(
      (s) => s.kind === 'ServiceAccount' && s.name === sa?.metadata.name && s.namespace === sa?.metadata.namespace,
    );
  const operatorClusterRoles = rbac
    .filter((m) => m.kind === 'ClusterRoleBinding' && boundTo(m))
    .map((b) => rbac.find((m) => m.kind === 'ClusterRole' && m.metadata.name === b.roleRef?.name) as Manifest);
  const operatorRoles = rbac
    .filter((m) => m.kind === 'RoleBinding' && boundTo(m))
    .map((b) => ({
      binding: b,
      role: rbac.find(
        (m) => m.kind === 'Role' && m.metadata.name === b.roleRef?.name && m.metadata.namespace === b.metadata.namespace,
      ) as Manifest,
    }));

  it('the call table matches the code: every Kubernetes API call is listed, every row is still called', () => {
    expect(scanCalls().length, 'the scan finds the calls at all').to.be.greaterThan(10);
    expect(callTableProblems()).to.deep.equal([]);
  });

  it('the Deployment runs as the ServiceAccount the bindings name, in its namespace', () => {
    expect(sa, 'config/rbac has a ServiceAccount').to.exist;
    expect(deployment?.metadata.namespace).to.equal(sa?.metadata.namespace);
    expect(deployment?.spec?.template?.spec?.serviceAccountName).to.equal(sa?.metadata.name);
    expect(operatorClusterRoles.every(Boolean), 'every ClusterRoleBinding names a ClusterRole in config/rbac').to.equal(true);
    expect(
      operatorRoles.every((r) => r.role),
      'every RoleBinding names a Role in its namespace',
    ).to.equal(true);
  });

  it('the ClusterRole grants exactly the cluster-wide calls: no verb the code never uses, none missing', () => {
    const granted = new Set<Permission>();
    for (const r of operatorClusterRoles) {
      const { all, named } = expand(r.rules ?? []);
      expect(sorted(named.keys()), `${r.metadata.name}: resourceNames in a ClusterRole`).to.deep.equal([]);
      for (const p of all) granted.add(p);
    }
    expect({ grantedButNeverUsed: minus(granted, needs.clusterWide), usedButNotGranted: minus(needs.clusterWide, granted) }).to.deep.equal({
      grantedButNeverUsed: [],
      usedButNotGranted: [],
    });
  });

  it('no wildcard anywhere in what the operator is granted', () => {
    for (const r of [...operatorClusterRoles, ...operatorRoles.map((x) => x.role)]) {
      for (const rule of r.rules ?? []) {
        expect([...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...rule.verbs], r.metadata.name).not.to.include('*');
      }
    }
  });

  it('the Lease: never in a ClusterRole; a Role in the operator namespace grants create, and get/update of its Lease only', () => {
    for (const r of operatorClusterRoles) {
      for (const rule of r.rules ?? []) expect(rule.resources ?? [], r.metadata.name).not.to.include('leases');
    }
    const args = deployment?.spec?.template?.spec?.containers?.[0]?.args ?? [];
    const leaseName = args.find((a) => a.startsWith('--lease-name='))?.split('=')[1] ?? needs.defaultLeaseName;
    expect(
      args.some((a) => a.startsWith('--lease-namespace')),
      'the Lease lives in $POD_NAMESPACE (the default)',
    ).to.equal(false);
    expect(leaseName).to.equal(needs.defaultLeaseName);
    expect(operatorRoles).to.have.length(1);
    const { role, binding } = operatorRoles[0] as { role: Manifest; binding: Manifest };
    expect(role.metadata.namespace).to.equal(deployment?.metadata.namespace);
    expect(binding.metadata.namespace).to.equal(deployment?.metadata.namespace);
    const { all, named } = expand(role.rules ?? []);
    // create cannot be limited by name (the name is not known when it is authorized); get and update can
    const want = sorted(needs.lease);
    expect(sorted([...all, ...named.keys()])).to.deep.equal(want);
    expect(sorted(all)).to.deep.equal([permission('coordination.k8s.io', 'leases', 'create')]);
    for (const [p, names] of named) expect(names, p).to.deep.equal([leaseName]);
  });

  it("Argo CD cluster Secrets: delete only in Argo CD's namespace (config/rbac/argocd), bound to the operator", () => {
    const argocd = kustomize(join(ROOT, 'config', 'rbac', 'argocd'));
    const k = parse(readFileSync(join(ROOT, 'config', 'rbac', 'argocd', 'kustomization.yaml'), 'utf8')) as { namespace?: string };
    expect(k.namespace, "the kustomization puts it in Argo CD's default namespace").to.equal('argocd');
    const bindings = argocd.filter((m) => m.kind === 'RoleBinding');
    expect(bindings).to.have.length(1);
    const binding = bindings[0] as Manifest;
    expect(boundTo(binding), 'bound to the operator ServiceAccount').to.equal(true);
    const role = argocd.find((m) => m.kind === 'Role' && m.metadata.name === binding.roleRef?.name);
    expect(role, 'the RoleBinding names the Role beside it').to.exist;
    const { all, named } = expand(role?.rules ?? []);
    expect(named.size).to.equal(0);
    expect(sorted(all)).to.deep.equal(sorted(needs.argocd));
    expect(sorted(needs.argocd), 'the ClusterRole lacks what this Role adds').to.deep.equal([permission('', 'secrets', 'delete')]);
  });

  it('tenants: one editor and one viewer ClusterRole per kind the operator serves, bound to nobody', () => {
    const tenantRoles = rbac.filter((m) => m.kind === 'ClusterRole' && /-(editor|viewer)-role$/.test(m.metadata.name));
    const expected: string[] = [];
    for (const k of needs.kinds) {
      for (const [role, verbs] of [
        ['editor', ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
        ['viewer', ['get', 'list', 'watch']],
      ] as const) {
        const name = `${k.plural}-${role}-role`;
        expected.push(name);
        const r = tenantRoles.find((m) => m.metadata.name === name);
        expect(r, `config/rbac has ClusterRole ${name}`).to.exist;
        const { all, named } = expand(r?.rules ?? []);
        expect(named.size).to.equal(0);
        expect(sorted(all), name).to.deep.equal(
          sorted([...verbs.map((v) => permission(k.group, k.plural, v)), permission(k.group, `${k.plural}/status`, 'get')]),
        );
      }
    }
    expect(sorted(tenantRoles.map((m) => m.metadata.name))).to.deep.equal(sorted(expected));
    const bound = rbac.filter((m) => /Binding$/.test(m.kind)).map((b) => b.roleRef?.name);
    for (const name of expected) expect(bound, name).not.to.include(name);
  });
});
