/**
 * config/argocd's health check, run by a real Lua 5.1 as Argo CD runs it (argo-lua.ts), for every state of every
 * kind. The statuses are built with the operator's own status writer (applyOutcome: conditions stamped with the
 * generation, status.observedGeneration advanced except on a failed pass), so the table follows what the operator
 * writes.
 */
import { expect } from 'chai';
import { allCrds } from '../../../operator/resources/crds.js';
import { Reason as AddonReason } from '../../../operator/resources/addon/reasons.js';
import { WaitingForCluster } from '../../../operator/resources/cluster-ref.js';
import { Reason as ClusterReason } from '../../../operator/resources/cluster/reasons.js';
import { ManagedReason, PAUSED_ANNOTATION } from '../../../operator/resources/managed/reasons.js';
import { Reason as PoolReason } from '../../../operator/resources/nodepool/reasons.js';
import { Reason as RegistrationReason } from '../../../operator/resources/registration/reasons.js';
import { applyOutcome, type CommonStatus, type Outcome } from '../../../operator/resources/status-report.js';
import { customizationFor, luaAvailable, runArgoLua } from './argo-lua.js';

type Health = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended';
type Obj = Record<string, unknown> & { metadata: Record<string, unknown>; status?: Record<string, unknown> };

const NOW = new Date('2026-01-01T00:00:00Z');

/** An object of `kind` at `generation`, with annotations and a deletionTimestamp when asked. */
function object(kind: string, generation: number, extra: { annotations?: Record<string, string>; deleting?: boolean } = {}): Obj {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind,
    metadata: {
      name: 'x',
      namespace: 'team-a',
      uid: 'u-1',
      generation,
      finalizers: ['cce.operator.dev/finalizer'],
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: { region: 'cn-north-4' },
  };
}

/** The status the operator writes for a pass on `generation` with `outcome`, over `current`. */
function reported(o: Obj, outcome: Outcome, generation = o.metadata['generation'] as number, facts: Record<string, unknown> = {}): Obj {
  return { ...o, status: applyOutcome<CommonStatus>(o.status as CommonStatus | undefined, facts, outcome, generation, [], NOW) };
}

const ready = (reason: string, message: string): Outcome => ({ state: 'ready', reason, message });
const progressing = (reason: string, message: string): Outcome => ({ state: 'progressing', reason, message });
const stalled = (reason: string, message: string): Outcome => ({ state: 'stalled', reason, message });
const failed = (reason: string, message: string): Outcome => ({ state: 'error', reason, message });
const paused = stalled(ManagedReason.Paused, `${PAUSED_ANNOTATION}=true: not reconciling`);

interface Row {
  state: string;
  obj: Obj;
  health: Health;
  message?: RegExp;
}

