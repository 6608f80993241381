// "Security and chaos": one test (or table) per hole the probe found, against the pure logic. Each fails on the code
// before the fix. The same holes are tested end to end in test/integration/cluster/security.test.ts.
import { expect } from 'chai';
import { CceApiError, type CceClient, type Cluster } from '../../../operator/cloud/index.js';
import { ConfigError, parseConfig } from '../../../operator/config.js';
import { requestIdOf } from '../../../operator/runtime/controller.js';
import { eventKey, MemoryEventSink } from '../../../operator/runtime/events.js';
import { Terminal } from '../../../operator/runtime/result.js';
import { addonProfile, clusterProfile, nodePoolProfile } from './managed/profiles.js';
import { World } from './managed/harness.js';
import { CloudClients } from '../../../operator/resources/cloud-clients.js';
import { describeError } from '../../../operator/resources/cloud-errors.js';
import {
  KubeconfigExporter,
  kubeconfigDue,
  rotation,
  type KubeconfigSecrets,
} from '../../../operator/resources/cluster/kubeconfig-export.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { parseEndpointList, trustsEndpoint } from '../../../operator/resources/endpoint-trust.js';
import { holderOf, type SecretHolder } from '../../../operator/resources/kube-secrets.js';
import type { ManagedKind, ManagedObject, Pass } from '../../../operator/resources/managed/kind.js';
import { ManagedReason } from '../../../operator/resources/managed/reasons.js';
import { freeFormProblem, targetProblem } from '../../../operator/resources/spec-bounds.js';

const operatorCreds = { kind: 'aksk' as const, accessKey: 'OPERATOR-AK', secretKey: 'OPERATOR-SK' };

