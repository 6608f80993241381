/**
 * Leader election on a real Lease: only the leader reconciles; when the leader process is SIGKILLed a
 * standby takes over within lease duration + retry period (~17 s with the defaults); a graceful stop
 * releases the Lease so the standby takes over within about one retry period; SIGTERM exits cleanly.
 */
import { CoordinationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { CustomObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { Manager } from '../../../operator/runtime/manager.js';
import { stable } from '../../../operator/runtime/result.js';
import { createTestNamespace } from '../setup.js';
import { createCrd, kubeConfig, objects, operatorKubeConfig, testSettings, uniqueGroup, waitFor } from './helpers.js';

type Thing = CustomObject<object, { handledBy?: string }>;
const fixture = fileURLToPath(new URL('./fixtures/leader-process.ts', import.meta.url));

describe('leader election (real Lease, two operator processes)', function () {
  this.timeout(180_000);
  let kc: KubeConfig;
  let ns: string;
  let type: ResourceType;
  let dropCrd: () => Promise<void>;
  const children: ChildProcess[] = [];
  const managers: Manager[] = [];

  before(async () => {
    kc = kubeConfig();
    ns = await createTestNamespace('runtime-le');
    type = { group: uniqueGroup('le'), version: 'v1', plural: 'things', kind: 'Thing' };
    dropCrd = await createCrd(kc, type);
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const m of managers) await m.stop();
    await dropCrd?.();
  });

  function startProcess(identity: string): { child: ChildProcess; leading: Promise<void>; exited: Promise<number | null> } {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, LE_NAMESPACE: ns, LE_IDENTITY: identity, LE_GROUP: type.group, LE_PLURAL: type.plural, LE_KIND: type.kind },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const leading = new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('LEADING') && resolve());
      void exited.then((code) => reject(new Error(`${identity} exited (${code}) before leading: ${stderr}`)));
    });
    return { child, leading, exited };
  }

  function startInProcess(identity: string, handled: string[]): Manager {
    const m = new Manager({
      kubeConfig: operatorKubeConfig(),
      settings: testSettings(ns, { leaderElect: true, identity, leaseName: 'le-test' }),
      log: silentLogger(),
    });
    m.register<Thing>({
      ...type,
      async reconcile(key, obj, ctx) {
        handled.push(key);
        await ctx.status.write(obj, (s) => ({ ...s, handledBy: identity }));
        return stable();
      },
    });
    managers.push(m);
    return m;
  }

  const holder = async () => (await kc.makeApiClient(CoordinationV1Api).readNamespacedLease({ name: 'le-test', namespace: ns })).spec;
  const handledBy = async (name: string) => ((await objects(kc, type, ns).get(name)) as Thing).status?.handledBy;

  it('only the leader reconciles; a standby takes over within ~17 s after the leader is killed', async () => {
    const a = startProcess('proc-a');
    await a.leading;
    const bHandled: string[] = [];
    const b = startInProcess('inproc-b', bHandled);
    await b.start();
    await objects(kc, type, ns).create('t1', {});
    await waitFor(async () => (await handledBy('t1')) === 'proc-a', 20_000, 't1 handled by the leader');
    await new Promise((r) => setTimeout(r, 1_000));
    expect([b.isLeader(), bHandled, b.ready()]).to.deep.equal([false, [], true]);
    expect((await holder())?.holderIdentity).to.equal('proc-a');

    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await b.whenLeading();
    const takeover = Date.now() - killedAt;
    expect(takeover, `took over after ${takeover} ms`).to.be.at.most(19_000);
    await objects(kc, type, ns).create('t2', {});
    await waitFor(async () => (await handledBy('t2')) === 'inproc-b', 20_000, 't2 handled by the new leader');
    await waitFor(async () => (await handledBy('t1')) === 'inproc-b', 20_000, 't1 re-observed by the new leader');
    const lease = await holder();
    expect(lease?.holderIdentity).to.equal('inproc-b');
    expect(lease?.leaseTransitions).to.be.at.least(1);
  });

  it('a graceful stop releases the Lease: the standby takes over within ~one retry period; SIGTERM exits 0 and releases', async () => {
    const b = managers[0] as Manager;
    const c = startProcess('proc-c');
    await new Promise((r) => setTimeout(r, 3_000)); // c is up and campaigning
    const stoppedAt = Date.now();
    await b.stop();
    await c.leading;
    const takeover = Date.now() - stoppedAt;
    expect(takeover, `took over after ${takeover} ms`).to.be.at.most(5_000);
    await objects(kc, type, ns).create('t3', {});
    await waitFor(async () => (await handledBy('t3')) === 'proc-c', 20_000, 't3 handled by proc-c');

    c.child.kill('SIGTERM');
    expect(await c.exited).to.equal(0);
    expect((await holder())?.holderIdentity).to.equal('');
  });
});
