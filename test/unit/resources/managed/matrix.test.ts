// The cross-kind behaviour matrix: the same named scenarios run against every kind's real ManagedKind (field table,
// gate, status mapping) through the one managed ladder, with a function-record fake of the kind's External and no
// apiserver. Every kind must meet the same expectations.
import { expect } from 'chai';
import { CceApiError, OutcomeUnknownError, resetSharedBuckets, sharedBucket } from '../../../../operator/cloud/index.js';
import { Terminal, type ReconcileResult } from '../../../../operator/runtime/result.js';
import { CredentialsError } from '../../../../operator/resources/credentials.js';
import { credentialsUsageController, SECRET_TYPE } from '../../../../operator/resources/managed/credentials-guard.js';
import type { ManagedObject } from '../../../../operator/resources/managed/kind.js';
import { CREDENTIALS_FINALIZER, FINALIZER, ManagedReason, PAUSED_ANNOTATION } from '../../../../operator/resources/managed/reasons.js';
import { managedController, STALLED_RECHECK_MS } from '../../../../operator/resources/managed/reconciler.js';
import { createHashes } from '../../../../operator/resources/field-diff.js';
import { World } from './harness.js';
import { meta, profiles, type Profile } from './profiles.js';

type P = Profile<ManagedObject, unknown>;

const withStatus = (o: ManagedObject, status: Record<string, unknown>): ManagedObject => ({
  ...o,
  status: { ...(o.status ?? {}), ...status },
});
const withSpec = (o: ManagedObject, spec: Record<string, unknown>): ManagedObject => ({ ...o, spec: { ...o.spec, ...spec } });
const deleting = (o: ManagedObject): ManagedObject => ({
  ...o,
  metadata: { ...o.metadata, deletionTimestamp: '2026-12-05T07:59:00Z', finalizers: [FINALIZER] },
});
const managed = (o: ManagedObject): ManagedObject => ({ ...o, metadata: { ...o.metadata, finalizers: [FINALIZER] } });

function world(p: P, obj: ManagedObject): World<ManagedObject, unknown> {
  const w = new World<ManagedObject, unknown>(obj);
  p.setup(w);
  return w;
}

const requeueMs = (r: ReconcileResult | Error) => (r instanceof Error ? undefined : r.requeueAfterMs);