describe('security: operator-wide credentials go only to trusted endpoints', () => {
  const policy = {
    operatorEndpoint: 'http://127.0.0.1:8443',
    trusted: parseEndpointList('https://cce.internal.example/api, http://[::1]:9000'),
  };
  const cases: Record<string, { endpoint: string | undefined; region?: string; trusted: boolean }> = {
    'no endpoint (the operator picks it)': { endpoint: undefined, trusted: true },
    "the region's Huawei Cloud endpoint": { endpoint: 'https://cce.cn-north-4.myhuaweicloud.com', region: 'cn-north-4', trusted: true },
    'the same, with a trailing slash and upper case host': {
      endpoint: 'https://CCE.cn-north-4.myhuaweicloud.com/',
      region: 'cn-north-4',
      trusted: true,
    },
    "another region's endpoint over http": { endpoint: 'http://cce.cn-north-4.myhuaweicloud.com', region: 'cn-north-4', trusted: false },
    '--cce-endpoint': { endpoint: 'http://127.0.0.1:8443', trusted: true },
    '--cce-endpoint on another port': { endpoint: 'http://127.0.0.1:8444', trusted: false },
    'an allow-listed prefix': { endpoint: 'https://cce.internal.example/api/v3', trusted: true },
    'a sibling path of the prefix': { endpoint: 'https://cce.internal.example/apix', trusted: false },
    'the prefix host as user info': { endpoint: 'https://cce.internal.example@evil.example/api', trusted: false },
    'the prefix host as a subdomain': { endpoint: 'https://cce.internal.example.evil.example/api', trusted: false },
    'an IPv6 allow-list entry': { endpoint: 'http://[::1]:9000', trusted: true },
    'a stranger': { endpoint: 'http://203.0.113.7:8080', region: 'cn-north-4', trusted: false },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${c.trusted ? 'trusts' : 'does not trust'} ${name}`, () => {
      expect(trustsEndpoint(policy, c.endpoint, c.region)).to.equal(c.trusted);
    });
  }

  it('refuses (Stalled UntrustedEndpoint) an untrusted endpoint without a Secret before reading anything or building a client', async () => {
    const reads: string[] = [];
    const secrets = {
      read: async (ns: string, name: string) => (reads.push(`${ns}/${name}`), { accessKey: 'OWN-AK', secretKey: 'OWN-SK' }),
    };
    const clouds = new CloudClients({ endpoint: 'http://127.0.0.1:8443' });
    const target = { region: 'cn-north-4', endpoint: 'http://203.0.113.7:8080', projectID: 'p', autopilot: false };
    const err = await clouds.forObject(secrets, 'ns', target, operatorCreds).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Terminal).and.include({ reason: ManagedReason.UntrustedEndpoint });
    expect((err as Error).message)
      .to.contain('spec.endpoint "http://203.0.113.7:8080"')
      .and.contain('credentialsSecretRef');
    const inherited = { ...target, endpointFrom: 'spec.endpoint of CceCluster c1' };
    expect(((await clouds.forObject(secrets, 'ns', inherited, operatorCreds).catch((e: unknown) => e)) as Error).message).to.contain(
      'CceCluster c1',
    );
    expect(reads).to.deep.equal([]);
    // The object's own Secret may go there; the trusted endpoints keep working with the operator's credentials.
    const own = await clouds.forObject(secrets, 'ns', { ...target, credentialsSecretRef: { name: 'mine' } }, operatorCreds);
    expect([own.endpoint, reads]).to.deep.equal(['http://203.0.113.7:8080', ['ns/mine']]);
    const regional = await clouds.forObject(
      secrets,
      'ns',
      { ...target, endpoint: 'https://cce.cn-north-4.myhuaweicloud.com' },
      operatorCreds,
    );
    expect(regional.endpoint).to.equal('https://cce.cn-north-4.myhuaweicloud.com');
    const listed = new CloudClients({ trustedEndpoints: parseEndpointList('http://203.0.113.7:8080') });
    expect((await listed.forObject(secrets, 'ns', target, operatorCreds)).endpoint).to.equal('http://203.0.113.7:8080');
    clouds.close();
    listed.close();
  });

  it('--trusted-endpoints / CCE_OPERATOR_TRUSTED_ENDPOINTS: comma-separated http(s) URL prefixes', () => {
    const parsed = parseConfig(['--trusted-endpoints', 'https://a.example/x/, http://b.example:81'], { POD_NAME: 'p' });
    expect(parsed.help ? undefined : parseEndpointList(parsed.config.trustedEndpoints)).to.deep.equal([
      'https://a.example/x',
      'http://b.example:81',
    ]);
    expect(() => parseConfig([], { POD_NAME: 'p', CCE_OPERATOR_TRUSTED_ENDPOINTS: 'ftp://x' })).to.throw(
      ConfigError,
      /CCE_OPERATOR_TRUSTED_ENDPOINTS: must be comma-separated http\(s\) URL prefixes/,
    );
  });
});

describe('security: the kubeconfig export never writes a Secret it does not own', () => {
  const owner = { apiVersion: 'cce.operator.dev/v1alpha1', kind: 'CceCluster', metadata: { name: 'c1', namespace: 'ns', uid: 'uid-c1' } };
  const ref = (uid: string, controller = true) => ({
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind: 'CceCluster',
    name: 'x',
    uid,
    controller,
  });
  const label = { 'app.kubernetes.io/managed-by': 'cce-operator' };
  const cases: Record<string, { meta: Parameters<typeof holderOf>[0]; want: SecretHolder['state'] }> = {
    'no Secret': { meta: undefined, want: 'absent' },
    'one the operator created for this CceCluster': {
      meta: { labels: label, ownerReferences: [ref('uid-c1')], resourceVersion: '7' },
      want: 'ours',
    },
    'an unrelated Secret (the credentials Secret)': {
      meta: { labels: { app: 'creds' }, finalizers: ['cce.operator.dev/credentials-in-use'] },
      want: 'foreign',
    },
    'labelled, owned by another CceCluster': { meta: { labels: label, ownerReferences: [ref('uid-other')] }, want: 'foreign' },
    'owned, not labelled': { meta: { ownerReferences: [ref('uid-c1')] }, want: 'foreign' },
    'labelled, a non-controller reference': { meta: { labels: label, ownerReferences: [ref('uid-c1', false)] }, want: 'foreign' },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${c.want}: ${name}`, () => expect(holderOf(c.meta, owner).state).to.equal(c.want));
  }
});