/** What every kind goes through, with the kind's own reasons where it has them. */
function rows(kind: string, k: { ready: Outcome; busy: Outcome; waiting: Outcome; stall: Outcome }): Row[] {
  const at2 = object(kind, 2);
  const readyAt2 = reported(at2, k.ready);
  const withAnn = (o: Obj, annotations: Record<string, string>): Obj => ({ ...o, metadata: { ...o.metadata, annotations } });
  const bump = (o: Obj, by = 1, extra: Record<string, unknown> = {}): Obj => ({
    ...o,
    metadata: { ...o.metadata, generation: (o.metadata['generation'] as number) + by, ...extra },
  });
  const deleting = (o: Obj) => bump(o, 1, { deletionTimestamp: '2026-01-01T00:00:00Z' }); // a delete bumps the generation
  return [
    { state: 'just applied: no status yet', obj: at2, health: 'Progressing', message: /Waiting for the operator to report status/ },
    { state: 'status without conditions', obj: { ...at2, status: {} }, health: 'Progressing', message: /Waiting for the operator/ },
    { state: 'creating: the create job runs', obj: reported(at2, k.busy), health: 'Progressing', message: new RegExp(k.busy.reason) },
    { state: `waiting (${k.waiting.reason})`, obj: reported(at2, k.waiting), health: 'Progressing', message: new RegExp(k.waiting.reason) },
    { state: 'Ready for its generation', obj: readyAt2, health: 'Healthy', message: new RegExp(k.ready.message) },
    {
      state: 'ObserveOnly with drift (Ready, DriftDetected)',
      obj: reported(at2, ready(ManagedReason.DriftDetected, 'ObserveOnly: the cloud differs from spec in description')),
      health: 'Healthy',
    },
    {
      state: 'Ready, then the spec changed (not observed yet)',
      obj: bump(readyAt2),
      health: 'Progressing',
      message: /observe generation 3/,
    },
    {
      state: 'Ready condition for this generation, status.observedGeneration behind',
      obj: { ...readyAt2, status: { ...readyAt2.status, observedGeneration: 1 } },
      health: 'Progressing',
      message: /observe generation 2/,
    },
    {
      state: 'Ready, status.observedGeneration missing',
      obj: { ...readyAt2, status: { ...readyAt2.status, observedGeneration: undefined } },
      health: 'Progressing',
    },
    {
      state: 'spec changed, the pass failed (retried; observedGeneration stays)',
      obj: reported(bump(readyAt2), failed(ManagedReason.CloudError, 'CCE.01400001: server busy (request id r-1)')),
      health: 'Progressing',
      message: /CloudError: CCE\.01400001/,
    },
    {
      state: 'an accepted update did not converge (retried later)',
      obj: reported(reported(at2, k.ready), failed(ManagedReason.NotConverged, 'description still differs')),
      health: 'Progressing',
      message: /NotConverged/,
    },
    { state: `Stalled (${k.stall.reason})`, obj: reported(at2, k.stall), health: 'Degraded', message: new RegExp(`${k.stall.reason}: `) },
    {
      state: 'Stalled on the previous generation, spec fixed since',
      obj: bump(reported(at2, k.stall)),
      health: 'Progressing',
      message: /observe generation 3/,
    },
    {
      state: 'Stalled (InvalidSpec) on the new generation after being Ready',
      obj: reported(bump(readyAt2), stalled('InvalidSpec', 'projectID is malformed')),
      health: 'Degraded',
      message: /InvalidSpec/,
    },
    {
      state: 'paused: annotation set, the operator reported Paused',
      obj: reported(withAnn(readyAt2, { [PAUSED_ANNOTATION]: 'true' }), paused),
      health: 'Suspended',
      message: /Paused: cce\.operator\.dev\/paused=true/,
    },
    {
      state: 'paused: annotation just set, still Ready',
      obj: withAnn(readyAt2, { [PAUSED_ANNOTATION]: 'true' }),
      health: 'Suspended',
      message: /cce\.operator\.dev\/paused=true/,
    },
    {
      state: 'paused while Stalled',
      obj: withAnn(reported(at2, k.stall), { [PAUSED_ANNOTATION]: 'true' }),
      health: 'Suspended',
    },
    { state: 'paused annotation "false"', obj: withAnn(readyAt2, { [PAUSED_ANNOTATION]: 'false' }), health: 'Healthy' },
    {
      state: 'resumed: annotation removed, Paused not yet cleared',
      obj: withAnn(reported(withAnn(readyAt2, { [PAUSED_ANNOTATION]: 'true' }), paused), {}),
      health: 'Progressing',
      message: /Resuming/,
    },
    {
      state: 'deleting: delete not looked at yet (generation bumped)',
      obj: deleting(readyAt2),
      health: 'Progressing',
      message: /^Pending deletion$/,
    },
    {
      state: 'deleting: the delete job runs',
      obj: reported(deleting(readyAt2), progressing(ManagedReason.Deleting, 'deleting (job j-9)')),
      health: 'Progressing',
      message: /Pending deletion: Deleting: deleting \(job j-9\)/,
    },
    {
      state: 'deleting: waiting for the credentials Secret',
      obj: reported(deleting(readyAt2), progressing(ManagedReason.WaitingForCredentials, 'Secret team-a/creds not found')),
      health: 'Progressing',
      message: /WaitingForCredentials/,
    },
    {
      state: 'deleting: the delete call failed (retried)',
      obj: reported(deleting(readyAt2), failed(ManagedReason.CloudError, 'CCE.01500001 internal error')),
      health: 'Progressing',
      message: /Pending deletion: CloudError/,
    },
    {
      state: 'deleting: Stalled',
      obj: reported(deleting(readyAt2), stalled(ManagedReason.AlreadyManaged, 'owned by team-a/y')),
      health: 'Degraded',
      message: /Deleting, stalled: AlreadyManaged/,
    },
    {
      state: 'deleting while paused',
      obj: reported(withAnn(deleting(readyAt2), { [PAUSED_ANNOTATION]: 'true' }), paused),
      health: 'Suspended',
    },
  ];
}

