/**
 * settle: finished operations become permanent at the first request at or after their end, also when the pass
 * before was skipped (nothing due, nothing started since).
 */
import { expect } from 'chai';
import { settle } from '../../../sim/settle.js';
import { World } from '../../../sim/world.js';
import { emptyState, type NodePoolRec } from '../../../sim/state.js';

describe('sim settle', () => {
  const pool = (world: World, uid: string, now: number): NodePoolRec => {
    const p: NodePoolRec = { uid, clusterId: 'c', name: uid, spec: {}, phase: 'Creating', createdAt: now, updatedAt: now };
    world.state.nodePools[uid] = p;
    world.begin('nodePools', p, 'create', now);
    return p;
  };

  it('skips a pass while nothing is due and nothing started, and still settles each op when it is due', () => {
    const world = new World({ projectId: 'p', jobMs: 1000 });
    const a = pool(world, 'a', 0);
    settle(world, 500);
    expect(a.op, 'not due at 500').to.not.equal(undefined);
    const afterFirst = world.settled;
    settle(world, 999);
    expect(world.settled, 'no pass: nothing started since, the next op is due at 1000').to.equal(afterFirst);
    settle(world, 1000);
    expect(a.op, 'due at 1000').to.equal(undefined);
    expect(a.phase).to.equal('');
    expect(world.settled.nextDue, 'nothing runs').to.equal(Infinity);
  });

  it('an op started after a pass is found by the next one, even when it is due at once (jobSeconds 0)', () => {
    const world = new World({ projectId: 'p', jobMs: 0 });
    settle(world, 0);
    expect(world.settled.nextDue).to.equal(Infinity);
    const b = pool(world, 'b', 10);
    settle(world, 10);
    expect(b.op, 'settled by the pass the new op forced').to.equal(undefined);
  });

  it('a replaced state (a loaded state file) is scanned once for its operations and settled', () => {
    const world = new World({ projectId: 'p', jobMs: 0 });
    settle(world, 0);
    const loaded = emptyState();
    const c: NodePoolRec = { uid: 'c', clusterId: 'x', name: 'c', spec: {}, phase: 'Creating', createdAt: 0, updatedAt: 0 };
    c.op = { kind: 'create', startedAt: 0, durationMs: 0 }; // as the state file had it: no begin() in this process
    loaded.nodePools['c'] = c;
    world.state = loaded;
    settle(world, 0);
    expect(c.op).to.equal(undefined);
    expect(world.inFlightSets().nodePools.size, 'the ended op is dropped from the in-flight set').to.equal(0);
  });

  it('a pass visits only the records with an operation', () => {
    const world = new World({ projectId: 'p', jobMs: 1000 });
    for (let i = 0; i < 100; i++) {
      const idle: NodePoolRec = { uid: `idle${i}`, clusterId: 'x', name: `idle${i}`, spec: {}, phase: '', createdAt: 0, updatedAt: 0 };
      world.state.nodePools[idle.uid] = idle;
    }
    const busy = pool(world, 'busy', 0);
    expect([...world.inFlightSets().nodePools]).to.deep.equal(['busy']);
    settle(world, 1000);
    expect(busy.op).to.equal(undefined);
    expect(world.inFlightSets().nodePools.size).to.equal(0);
  });
});