/** The exporter against a fake certificate API and fake Secrets. */
function exportWorld(holder: SecretHolder = { state: 'absent' }) {
  const certs: number[] = [];
  const writes: { name: string; data: Record<string, string> }[] = [];
  const warnings: { reason: string; message: string }[] = [];
  let failWrites = 0;
  const secrets: KubeconfigSecrets = {
    holder: async () => holder,
    write: async (_ns, name, data) => {
      if (failWrites > 0) {
        failWrites--;
        throw new Error('secrets "kc" is forbidden: exceeded quota');
      }
      writes.push({ name, data });
    },
  };
  const cloud = {
    clusters: { getCert: async () => (certs.push(certs.length + 1), { kind: 'Config', serial: certs.length }) },
  } as unknown as CceClient;
  const exporter = new KubeconfigExporter(secrets);
  let obj: CceCluster = {
    ...clusterProfile.object('c1'),
    spec: {
      ...clusterProfile.object('c1').spec,
      kubeconfigSecretRef: { name: 'kc', key: 'kubeconfig', duration: 10, rotateBeforeDays: 3 },
    },
  };
  const pass = (now: Date, refresh = false) => {
    const ctx = {
      now: () => now,
      refreshRequested: refresh,
      events: { warning: (reason: string, message: string) => warnings.push({ reason, message }), normal: () => undefined },
    };
    return { obj, ctx, cloud, observed: { metadata: { uid: 'cid-1' } } } as unknown as Pass<CceCluster, Cluster, void>;
  };
  /** One pass; its status is recorded as the ladder's report would (or the error is returned). */
  const run = async (now: Date, refresh = false) => {
    try {
      const step = await exporter.step(pass(now, refresh));
      const kubeconfig = step?.set?.kubeconfig as NonNullable<CceCluster['status']>['kubeconfig'];
      if (kubeconfig) obj = { ...obj, status: { ...obj.status, kubeconfig } };
      return step;
    } catch (err) {
      return err as Error;
    }
  };
  return {
    certs,
    writes,
    warnings,
    exporter,
    run,
    failNextWrites: (n: number) => (failWrites = n),
    get obj() {
      return obj;
    },
  };
}

