import { expect } from 'chai';
import { ReadyTimer } from '../../../operator/runtime/ready-timer.js';
import { WorkQueue, type QueueObserver } from '../../../operator/runtime/work-queue.js';
import { resourceOfPath } from '../../../operator/runtime/write-counter.js';
import { FakeClock } from './fake-clock.js';

describe('runtime metrics feeds', () => {
  it('the work queue reports adds, time waiting, time working and retries (client-go workqueue metrics)', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const observer: QueueObserver = {
      added: () => seen.push('added'),
      waited: (s) => seen.push(`waited ${s}`),
      worked: (s) => seen.push(`worked ${s}`),
      retried: () => seen.push('retried'),
    };
    const q = new WorkQueue({ clock, observer });
    q.add('a');
    q.add('a'); // already waiting: not an add
    clock.advance(2_000);
    const key = await q.get();
    q.add('a'); // added while processing: one add, handed out again after done
    clock.advance(1_500);
    expect(q.unfinishedSeconds()).to.deep.equal({ total: 1.5, longest: 1.5 });
    q.done(key!);
    q.addRateLimited('b');
    expect(seen).to.deep.equal(['added', 'waited 2', 'added', 'worked 1.5', 'retried']);
    expect(q.unfinishedSeconds()).to.deep.equal({ total: 0, longest: 0 });
  });

  it('time to Ready: from the first sight of a generation, observed once; an older generation does not count', () => {
    const t = new ReadyTimer();
    t.seen('ns/a', 1, 1_000);
    t.seen('ns/a', 1, 5_000); // the same generation again keeps the first sight
    expect(t.ready('ns/a', 1, 31_000)).to.equal(30);
    expect(t.ready('ns/a', 1, 40_000), 'once').to.equal(undefined);
    t.seen('ns/a', 2, 50_000);
    expect(t.ready('ns/a', 1, 51_000), 'Ready for the old spec is not Ready for the new one').to.equal(undefined);
    expect(t.ready('ns/a', 2, 52_000)).to.equal(2);
    t.seen('ns/b', 3, 0);
    t.forget('ns/b');
    expect(t.ready('ns/b', 3, 1)).to.equal(undefined);
  });

  it('writes are labelled by resource and subresource from the request path', () => {
    const cases: Record<string, string> = {
      '/apis/cce.operator.dev/v1alpha1/namespaces/team-a/cceclusters/prod/status': 'cceclusters/status',
      '/apis/cce.operator.dev/v1alpha1/namespaces/team-a/cceclusters/prod': 'cceclusters',
      '/api/v1/namespaces/team-a/events': 'events',
      '/api/v1/namespaces/team-a/events/x.17a': 'events',
      '/api/v1/namespaces/argocd/secrets/cluster-prod?fieldManager=cce-operator': 'secrets',
      '/apis/coordination.k8s.io/v1/namespaces/cce-system/leases/cce-operator-leader': 'leases',
      '/apis/example.dev/v1/widgets/cluster-scoped/status': 'widgets/status',
    };
    for (const [path, want] of Object.entries(cases)) expect(resourceOfPath(path), path).to.equal(want);
  });
});
