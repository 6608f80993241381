/**
 * What a user (or Argo CD) installs, run as the operator's own identity: `kubectl apply -k config/default` into the
 * test kube-apiserver (then again server-side, as Argo CD syncs with ServerSideApply=true: field manager
 * argocd-controller, conflicts forced), a token for the ServiceAccount config/rbac
 * ships (`kubectl create token`), the operator as a local process with a kubeconfig holding only that token (leader
 * election on, its Lease where the Deployment puts it), the samples applied, `kubectl wait --for=condition=Ready`,
 * a refresh, `kubectl delete -k config/samples`, and nothing left. The Deployment is applied too but never runs:
 * this apiserver has no kube-controller-manager or scheduler, so it stays a Deployment with no pods.
 *
 * RBAC is checked two ways: nothing the operator did was refused (its log, and the apiserver's audit log of
 * service-account requests: no 403), and every call it made is in the call table test/unit/rbac/role.test.ts holds
 * config/rbac to (test/unit/rbac/operator-calls.ts). That unit test is what fails on a verb granted but never used: it
 * reads the calls from the code, so it also covers paths one run does not take (the re-read after a 409, a Secret
 * replaced on rotation, an Event repeated within 10 minutes); this run reports which granted verbs it did not use.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { SimAdmin } from '../../../sim/admin-client.js';
import { startSimulator, type RunningSim } from '../../../sim/server.js';
import { customizationFor, luaAvailable, runArgoLua } from '../../unit/argocd/argo-lua.js';
import { permission, requiredPermissions, type Permission } from '../../unit/rbac/operator-calls.js';
import { createTestNamespace, testEnv } from '../setup.js';
import { startOperator, stopAllOperators, type OperatorProcess } from '../support/operator.js';
import { waitFor } from '../support/wait.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const AK = 'DEMOACCESSKEY0000001'; // config/samples/demo-credentials.yaml
const SK = 'demo-secret-key-not-a-real-one';
const OPERATOR_NS = 'cce-operator-system'; // config/manager, config/rbac
const SA = 'cce-operator';
const SA_USER = `system:serviceaccount:${OPERATOR_NS}:${SA}`;
const LEASE = 'cce-operator-leader';

const SAMPLES = {
  ccecluster: ['demo-cluster'],
  ccenodepool: ['demo-general', 'demo-batch'],
  cceaddon: ['demo-metrics-server', 'demo-coredns'],
} as const;
const sampleRefs = Object.entries(SAMPLES).flatMap(([kind, names]) => names.map((n) => `${kind}/${n}`));

interface AuditEvent {
  verb: string;
  user: { username: string };
  objectRef?: { apiGroup?: string; resource?: string; subresource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
  requestURI: string;
  userAgent?: string;
}

describe('e2e: config/default installed with kubectl, the operator running as its own ServiceAccount', function () {
  this.timeout(300000);
  let sim: RunningSim;
  let ns: string;
  let dir: string;
  let operator: OperatorProcess;
  let installed = false;

  /** kubectl as the test environment's admin (the user applying manifests, not the operator). */
  async function kubectl(...args: string[]): Promise<string> {
    const env = testEnv();
    const { stdout } = await run(env.binaries.kubectl, ['--kubeconfig', env.kubeconfigPath, ...args], { maxBuffer: 64 << 20 });
    return stdout;
  }

  function auditOfOperator(): AuditEvent[] {
    return readFileSync(testEnv().auditLogPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEvent)
      .filter((e) => e.user.username === SA_USER && !e.userAgent?.startsWith('kubectl')); // not this test's `kubectl auth whoami`
  }

  before(async () => {
    ns = await createTestNamespace('e2e');
    dir = mkdtempSync(join(tmpdir(), 'cce-e2e-'));
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'demo-project', jobSeconds: 1 });
  });

  // The CRDs stay as config/default installs them: crds/, which `make test` checks against the TypeScript source
  // (check-crds) before the integration tests run, so the suites after this one see the same CRDs.
  after(async () => {
    await stopAllOperators();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('config/default applies with kubectl apply -k, and again server-side (as Argo CD syncs with ServerSideApply=true)', async function () {
    const config = join(root, 'config', 'default');
    await kubectl('apply', '-k', config);
    // Argo CD's server-side sync: its own field manager, conflicts forced (as Argo CD does)
    await kubectl('apply', '-k', config, '--server-side', '--force-conflicts', '--field-manager=argocd-controller');
    const manifests = parseAllDocuments(await kubectl('kustomize', config)).map(
      (d) => d.toJSON() as { kind: string; metadata: { name: string } },
    );
    const crds = manifests.filter((m) => m.kind === 'CustomResourceDefinition').map((m) => `crd/${m.metadata.name}`);
    await kubectl('wait', '--for=condition=Established', '--timeout=60s', ...crds);
    const names = (await kubectl('get', '-n', OPERATOR_NS, 'serviceaccount,role,rolebinding,deployment,poddisruptionbudget', '-o', 'name'))
      .split('\n')
      .filter(Boolean);
    expect(names.sort()).to.deep.equal(
      [
        'deployment.apps/cce-operator',
        'poddisruptionbudget.policy/cce-operator',
        'role.rbac.authorization.k8s.io/cce-operator-leader-election',
        'rolebinding.rbac.authorization.k8s.io/cce-operator-leader-election',
        'serviceaccount/cce-operator',
        // the namespace's own default ServiceAccount (no controller-manager here: it may not exist)
        ...(names.includes('serviceaccount/default') ? ['serviceaccount/default'] : []),
      ].sort(),
    );
    const clusterRoles = (await kubectl('get', 'clusterroles', '-l', 'app.kubernetes.io/name=cce-operator', '-o', 'name'))
      .split('\n')
      .filter(Boolean);
    const tenantRoles = requiredPermissions().kinds.flatMap((k) => [`${k.plural}-editor-role`, `${k.plural}-viewer-role`]);
    expect(clusterRoles.sort()).to.deep.equal(
      ['cce-operator', ...tenantRoles].map((n) => `clusterrole.rbac.authorization.k8s.io/${n}`).sort(),
    );
    installed = true;
  });

  it('the ServiceAccount may do what the operator does, and not more (kubectl auth can-i)', async function () {
    if (!installed) this.skip();
    const can = async (...args: string[]) =>
      (await kubectl('auth', 'can-i', '--as', SA_USER, ...args).catch((e: { stdout?: string }) => e.stdout ?? '')).trim();
    const table: Array<[string[], 'yes' | 'no']> = [
      [['update', `leases/${LEASE}`, '-n', OPERATOR_NS], 'yes'],
      [['create', 'leases', '-n', OPERATOR_NS], 'yes'],
      [['update', 'leases/other', '-n', OPERATOR_NS], 'no'],
      [['update', 'leases/kube-controller-manager', '-n', 'kube-system'], 'no'],
      [['get', 'leases', '-n', 'kube-system'], 'no'],
      [['patch', 'cceclusters', '--subresource=status', '-n', ns], 'yes'],
      [['get', 'cceclusters', '--subresource=status', '-n', ns], 'no'],
      [['update', 'cceclusters', '-n', ns], 'no'],
      [['update', 'cceclusters', '--subresource=status', '-n', ns], 'no'],
      [['update', 'cceclusters', '--subresource=finalizers', '-n', ns], 'no'],
      [['delete', 'cceclusters', '-n', ns], 'no'],
      [['create', 'cceclusters', '-n', ns], 'no'],
      // Argo CD cluster Secrets are deleted under config/rbac/argocd's Role, in Argo CD's namespace only: nowhere else.
      [['delete', 'secrets', '-n', ns], 'no'],
      [['update', 'secrets', '-n', ns], 'yes'],
      [['update', 'events', '-n', ns], 'no'],
      [['list', 'events', '-n', ns], 'no'],
      [['create', 'pods', '-n', ns], 'no'],
    ];
    const got: Array<[string, string]> = [];
    for (const [args] of table) got.push([args.join(' '), await can(...args)]);
    expect(got).to.deep.equal(table.map(([args, want]) => [args.join(' '), want]));
  });

  it('tenants: the editor and viewer roles, bound in a namespace, allow what they say', async function () {
    if (!installed) this.skip();
    await kubectl('create', 'rolebinding', 'alice-edits-clusters', '-n', ns, '--clusterrole=cceclusters-editor-role', '--user=alice');
    await kubectl('create', 'rolebinding', 'bob-views-pools', '-n', ns, '--clusterrole=ccenodepools-viewer-role', '--user=bob');
    const can = async (user: string, ...args: string[]) =>
      (await kubectl('auth', 'can-i', '--as', user, '-n', ns, ...args).catch((e: { stdout?: string }) => e.stdout ?? '')).trim();
    expect({
      aliceCreatesClusters: await can('alice', 'create', 'cceclusters'),
      aliceDeletesClusters: await can('alice', 'delete', 'cceclusters'),
      aliceReadsClusterStatus: await can('alice', 'get', 'cceclusters', '--subresource=status'),
      aliceWritesClusterStatus: await can('alice', 'patch', 'cceclusters', '--subresource=status'),
      aliceCreatesPools: await can('alice', 'create', 'ccenodepools'),
      aliceElsewhere: (
        await kubectl('auth', 'can-i', '--as', 'alice', '-n', 'default', 'create', 'cceclusters').catch(
          (e: { stdout?: string }) => e.stdout ?? '',
        )
      ).trim(),
      bobListsPools: await can('bob', 'list', 'ccenodepools'),
      bobChangesPools: await can('bob', 'patch', 'ccenodepools'),
    }).to.deep.equal({
      aliceCreatesClusters: 'yes',
      aliceDeletesClusters: 'yes',
      aliceReadsClusterStatus: 'yes',
      aliceWritesClusterStatus: 'no',
      aliceCreatesPools: 'no',
      aliceElsewhere: 'no',
      bobListsPools: 'yes',
      bobChangesPools: 'no',
    });
  });

  it('the operator, with a token of its ServiceAccount, takes the Lease and brings the samples to Ready', async function () {
    if (!installed) this.skip();
    const env = testEnv();
    const token = (await kubectl('create', 'token', SA, '-n', OPERATOR_NS, '--duration=2h')).trim();
    const kubeconfigPath = join(dir, 'operator.kubeconfig');
    const kubeconfig = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'cce-testenv', cluster: { server: env.server, 'certificate-authority-data': env.caData } }],
      users: [{ name: SA, user: { token } }],
      contexts: [{ name: SA, context: { cluster: 'cce-testenv', user: SA, namespace: OPERATOR_NS } }],
      'current-context': SA,
    };
    writeFileSync(kubeconfigPath, stringify(kubeconfig), { mode: 0o600 });
    const whoami = await run(env.binaries.kubectl, [
      '--kubeconfig',
      kubeconfigPath,
      'auth',
      'whoami',
      '-o',
      'jsonpath={.status.userInfo.username}',
    ]);
    expect(whoami.stdout).to.equal(SA_USER);

    operator = startOperator({
      simUrl: sim.url,
      accessKey: 'unused-default',
      secretKey: 'unused-default',
      kubeconfigPath,
      leaseName: LEASE,
      leaseNamespace: OPERATOR_NS,
      identity: 'e2e-operator',
      namespace: ns,
    });
    await operator.waitForLog((l) => l['message'] === 'became leader', 60000);
    await operator.waitForLog((l) => l['message'] === 'caches synced; controllers running', 60000);

    await kubectl('apply', '-n', ns, '-k', join(root, 'config', 'samples'));
    await kubectl('wait', '-n', ns, '--for=condition=Ready', '--timeout=180s', ...sampleRefs);

    const lease = JSON.parse(await kubectl('get', 'lease', LEASE, '-n', OPERATOR_NS, '-o', 'json')) as { spec: { holderIdentity: string } };
    expect(lease.spec.holderIdentity).to.equal('e2e-operator');
    const secret = JSON.parse(await kubectl('get', 'secret', 'cce-credentials', '-n', ns, '-o', 'json')) as {
      metadata: { finalizers?: string[] };
    };
    expect(secret.metadata.finalizers).to.include('cce.operator.dev/credentials-in-use');

    // Argo CD's view of the same objects: config/argocd's health check on the live objects
    if (!luaAvailable()) throw new Error('lua5.1 is not installed: run `make deps`');
    const kinds = { ccecluster: 'CceCluster', ccenodepool: 'CceNodePool', cceaddon: 'CceAddon' } as const;
    for (const ref of sampleRefs) {
      const live = JSON.parse(await kubectl('get', '-n', ns, ref, '-o', 'json')) as unknown;
      const kind = kinds[ref.split('/')[0] as keyof typeof kinds];
      expect(runArgoLua(customizationFor(kind).health, live), ref).to.have.property('status', 'Healthy');
    }
  });

  it('a refresh request (the Argo CD refresh action) rotates the kubeconfig: the Secret is replaced (update)', async function () {
    if (!operator) this.skip();
    // The simulator may issue the same certificate again (a no-op PUT keeps the resourceVersion): count the replaces.
    const replaced = () =>
      auditOfOperator().filter(
        (e) =>
          e.verb === 'update' &&
          e.objectRef?.resource === 'secrets' &&
          e.objectRef.name === 'demo-cluster-kubeconfig' &&
          e.responseStatus?.code === 200,
      ).length;
    const before = replaced();
    const cluster = JSON.parse(await kubectl('get', '-n', ns, 'ccecluster/demo-cluster', '-o', 'json')) as Record<string, unknown>;
    const refreshed = runArgoLua(customizationFor('CceCluster').actions['refresh'] as string, cluster) as {
      metadata: { annotations: Record<string, string> };
    };
    const stamp = refreshed.metadata.annotations['cce.operator.dev/refresh-requested-at'] as string;
    await kubectl('annotate', '-n', ns, 'ccecluster/demo-cluster', `cce.operator.dev/refresh-requested-at=${stamp}`, '--overwrite');
    await waitFor('the kubeconfig Secret replaced', async () => replaced() > before, 60000, 300);
    await kubectl('wait', '-n', ns, '--for=condition=Ready', '--timeout=60s', 'ccecluster/demo-cluster');
  });

  it('kubectl delete -k config/samples leaves nothing: no objects, no cloud resources, no credentials Secret', async function () {
    if (!operator) this.skip();
    const kubeconfigSecret = JSON.parse(await kubectl('get', 'secret', 'demo-cluster-kubeconfig', '-n', ns, '-o', 'json')) as {
      metadata: { ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }> };
    };
    const clusterUid = (await kubectl('get', '-n', ns, 'ccecluster/demo-cluster', '-o', 'jsonpath={.metadata.uid}')).trim();

    await kubectl('delete', '-n', ns, '-k', join(root, 'config', 'samples'), '--timeout=240s');

    const left = (await kubectl('get', '-n', ns, 'cceclusters,ccenodepools,cceaddons', '-o', 'name')).trim();
    expect(left, 'objects left').to.equal('');
    const secrets = (await kubectl('get', '-n', ns, 'secrets', '-o', 'name')).split('\n').filter(Boolean);
    expect(secrets, 'the credentials Secret is gone').not.to.include('secret/cce-credentials');
    // The kubeconfig Secret goes with its CceCluster through garbage collection, which this apiserver does not run
    // (no kube-controller-manager): what matters is that it is owned by the deleted cluster, and nothing else is left.
    expect(kubeconfigSecret.metadata.ownerReferences).to.deep.include({
      apiVersion: 'cce.operator.dev/v1alpha1',
      kind: 'CceCluster',
      name: 'demo-cluster',
      uid: clusterUid,
      controller: true,
    });
    expect(
      secrets.filter((s) => s !== 'secret/demo-cluster-kubeconfig'),
      'Secrets left',
    ).to.deep.equal([]);
    const cloud = await new SimAdmin(sim.url).objects();
    expect({ clusters: cloud.clusters.length, nodePools: cloud.nodePools.length, addons: cloud.addons.length }).to.deep.equal({
      clusters: 0,
      nodePools: 0,
      addons: 0,
    });
  });

  it('the operator was never refused: no 403 in its log, none in the audit log of its requests', async function () {
    if (!operator) this.skip();
    expect(await operator.kill('SIGTERM'), 'graceful exit (releases the Lease)').to.equal(0);
    const forbidden = operator
      .output()
      .split('\n')
      .filter((l) => /forbidden|\b403\b/i.test(l));
    const audit = auditOfOperator();
    const refused = audit.filter((e) => e.responseStatus?.code === 403).map((e) => `${e.verb} ${e.requestURI}`);
    console.log(
      `      operator log: ${operator.logs.length} lines, ${forbidden.length} forbidden; audit: ${audit.length} requests, ${refused.length} refused (403)`,
    );
    expect(audit.length, 'the audit log holds the operator’s requests (it ran as its ServiceAccount)').to.be.greaterThan(20);
    expect(refused, 'requests the apiserver refused').to.deep.equal([]);
    expect(forbidden, 'forbidden errors in the operator log').to.deep.equal([]);
  });

  it('every call it made is in the call table config/rbac is held to; granted verbs this run did not use are listed', async function () {
    if (!operator) this.skip();
    const needs = requiredPermissions();
    const seen = new Map<Permission, number>();
    const leaseCalls: string[] = [];
    for (const e of auditOfOperator()) {
      const r = e.objectRef;
      if (!r?.resource) continue; // non-resource URLs (discovery): every authenticated user may
      const p = permission(r.apiGroup ?? '', r.subresource ? `${r.resource}/${r.subresource}` : r.resource, e.verb);
      seen.set(p, (seen.get(p) ?? 0) + 1);
      if (r.resource === 'leases') leaseCalls.push(`${e.verb} ${r.namespace}/${r.name ?? ''}`);
    }
    const allowed = new Set([...needs.clusterWide, ...needs.lease]);
    const unexpected = [...seen.keys()].filter((p) => !allowed.has(p));
    expect(unexpected, 'calls not in the table (test/unit/rbac/operator-calls.ts)').to.deep.equal([]);
    // the Lease: only the one in the operator namespace, by its name
    const otherLeases = leaseCalls.filter(
      (c) => !['get', 'create', 'update'].some((v) => c === `${v} ${OPERATOR_NS}/${LEASE}` || c === `${v} ${OPERATOR_NS}/`),
    );
    expect(otherLeases).to.deep.equal([]);
    expect(leaseCalls, 'renewed and released').to.include(`update ${OPERATOR_NS}/${LEASE}`);
    const unused = [...allowed].filter((p) => !seen.has(p)).sort();
    console.log(`      calls by permission: ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
    console.log(`      granted, not used in this run (rare paths; the unit test ties each to its call): ${JSON.stringify(unused)}`);
  });
});