describe('security: one certificate per rotation', () => {
  const t0 = new Date('2026-12-05T08:00:00Z');
  const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

  it('a Secret that is not ours is refused (Stalled SecretNotOwned, naming it) before any certificate is issued', async () => {
    const w = exportWorld({ state: 'foreign', why: 'it was not created by cce-operator' });
    const step = await w.run(t0);
    expect(step).to.deep.include({
      outcome: { state: 'stalled', reason: 'SecretNotOwned', message: step && 'outcome' in step ? step.outcome.message : '' },
    });
    expect((step as { outcome: { message: string } }).outcome.message)
      .to.contain('Secret ns/kc')
      .and.contain('not created by cce-operator');
    expect([w.certs.length, w.writes.length, w.warnings.map((x) => x.reason)]).to.deep.equal([0, 0, ['SecretNotOwned']]);
  });

  it('a failed Secret write is retried with the SAME certificate: one certificate for the first export', async () => {
    const w = exportWorld();
    w.failNextWrites(3);
    for (let i = 0; i < 3; i++) expect(await w.run(later(i / 100))).to.be.instanceOf(Error);
    const step = await w.run(later(0.05));
    expect(step).to.not.be.instanceOf(Error);
    expect(w.certs).to.deep.equal([1]);
    expect(w.writes.map((x) => JSON.parse(x.data.kubeconfig ?? '{}').serial)).to.deep.equal([1]);
    // The status tells the validity of the certificate written (fetched at t0), not of the pass that wrote it.
    expect(w.obj.status?.kubeconfig).to.deep.equal({
      secretName: 'kc',
      fetchedAt: '2026-12-05T08:00:00Z',
      expiresAt: '2026-12-15T08:00:00Z',
    });
    expect(await w.run(later(1)), 'not due again').to.equal(undefined);
    expect(w.exporter.size, 'nothing held once the status records it').to.equal(0);
  });

  it('rotation (rotateBeforeDays before expiry) and a refresh request issue exactly one certificate each, even when a write fails', async () => {
    const w = exportWorld();
    await w.run(t0);
    expect(await w.run(later(6)), 'day 6 of 10, rotate 3 days before: not yet').to.equal(undefined);
    w.failNextWrites(1);
    expect(await w.run(later(7.5))).to.be.instanceOf(Error);
    await w.run(later(7.6));
    expect(w.certs).to.deep.equal([1, 2]);
    w.failNextWrites(1);
    expect(await w.run(later(8), true), 'a refresh request').to.be.instanceOf(Error);
    await w.run(later(8.1)); // the refresh was taken by the failed pass: the held certificate is still written
    expect(w.certs).to.deep.equal([1, 2, 3]);
    expect(w.writes.map((x) => JSON.parse(x.data.kubeconfig ?? '{}').serial)).to.deep.equal([1, 2, 3]);
  });

  it('rotateBeforeDays >= duration (an object from before the CEL rule) never makes every pass due', () => {
    expect(rotation({ name: 'kc', duration: 10, rotateBeforeDays: 30 })).to.deep.equal({ days: 10, rotateBeforeDays: 9 });
    expect(rotation({ name: 'kc', duration: 1, rotateBeforeDays: 1 })).to.deep.equal({ days: 1, rotateBeforeDays: 0 });
    const obj = {
      ...clusterProfile.object('c1'),
      spec: { ...clusterProfile.object('c1').spec, kubeconfigSecretRef: { name: 'kc', duration: 10, rotateBeforeDays: 10 } },
      status: { kubeconfig: { secretName: 'kc', fetchedAt: '2026-12-05T08:00:00Z', expiresAt: '2026-12-15T08:00:00Z' } },
    };
    expect([kubeconfigDue(obj, later(0.01), false), kubeconfigDue(obj, later(1.5), false)]).to.deep.equal([false, true]);
  });
});

