/**
 * The Helm chart (charts/cce-operator) ships what config/default does: `helm lint --strict`, then `helm template`
 * with the default values compared object by object with `kubectl kustomize config/default` (same kinds and names,
 * same RBAC rules, container args, env, probes, resources, securityContext, affinity, PDB, metrics Service, CRDs),
 * after removing only the intentional differences docs/install.md lists:
 *   - the chart creates no Namespace (helm install -n <ns> --create-namespace);
 *   - the chart adds Helm's labels (app.kubernetes.io/instance, version, managed-by, helm.sh/chart), and
 *     app.kubernetes.io/instance to its selectors, so two releases never select each other's pods.
 * Then the chart rendered with non-default values is applied with a server-side dry run to the real kube-apiserver,
 * and every container argument it renders is parsed by the operator's own flag parser (operator/config.ts).
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { ensureHelm } from '../../../hack/testenv/helm.js';
import { parseConfig } from '../../../operator/config.js';
import { createTestNamespace, testEnv } from '../setup.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const chart = join(root, 'charts', 'cce-operator');
const NS = 'cce-operator-system'; // config/manager, config/rbac

type Obj = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** Helm's own labels: added by the chart to every object, and `instance` to its selectors. */
const HELM_LABELS = ['app.kubernetes.io/instance', 'app.kubernetes.io/version', 'app.kubernetes.io/managed-by', 'helm.sh/chart'];

function parse(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as Obj | null)
    .filter((o): o is Obj => o !== null);
}

/** A deep copy with Helm's labels removed from every `labels` and `matchLabels` map and Service `selector`. */
function withoutHelmLabels(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutHelmLabels);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const flatMap = v !== null && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
    if ((k === 'labels' || k === 'matchLabels' || (k === 'selector' && flatMap)) && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).filter(([l]) => !HELM_LABELS.includes(l)));
    } else out[k] = withoutHelmLabels(v);
  }
  return out;
}

const key = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (objs: Obj[]) => new Map(objs.map((o) => [key(o), o]));

describe('Helm chart charts/cce-operator', function () {
  this.timeout(120000);
  let helm: string;
  let kubectl: string;

  async function helmTemplate(namespace: string, ...args: string[]): Promise<Obj[]> {
    const { stdout } = await run(helm, ['template', 'cce-operator', chart, '--namespace', namespace, '--include-crds', ...args], {
      maxBuffer: 64 << 20,
    });
    return parse(stdout);
  }

  async function kustomize(dir: string): Promise<Obj[]> {
    const { stdout } = await run(kubectl, ['kustomize', join(root, dir)], { maxBuffer: 64 << 20 });
    return parse(stdout);
  }

  before(() => {
    helm = ensureHelm();
    kubectl = testEnv().binaries.kubectl;
  });

  it('passes helm lint --strict', async () => {
    const { stdout } = await run(helm, ['lint', '--strict', chart]);
    expect(stdout).to.match(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('renders, with its default values, what kubectl kustomize config/default does (less the documented differences)', async () => {
    const fromChart = byKey((await helmTemplate(NS)).map((o) => withoutHelmLabels(o) as Obj));
    const fromKustomize = byKey((await kustomize('config/default')).filter((o) => o.kind !== 'Namespace'));
    expect([...fromChart.keys()].sort()).to.deep.equal([...fromKustomize.keys()].sort());
    for (const [k, want] of fromKustomize) expect(fromChart.get(k), k).to.deep.equal(want);
    // the comparison is not vacuous: the parts the issue names are there
    const kinds = new Set([...fromKustomize.values()].map((o) => o.kind));
    for (const kind of ['CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount']) {
      expect(kinds, kind).to.include(kind);
    }
    for (const kind of ['Deployment', 'PodDisruptionBudget', 'Service']) expect(kinds, kind).to.include(kind);
  });

  it('renders the optional ServiceMonitor as config/prometheus has it', async () => {
    const monitors = (await helmTemplate(NS, '--set', 'metrics.serviceMonitor.enabled=true'))
      .filter((o) => o.kind === 'ServiceMonitor')
      .map(withoutHelmLabels);
    expect(monitors).to.deep.equal(await kustomize('config/prometheus'));
    expect((await helmTemplate(NS)).filter((o) => o.kind === 'ServiceMonitor')).to.deep.equal([]);
  });

  it('with every value set: the API server accepts it (server-side dry run) and the operator parses every argument', async () => {
    const ns = await createTestNamespace('chart');
    const argocd = await createTestNamespace('chart-argocd');
    const objs = await helmTemplate(
      ns,
      ...['--set', 'image.repository=registry.example.com/cce/cce-operator', '--set', 'image.tag=1.2.3'],
      ...['--set', 'replicaCount=3', '--set', 'leaderElection.leaseName=my-lease', '--set', `watchNamespace=${ns}`],
      ...['--set', 'logLevel=debug', '--set', 'workers=4', '--set', 'resync.stable=20m', '--set', 'resync.active=1m'],
      ...['--set', 'resync.jitter=0.2', '--set', 'cce.qps=5', '--set', 'cce.burst=8', '--set', 'cce.timeout=45s'],
      ...['--set', 'cce.endpoint=https://cce.example.com', '--set', 'cce.trustedEndpoints=https://sim.example.com'],
      ...['--set', 'defaultCredentials.secretName=cce-default-credentials', '--set', 'extraArgs={--backoff-max=10m}'],
      ...['--set', `rbac.argocdNamespaces={${argocd}}`],
    );
    const manifest = objs.map((o) => JSON.stringify(o)).join('\n');
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        kubectl,
        ['--kubeconfig', testEnv().kubeconfigPath, 'apply', '--dry-run=server', '-f', '-'],
        { maxBuffer: 64 << 20 },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
      child.stdin?.end(manifest); // the objects on stdin, one JSON document after another
    });
    expect(stdout).to.match(/deployment\.apps\/cce-operator created \(server dry run\)/);

    const deployment = objs.find((o) => o.kind === 'Deployment') as unknown as {
      spec: {
        replicas: number;
        template: { spec: { containers: Array<{ image: string; args: string[]; env: Array<{ name: string }> }> } };
      };
    };
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).to.equal(3);
    expect(container?.image).to.equal('registry.example.com/cce/cce-operator:1.2.3');
    const parsed = parseConfig(container?.args ?? [], { POD_NAMESPACE: ns });
    expect(parsed.help).to.equal(false);
    if (parsed.help) return;
    expect(parsed.config).to.include({
      leaderElect: true,
      leaseName: 'my-lease',
      leaseNamespace: ns,
      namespace: ns,
      logLevel: 'debug',
      workers: 4,
      resyncStableMs: 20 * 60_000,
      resyncActiveMs: 60_000,
      resyncJitter: 0.2,
      cceQps: 5,
      cceBurst: 8,
      cceTimeoutMs: 45_000,
      cceEndpoint: 'https://cce.example.com',
      trustedEndpoints: 'https://sim.example.com',
      backoffMaxMs: 10 * 60_000,
    });
    expect(container?.env.map((e) => e.name)).to.include.members(['HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_AUTH_TOKEN']);
    const leaderRole = objs.find((o) => o.kind === 'Role' && o.metadata.name === 'cce-operator-leader-election') as unknown as {
      rules: Array<{ resourceNames?: string[] }>;
    };
    expect(leaderRole.rules.flatMap((r) => r.resourceNames ?? [])).to.deep.equal(['my-lease']);
  });
});
