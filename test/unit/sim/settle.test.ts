/**
 * settle: finished operations become permanent at the first request at or after their end, also when the pass
 * before was skipped (nothing due, nothing started since).
 */
import { expect } from 'chai';
import { settle } from '../../../sim/settle.js';
import { World } from '../../../sim/world.js';
import type { NodePoolRec } from '../../../sim/state.js';

describe('sim settle', () => {
  const pool = (world: World, uid: string, now: number): NodePoolRec => {
    const p: NodePoolRec = { uid, clusterId: 'c', name: uid, spec: {}, phase: 'Creating', createdAt: now, updatedAt: now };
    p.op = world.op('create', now);
    world.state.nodePools[uid] = p;
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

  it('a replaced state (reset, a loaded state file) is settled in full', () => {
    const world = new World({ projectId: 'p', jobMs: 0 });
    settle(world, 0);
    world.reset();
    const c = pool(world, 'c', 0);
    world.opsStarted = world.settled.opsStarted; // as if the op had come with the state
    settle(world, 0);
    expect(c.op).to.equal(undefined);
  });
});