describe('security: spec problems are InvalidSpec before any cloud call, never a crash or a retry loop', () => {
  const deep = (levels: number) => {
    let v: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };

  it('bounds free-form values by depth, entries and size, iteratively (5,000 levels do not overflow the stack)', () => {
    expect(freeFormProblem('spec.values', deep(5000))).to.match(
      /^spec\.values is nested too deep: more than 32 levels \(at spec\.values\.a\.a/,
    );
    expect(freeFormProblem('spec.values', deep(30))).to.equal(undefined);
    expect(freeFormProblem('spec.values', { list: Array.from({ length: 10_001 }, () => 0) })).to.contain('more than 10000 keys and items');
    expect(freeFormProblem('spec.values', { big: 'x'.repeat(300_000) })).to.contain('too large');
    expect(freeFormProblem('spec.values', undefined)).to.equal(undefined);
  });

  const terminalPass = async <O extends ManagedObject>(w: World<O, unknown>, kind: ManagedKind<O, unknown, unknown>) => {
    const err = await w.tryPass(kind);
    return { err, connects: w.connects, calls: w.verbs() };
  };

  it('a CceAddon whose values nest too deep: Stalled InvalidSpec naming spec.values, no connect, no cloud call', async () => {
    const obj = addonProfile.object();
    // 1,000 levels: the harness itself copies the object with structuredClone, which overflows near 2,000.
    const w = new World<ManagedObject, unknown>({
      ...obj,
      spec: { ...obj.spec, values: { custom: deep(1000) } },
    } as unknown as ManagedObject);
    addonProfile.setup(w as never);
    const { err, connects, calls } = await terminalPass(w, addonProfile.kind as unknown as ManagedKind<ManagedObject, unknown, unknown>);
    expect(err).to.be.instanceOf(Terminal).and.include({ reason: 'InvalidSpec' });
    expect((err as Error).message).to.contain('spec.values is nested too deep');
    expect([connects, calls]).to.deep.equal([0, []]);
    expect(w.condition('Stalled')).to.include({ status: 'True', reason: 'InvalidSpec' });
  });

  it('a CceNodePool whose nodeTemplate.extendParam nests too deep: the same', async () => {
    const obj = nodePoolProfile.object();
    const spec = { ...obj.spec, nodeTemplate: { ...obj.spec.nodeTemplate, extendParam: deep(100) } };
    const w = new World<ManagedObject, unknown>({ ...obj, spec } as unknown as ManagedObject);
    nodePoolProfile.setup(w as never);
    const { err, connects } = await terminalPass(w, nodePoolProfile.kind as unknown as ManagedKind<ManagedObject, unknown, unknown>);
    expect([
      (err as Terminal).reason,
      (err as Error).message.startsWith('spec.nodeTemplate.extendParam is nested too deep'),
      connects,
    ]).to.deep.equal(['InvalidSpec', true, 0]);
  });

  it("a control character in projectID (own, or a CceCluster's stored before the pattern): Stalled InvalidSpec, not a network error", async () => {
    expect(targetProblem({ projectID: 'p\u0007x', autopilot: false })).to.equal(
      'spec.projectID "p\\u0007x" is not a project id (letters, digits, - and _ only)',
    );
    expect(
      targetProblem({
        projectID: '0a1b2c3d4e5f',
        region: 'cn-north-4',
        endpoint: 'https://cce.cn-north-4.myhuaweicloud.com',
        autopilot: false,
      }),
    ).to.equal(undefined);
    expect(targetProblem({ projectID: 'p', region: 'cn north', autopilot: false })).to.contain('spec.region');
    const obj = clusterProfile.object();
    const w = new World<ManagedObject, unknown>({
      ...obj,
      spec: { ...obj.spec, projectID: 'p\r\nX-Injected: 1' },
    } as unknown as ManagedObject);
    const { err, connects, calls } = await terminalPass(w, clusterProfile.kind as unknown as ManagedKind<ManagedObject, unknown, unknown>);
    expect([(err as Terminal).reason, connects, calls]).to.deep.equal(['InvalidSpec', 0, []]);
  });
});

describe('security: Events people can read (aggregated by object and reason; the request id in an annotation)', () => {
  const apiError = (requestId: string) =>
    new CceApiError({ httpStatus: 500, code: 'CCE.01500001', message: 'internal error', operation: 'ListClusters', requestId });

  it('the condition message carries the request id; the Event message (the thrown error) does not, its cause does', () => {
    const a = describeError(apiError('req-1'));
    const b = describeError(apiError('req-2'));
    expect(a.message).to.equal('ListClusters (request req-1) failed: HTTP 500 CCE.01500001: internal error');
    expect([a.eventMessage, a.error.message]).to.deep.equal([
      'ListClusters failed: HTTP 500 CCE.01500001: internal error',
      'ListClusters failed: HTTP 500 CCE.01500001: internal error',
    ]);
    expect(b.error.message, 'two failures, one Event message').to.equal(a.error.message);
    expect([requestIdOf(a.error), requestIdOf(b.error), requestIdOf(new Error('x'))]).to.deep.equal(['req-1', 'req-2', undefined]);
  });

  it('the aggregation key is object + type + reason, never the message', () => {
    const obj = { metadata: { name: 'c1', namespace: 'ns', uid: 'u1' } };
    expect(eventKey(obj, 'Warning', 'CloudError')).to.equal('u1|Warning|CloudError');
    const sink = new MemoryEventSink();
    sink.record(obj, 'Warning', 'CloudError', 'ListClusters failed', { requestId: 'req-9' });
    expect(sink.events).to.deep.equal([
      { key: 'ns/c1', type: 'Warning', reason: 'CloudError', message: 'ListClusters failed', requestId: 'req-9' },
    ]);
  });
});
