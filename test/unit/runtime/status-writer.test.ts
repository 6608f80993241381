import { expect } from 'chai';
import { Finalizers } from '../../../operator/runtime/finalizers.js';
import { NotFound } from '../../../operator/runtime/result.js';
import { StatusWriter } from '../../../operator/runtime/status-writer.js';
import { FakeClient, apiError, widget } from './fakes.js';

type Status = { phase?: string; jobID?: string; conditions?: unknown[] };

describe('runtime/status-writer', () => {
  it('skips the write when nothing changed', async () => {
    const c = new FakeClient();
    const obj = c.put(widget('a', { status: { phase: 'Available' } }));
    const out = await new StatusWriter(c).write(obj, { phase: 'Available' });
    expect([out.changed, c.patches()]).to.deep.equal([false, 0]);
  });

  it('sends a minimal merge patch with the resourceVersion precondition to /status', async () => {
    const c = new FakeClient();
    const obj = c.put(widget('a', { status: { phase: 'Creating', jobID: 'j1' } }));
    const out = await new StatusWriter(c).write(obj, { phase: 'Available' });
    expect(out.changed).to.equal(true);
    expect(c.calls).to.deep.equal([
      {
        op: 'patch',
        key: 'ns/a',
        sub: 'status',
        body: { metadata: { resourceVersion: obj.metadata?.resourceVersion }, status: { phase: 'Available', jobID: null } },
      },
    ]);
    expect(out.obj.status).to.deep.equal({ phase: 'Available' });
  });

  it('on 409 re-reads and re-applies an update function to the fresh status', async () => {
    const c = new FakeClient();
    const obj = c.put(widget('a', { status: { phase: 'Creating' } }));
    c.touch('ns/a', (o) => ((o.status as Status).jobID = 'from-elsewhere'));
    const out = await new StatusWriter(c).write(obj, (s: Status | undefined) => ({ ...s, phase: 'Available' }));
    expect(c.calls.map((x) => x.op)).to.deep.equal(['patch', 'get', 'patch']);
    expect(out.obj.status).to.deep.equal({ phase: 'Available', jobID: 'from-elsewhere' });
  });

  it('gives up after max attempts of conflicts', async () => {
    const c = new FakeClient();
    const obj = c.put(widget('a'));
    c.failNextPatches = [apiError(409), apiError(409), apiError(409)];
    const err = await new StatusWriter(c, 3).write(obj, { phase: 'X' }).catch((e: unknown) => e);
    expect((err as { code: number }).code).to.equal(409);
    expect(c.patches()).to.equal(3);
  });

  it('turns 404 into NotFound', async () => {
    const c = new FakeClient();
    const err = await new StatusWriter(c).write(widget('ghost'), { phase: 'X' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(NotFound);
  });

  it('does not retry other errors', async () => {
    const c = new FakeClient();
    const obj = c.put(widget('a'));
    c.failNextPatches = [apiError(422)];
    const err = await new StatusWriter(c).write(obj, { phase: 'X' }).catch((e: unknown) => e);
    expect([(err as { code: number }).code, c.patches()]).to.deep.equal([422, 1]);
  });
});

describe('runtime/finalizers', () => {
  const F = 'cce.operator.dev/finalizer';
  const cases = {
    'ensure adds once': async (c: FakeClient, f: Finalizers<ReturnType<FakeClient['put']>>) => {
      let o = c.put(widget('a'));
      o = await f.ensure(o, F);
      o = await f.ensure(o, F);
      return [o.metadata?.finalizers, c.patches()];
    },
    'ensure keeps other finalizers': async (c: FakeClient, f: Finalizers<ReturnType<FakeClient['put']>>) => {
      const o = await f.ensure(c.put({ ...widget('a'), metadata: { ...widget('a').metadata, finalizers: ['other'] } }), F);
      return [o.metadata?.finalizers, c.patches()];
    },
    'remove is a no-op when absent': async (c: FakeClient, f: Finalizers<ReturnType<FakeClient['put']>>) => {
      const o = await f.remove(c.put(widget('a')), F);
      return [o?.metadata?.finalizers, c.patches()];
    },
    'ensure retries a conflict with a fresh read': async (c: FakeClient, f: Finalizers<ReturnType<FakeClient['put']>>) => {
      const stale = c.put(widget('a'));
      c.touch('ns/a', (o) => (o.metadata = { ...o.metadata, finalizers: ['other'] }));
      const o = await f.ensure(stale, F);
      return [o.metadata?.finalizers, c.patches()];
    },
    'remove of a vanished object returns undefined': async (_c: FakeClient, f: Finalizers<ReturnType<FakeClient['put']>>) => {
      const o = await f.remove({ ...widget('ghost'), metadata: { ...widget('ghost').metadata, finalizers: [F] } }, F);
      return [o, 0];
    },
  };
  const want: Record<keyof typeof cases, unknown[]> = {
    'ensure adds once': [[F], 1],
    'ensure keeps other finalizers': [['other', F], 1],
    'remove is a no-op when absent': [undefined, 0],
    'ensure retries a conflict with a fresh read': [['other', F], 2],
    'remove of a vanished object returns undefined': [undefined, 0],
  };
  for (const [reason, run] of Object.entries(cases)) {
    it(reason, async () => {
      const c = new FakeClient();
      expect(await run(c, new Finalizers(c))).to.deep.equal(want[reason as keyof typeof cases]);
    });
  }
});