const kinds: Array<[string, Parameters<typeof rows>[1]]> = [
  [
    'CceCluster',
    {
      ready: ready(ManagedReason.Available, 'cluster is Available'),
      busy: progressing(ManagedReason.JobRunning, 'job 8a0c-create Running'),
      waiting: progressing(ClusterReason.WaitingForNodePools, 'waiting for CceNodePools team-a/p1 to be deleted'),
      stall: stalled(ClusterReason.UpgradeFailed, 'pre-check failed: NodeCheck'),
    },
  ],
  [
    'CceNodePool',
    {
      ready: ready(ManagedReason.Available, 'node pool is Active with 2/2 nodes'),
      busy: progressing(PoolReason.Scaling, 'scaling to 3 nodes'),
      waiting: progressing(PoolReason.WaitingForCluster, 'waiting for CceCluster team-a/c1 to exist in the cloud'),
      stall: stalled(PoolReason.UnsupportedOnAutopilot, 'Autopilot clusters have no node pools'),
    },
  ],
  [
    'CceAddon',
    {
      ready: ready(AddonReason.Running, 'add-on coredns 1.30.6 is running'),
      busy: progressing(ManagedReason.InProgress, 'installing'),
      waiting: progressing(WaitingForCluster, 'holding changes to spec.version until CceCluster team-a/c1 is Ready'),
      stall: stalled(AddonReason.UnknownTemplate, 'template nope not offered (coredns, metrics-server)'),
    },
  ],
  [
    'CceClusterRegistration',
    {
      ready: ready(RegistrationReason.Registered, 'registered in PaddleFlow as demo'),
      busy: progressing(RegistrationReason.RecordUpdated, 'updated PaddleFlow record demo: cluster.kubeconfig'),
      waiting: progressing(
        RegistrationReason.WaitingForKubeconfig,
        'waiting for CceCluster demo to export its kubeconfig to Secret demo-kubeconfig',
      ),
      stall: stalled(
        RegistrationReason.RegistryAuthFailed,
        'PaddleFlow login as root failed: HTTP 400 AuthFailed: Username or password not correct',
      ),
    },
  ],
];

describe('Argo CD health (config/argocd, real Lua 5.1)', function () {
  before(function () {
    if (!luaAvailable()) throw new Error('lua5.1 is not installed: run `make deps` (hack/install-deps.sh installs it)');
  });

  for (const [kind, reasons] of kinds) {
    describe(kind, () => {
      let health: string;
      before(() => {
        health = customizationFor(kind).health;
      });
      for (const row of rows(kind, reasons)) {
        it(`${row.state} → ${row.health}`, () => {
          const hs = runArgoLua(health, row.obj) as { status: string; message: string };
          expect(hs.status, JSON.stringify(hs)).to.equal(row.health);
          expect(hs.message).to.be.a('string');
          if (row.message) expect(hs.message).to.match(row.message);
        });
      }
    });
  }

  it('every kind the operator serves (operator/resources/crds.ts) has a health check and actions, and is tested here', () => {
    const served = allCrds().map((c) => c.spec.names.kind);
    expect(served.sort()).to.deep.equal(kinds.map(([k]) => k).sort());
    for (const kind of served) expect(() => customizationFor(kind), kind).not.to.throw();
  });

  it('every kind has the same check (one script, aliased)', () => {
    const [a, b, c] = kinds.map(([kind]) => customizationFor(kind).health);
    expect(b).to.equal(a);
    expect(c).to.equal(a);
  });

  it('the harness is Argo CD’s sandbox: no string library, no string methods, no io', () => {
    expect(() => runArgoLua('return { status = string.upper("x") }', {})).to.throw(/string/);
    expect(() => runArgoLua('local s = "x"; return { status = s:upper() }', {})).to.throw(/attempt to index/);
    expect(() => runArgoLua('return io.open("/etc/passwd")', {})).to.throw(/io/);
    expect(
      runArgoLua('return { n = obj.metadata.generation, os = require("os").date("!%Y", 0) }', { metadata: { generation: 4 } }),
    ).to.deep.equal({
      n: 4,
      os: '1970',
    });
  });
});