for (const p of profiles) {
  const id = 'cloud-id-1';
  // An object whose resource exists: its id recorded and every unobserved field applied (as at create).
  const recorded = (o: ManagedObject) =>
    withStatus(managed(o), { [p.idField]: id, appliedHashes: createHashes(p.kind.fields, o, p.scope) });
  const acceptUpdates = (w: World<ManagedObject, unknown>) => (w.fns.update = async () => ({ reason: 'Updating', message: 'updated' }));

  describe(`managed ladder, kind ${p.name}`, () => {
    it('paused: no cloud call, no connect, Stalled reason Paused', async () => {
      const w = world(p, { ...p.object(), metadata: { ...p.object().metadata, annotations: { [PAUSED_ANNOTATION]: 'true' } } });
      const r = await w.pass(p.kind);
      expect({ calls: w.verbs(), connects: w.connects, stable: r.stable }).to.deep.equal({ calls: [], connects: 0, stable: true });
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.Paused });
    });

    it('Orphan with its credentials Secret gone: released before connecting', async () => {
      const w = world(p, deleting(withSpec(recorded(p.object()), { deletionPolicy: 'Orphan' })));
      w.credentialsError = new CredentialsError('Secret ns/creds (spec.credentialsSecretRef) not found', true);
      await w.pass(p.kind);
      expect({ calls: w.verbs(), connects: w.connects, released: w.deleted() }).to.deep.equal({ calls: [], connects: 0, released: true });
      expect(w.events.map((e) => e.reason)).to.deep.equal([ManagedReason.Orphaned]);
    });

    it('Delete with its credentials Secret gone: waits for the Secret (never Terminal), keeps the finalizer', async () => {
      const w = world(p, deleting(recorded(p.object())));
      w.credentialsError = new CredentialsError('Secret ns/creds (spec.credentialsSecretRef) not found', true);
      const r = await w.tryPass(p.kind);
      expect(r).to.not.be.instanceOf(Error);
      expect({ calls: w.verbs(), released: w.deleted() }).to.deep.equal({ calls: [], released: false });
      expect(w.condition('Reconciling')).to.include({ status: 'True', reason: ManagedReason.WaitingForCredentials });
    });

    it('ObserveOnly drift: reported as DriftDetected, nothing written to the cloud, no finalizer', async () => {
      const w = world(p, withSpec(withStatus(p.object(), { [p.idField]: id }), { managementPolicy: 'ObserveOnly' }));
      w.fns.observe = async () => p.drifted(id);
      await w.pass(p.kind);
      expect(w.verbs()).to.deep.equal(['observe']);
      expect(w.condition('Ready')).to.include({ status: 'True', reason: ManagedReason.DriftDetected });
      expect(w.obj.metadata?.finalizers ?? []).to.deep.equal([]);
    });

    it('spec id that does not exist: Stalled NotFoundInCloud, never created', async () => {
      const w = world(p, withSpec(p.object(), { [p.idField]: 'no-such-id' }));
      w.fns.observe = async () => undefined;
      const r = await w.tryPass(p.kind);
      expect(r).to.be.instanceOf(Terminal);
      expect(w.verbs()).to.deep.equal(['observe']);
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.NotFoundInCloud });
    });

    it('adopt by name: the found id is recorded, no create', async () => {
      const w = world(p, p.object());
      w.fns.find = async () => p.resource('adopted-1', p.object());
      acceptUpdates(w); // fields the cloud never returns are applied once after an adoption
      await w.pass(p.kind);
      expect(w.obj.status?.[p.idField]).to.equal('adopted-1');
      expect(w.count('create')).to.equal(0);
      expect(w.events.map((e) => e.reason)).to.include(ManagedReason.Adopted);
    });

    it('create whose answer was lost: never sent again; the next pass adopts by name', async () => {
      const w = world(p, p.object());
      let created = false;
      w.fns.find = async () => (created ? p.resource('late-1', p.object()) : undefined);
      w.fns.create = async () => {
        created = true;
        throw new OutcomeUnknownError({ httpStatus: 0, code: 'CLIENT.OutcomeUnknown', message: 'timeout', operation: 'Create' });
      };
      acceptUpdates(w);
      const first = await w.pass(p.kind);
      expect(first.requeueAfterMs).to.be.greaterThan(0);
      await w.pass(p.kind);
      expect({ creates: w.count('create'), id: w.obj.status?.[p.idField] }).to.deep.equal({ creates: 1, id: 'late-1' });
    });

    it('a resource that vanished is created again, with a Warning Event saying so', async () => {
      const w = world(p, recorded(p.object()));
      w.fns.observe = async () => undefined;
      w.fns.find = async () => undefined;
      w.fns.create = async () => ({ id: 'new-2' });
      await w.pass(p.kind);
      expect(w.count('create')).to.equal(1);
      expect(w.events.filter((e) => e.type === 'Warning').map((e) => e.reason)).to.deep.equal([ManagedReason.Recreating]);
      expect(w.obj.status?.[p.idField]).to.equal('new-2');
    });

    it('just created, not visible yet while its job runs: waits, never a second create', async () => {
      const w = world(p, withStatus(recorded(p.object()), { jobID: 'job-2' }));
      w.jobs.set('job-2', { phase: 'Running' });
      w.fns.observe = async () => undefined;
      const r = await w.pass(p.kind);
      expect({ calls: w.verbs(), jobInFlight: r.jobInFlight }).to.deep.equal({ calls: ['observe', 'job'], jobInFlight: true });
      expect(w.condition('Reconciling')).to.include({ status: 'True', reason: ManagedReason.JobRunning });
    });

    it("a create's job is not asked once the resource it made is settled; a job this process did not send is", async () => {
      const w = world(p, p.object());
      w.fns.find = async () => undefined;
      w.fns.create = async () => ({ id, jobID: 'job-c' });
      w.fns.observe = async () => p.resource(id);
      w.jobs.set('job-c', { phase: 'Running' }); // what the job API would say: must not be asked
      await w.pass(p.kind);
      expect(w.obj.status?.jobID).to.equal('job-c');
      await w.pass(p.kind);
      expect({ verbs: w.verbs(), jobID: w.obj.status?.jobID, ready: w.condition('Ready')?.status }).to.deep.equal({
        verbs: ['find', 'create', 'observe'],
        jobID: undefined,
        ready: 'True',
      });
      // The same recorded job, after a restart (nothing remembered): asked.
      const restarted = world(p, withStatus(recorded(p.object()), { jobID: 'job-c' }));
      restarted.jobs.set('job-c', { phase: 'Running' });
      restarted.fns.observe = async () => p.resource(id);
      await restarted.pass(p.kind);
      expect(restarted.verbs()).to.deep.equal(['observe', 'job']);
    });

    it('create job failed and the resource never appeared: JobFailed, then created again with a Warning', async () => {
      const w = world(p, withStatus(recorded(p.object()), { jobID: 'job-3' }));
      w.jobs.set('job-3', { phase: 'Failed', reason: 'subnet exhausted' });
      w.fns.observe = async () => undefined;
      w.fns.find = async () => undefined;
      w.fns.create = async () => ({ id: 'second-1' });
      await w.pass(p.kind);
      expect(w.condition('Synced')).to.include({ status: 'False', reason: ManagedReason.JobFailed });
      expect(w.count('create')).to.equal(0);
      await w.pass(p.kind);
      expect(w.count('create')).to.equal(1);
      expect(w.events.filter((e) => e.type === 'Warning').map((e) => e.reason)).to.deep.equal([
        ManagedReason.JobFailed,
        ManagedReason.Recreating,
      ]);
    });

    it('job failure: Synced=False JobFailed with the cloud reason, job forgotten, Warning Event', async () => {
      const w = world(p, withStatus(recorded(p.object()), { jobID: 'job-1' }));
      w.jobs.set('job-1', { phase: 'Failed', reason: 'quota exhausted' });
      w.fns.observe = async () => p.resource(id);
      await w.pass(p.kind);
      expect(w.condition('Synced')).to.include({ status: 'False', reason: ManagedReason.JobFailed });
      expect(w.condition('Synced')?.message).to.contain('quota exhausted');
      expect(w.obj.status?.jobID).to.equal(undefined);
      expect(w.events.find((e) => e.type === 'Warning')?.reason).to.equal(ManagedReason.JobFailed);
    });

    it('update the cloud accepts but never applies: not sent again at once (NotConverged), retried after the backoff', async () => {
      const w = world(p, p.change(recorded(p.object())));
      w.fns.observe = async () => p.resource(id);
      acceptUpdates(w);
      await w.pass(p.kind);
      expect(w.count('update')).to.equal(1);
      const second = await w.pass(p.kind);
      expect(w.count('update')).to.equal(1);
      expect(w.count('observe')).to.equal(2); // a pass really ran in between
      expect(w.condition('Synced')).to.include({ status: 'False', reason: ManagedReason.NotConverged });
      expect(requeueMs(second)).to.be.within(50_000, 60_000);
      w.now = new Date(w.now.getTime() + 61_000);
      await w.pass(p.kind);
      expect(w.count('update')).to.equal(2);
      expect((w.obj.status?.lastUpdate as { attempts: number }).attempts).to.equal(2);
    });

    it('an API this cloud lacks (APIGW.0101): Stalled UnsupportedByCloud naming the call, no call until the spec changes', async () => {
      const w = world(p, p.change(recorded(p.object())));
      w.obj = { ...w.obj, metadata: { ...w.obj.metadata, generation: 3 } };
      w.fns.observe = async () => p.resource(id);
      w.fns.update = async () => {
        throw new CceApiError({ httpStatus: 404, code: 'APIGW.0101', message: 'The API does not exist', operation: 'UpgradeCluster' });
      };
      const first = await w.tryPass(p.kind);
      expect(first).to.be.instanceOf(Terminal);
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.UnsupportedByCloud });
      expect(w.condition('Stalled')?.message).to.contain('UpgradeCluster');
      const calls = w.calls.length;
      const held = await w.pass(p.kind);
      expect({ calls: w.calls.length, connects: w.connects, stable: held.stable }).to.deep.equal({ calls, connects: 1, stable: true });
      w.obj = { ...w.obj, metadata: { ...w.obj.metadata, generation: 4 } };
      await w.tryPass(p.kind);
      expect(w.count('update')).to.equal(2);
    });

    it('name taken by something adoption cannot see: Stalled NameTaken naming it, re-checked slowly, one create', async () => {
      const w = world(p, p.object());
      w.fns.find = async () => undefined;
      w.fns.create = async () => {
        throw new CceApiError({ httpStatus: 409, code: 'CCE.01409001', message: 'already exists', operation: 'Create' });
      };
      w.fns.nameHolder = async () => 'an Autopilot cluster other (x-1)';
      const r = await w.pass(p.kind);
      expect(w.count('create')).to.equal(1);
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.NameTaken });
      expect(w.condition('Stalled')?.message).to.contain('an Autopilot cluster other (x-1)');
      expect(requeueMs(r)).to.equal(STALLED_RECHECK_MS);
    });

    it('two objects claiming one cloud object: the newcomer is Stalled AlreadyManaged and never updates it', async () => {
      const w = world(p, p.change(p.object('newcomer')));
      w.obj = { ...w.obj, metadata: { ...meta('newcomer', '2026-12-04T00:00:00Z'), generation: 2 } };
      w.peers.push(withStatus(p.object('owner'), { [p.idField]: id }));
      w.fns.find = async () => p.resource(id);
      w.fns.update = async () => ({ reason: 'Updating', message: 'updated' });
      await w.pass(p.kind);
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.AlreadyManaged });
      expect(w.condition('Stalled')?.message).to.contain('ns/owner');
      expect({ updates: w.count('update'), id: w.obj.status?.[p.idField] }).to.deep.equal({ updates: 0, id: undefined });
    });

    it("deleting the newcomer of two claimants leaves the owner's cloud object alone", async () => {
      const w = world(p, deleting(p.object('newcomer')));
      w.obj = { ...w.obj, metadata: { ...w.obj.metadata, creationTimestamp: '2026-12-04T00:00:00Z' } };
      w.peers.push(withStatus(p.object('owner'), { [p.idField]: id }));
      w.fns.find = async () => p.resource(id);
      await w.pass(p.kind);
      expect({ deletes: w.count('delete'), released: w.deleted() }).to.deep.equal({ deletes: 0, released: true });
    });

    it('delete during a create whose answer was lost: found by name and deleted, then released on 404', async () => {
      const w = world(p, deleting(p.object()));
      let gone = false;
      w.fns.find = async () => p.resource('orphan-1');
      w.fns.observe = async () => (gone ? undefined : p.resource('orphan-1'));
      w.fns.delete = async () => {
        gone = true;
        return {};
      };
      await w.pass(p.kind);
      expect(w.count('delete')).to.equal(1);
      expect(w.deleted()).to.equal(false);
      await w.pass(p.kind);
      expect({ deletes: w.count('delete'), released: w.deleted() }).to.deep.equal({ deletes: 1, released: true });
    });

    it('a prune of the objects and the Secret together: the cloud object is deleted, then the Secret is let go', async () => {
      const w = world(p, deleting(recorded(p.object())));
      w.put(SECRET_TYPE, {
        metadata: { name: 'creds', namespace: 'ns', finalizers: [CREDENTIALS_FINALIZER], deletionTimestamp: '2026-12-05T07:59:00Z' },
      });
      let gone = false;
      w.fns.observe = async () => (gone ? undefined : p.resource(id));
      w.fns.delete = async () => {
        gone = true;
        return {};
      };
      await w.pass(p.kind);
      await w.pass(p.kind);
      expect({ deletes: w.count('delete'), released: w.deleted() }).to.deep.equal({ deletes: 1, released: true });
      // the object has left the caches: the usage controller releases the Secret
      const usage = credentialsUsageController([{ type: p.kind.type, secretOf: () => 'creds' }], w.deps().secrets);
      const secret = w.others.get('secrets./v1')?.[0];
      w.put(p.kind.type, w.obj);
      await usage.reconcile('ns/creds', secret as never, w.ctx() as never);
      expect(w.secretFinalizerCalls).to.deep.equal([{ op: 'remove', name: 'creds' }]);
    });

    it("a due stable resync waits while the object's project budget is less than half full, and only that project's", () => {
      const w = world(p, recorded(p.object()));
      const gate = managedController(p.kind, w.deps()).resyncGate!;
      const ctx = w.ctx() as never;
      try {
        expect(gate(w.obj, ctx), 'no budget in use').to.equal(0);
        const where = p.kind.target(w.obj, ctx);
        const project = 'target' in where ? (where.target as { projectID?: string }).projectID : undefined;
        if (p.kind.connect || !project) return; // not a CCE project: never waits
        const other = sharedBucket('https://cce.example.com', `other-${project}`, { ratePerSecond: 1, burst: 1 });
        other.reserve();
        other.reserve();
        expect(gate(w.obj, ctx), 'another project is busy').to.equal(0);
        const own = sharedBucket('https://cce.example.com', project, { ratePerSecond: 1, burst: 1 });
        own.reserve();
        own.reserve();
        expect(gate(w.obj, ctx), 'its own project has a call queued').to.be.greaterThan(0);
      } finally {
        resetSharedBuckets();
      }
    });

    it('a Secret that appears after the object stalled on it wakes the object, which then proceeds', async () => {
      const w = world(p, recorded(p.object()));
      w.credentialsError = new CredentialsError('Secret ns/creds (spec.credentialsSecretRef) not found', true);
      const r = await w.tryPass(p.kind);
      expect(r).to.be.instanceOf(Terminal);
      expect(w.condition('Stalled')).to.include({ status: 'True', reason: ManagedReason.CredentialsError });
      const watch = managedController(p.kind, w.deps()).watches?.find((x) => x.plural === 'secrets');
      const own = { get: () => undefined, list: () => [w.obj] };
      expect(watch?.map({ metadata: { name: 'creds', namespace: 'ns' } }, own as never)).to.deep.equal([`ns/${w.obj.metadata?.name}`]);
      w.credentialsError = undefined;
      w.fns.observe = async () => p.resource(id);
      await w.pass(p.kind);
      expect(w.condition('Ready')).to.include({ status: 'True' });
      expect(w.secretFinalizerCalls).to.deep.equal([{ op: 'add', name: 'creds' }]);
    });

    if (p.blockDeletion) {
      it('deletion waits for its dependents, without calling delete', async () => {
        const w = world(p, deleting(recorded(p.object())));
        p.blockDeletion?.(w);
        await w.pass(p.kind);
        expect({ calls: w.verbs(), released: w.deleted() }).to.deep.equal({ calls: [], released: false });
        expect(w.condition('Reconciling')).to.include({ status: 'True' });
      });
    }

    if (p.holdCluster) {
      it('cluster not Ready while the object matches its spec: stays Ready, nothing written to the cloud', async () => {
        const w = world(p, recorded(p.object()));
        p.holdCluster?.(w);
        w.fns.observe = async () => p.resource(id);
        await w.pass(p.kind);
        expect(w.condition('Ready')).to.include({ status: 'True' });
        expect(w.verbs()).to.deep.equal(['observe']);
      });
      it('cluster not Ready and the object never created: no lookup, no create, until the cluster is Ready', async () => {
        const w = world(p, p.object());
        p.holdCluster?.(w);
        await w.pass(p.kind);
        expect(w.verbs()).to.deep.equal([]);
        expect(w.condition('Reconciling')).to.include({ status: 'True' });
      });
      it('cluster not Ready and the object changed: the change waits (Reconciling), no update', async () => {
        const w = world(p, p.change(recorded(p.object())));
        p.holdCluster?.(w);
        w.fns.observe = async () => p.resource(id);
        await w.pass(p.kind);
        expect(w.count('update')).to.equal(0);
        expect(w.condition('Reconciling')).to.include({ status: 'True' });
      });
    }
  });
}
