import { expect } from 'chai';
import { statusCodeOf, apiErrorMessage } from '../../../operator/runtime/api-errors.js';
import { ChangeFilter } from '../../../operator/runtime/event-filter.js';
import { parseListenAddr } from '../../../operator/runtime/http-server.js';
import { keyFor, keyOf, parseKey } from '../../../operator/runtime/keys.js';
import { collectionPath } from '../../../operator/runtime/kube-object.js';

describe('runtime/small helpers', () => {
  const addrs = {
    ':8080': { port: 8080 },
    '127.0.0.1:0': { host: '127.0.0.1', port: 0 },
    '[::1]:9090': { host: '::1', port: 9090 },
    '9000': { port: 9000 },
    '0': undefined,
    '': undefined,
  };
  for (const [addr, want] of Object.entries(addrs)) {
    it(`listen address "${addr}"`, () => expect(parseListenAddr(addr)).to.deep.equal(want));
  }
  it('rejects a bad listen address', () => expect(() => parseListenAddr('host:http')).to.throw(/invalid listen address/));

  const keys = {
    namespaced: { obj: { metadata: { namespace: 'ns', name: 'a' } }, key: 'ns/a', ref: { namespace: 'ns', name: 'a' } },
    'cluster-scoped': { obj: { metadata: { name: 'a' } }, key: 'a', ref: { name: 'a' } },
  };
  for (const [reason, c] of Object.entries(keys)) {
    it(`keys: ${reason}`, () => {
      expect([keyOf(c.obj), parseKey(c.key), keyFor(c.ref)]).to.deep.equal([c.key, c.ref, c.key]);
    });
  }

  const paths = {
    'all namespaces': { ns: undefined, want: '/apis/g.io/v1/widgets' },
    'one namespace': { ns: 'team-a', want: '/apis/g.io/v1/namespaces/team-a/widgets' },
  };
  for (const [reason, c] of Object.entries(paths)) {
    it(`collection path: ${reason}`, () =>
      expect(collectionPath({ group: 'g.io', version: 'v1', plural: 'widgets', kind: 'Widget' }, c.ns)).to.equal(c.want));
  }
  it('collection path ignores the namespace for cluster-scoped types', () =>
    expect(collectionPath({ group: 'g.io', version: 'v1', plural: 'things', kind: 'T', namespaced: false }, 'ns')).to.equal(
      '/apis/g.io/v1/things',
    ));

  const codes = {
    'ApiException.code': { err: { code: 409 }, want: 409 },
    'watch error statusCode': { err: { statusCode: 410 }, want: 410 },
    'Status body': { err: { body: { code: 404 } }, want: 404 },
    'cloud error with string code': { err: { code: 'CCE.01400001' }, want: undefined },
    'not an object': { err: 'x', want: undefined },
  };
  for (const [reason, c] of Object.entries(codes)) {
    it(`status code: ${reason}`, () => expect(statusCodeOf(c.err)).to.equal(c.want));
  }
  it('api error message prefers the Status message', () => {
    expect(apiErrorMessage({ body: '{"kind":"Status","message":"the object has been modified"}' })).to.equal(
      'the object has been modified',
    );
    expect(apiErrorMessage(new Error('plain'))).to.equal('plain');
  });

  describe('ChangeFilter', () => {
    const base = { metadata: { uid: 'u', generation: 1, labels: { a: '1' }, annotations: {}, finalizers: [] as string[] } };
    const cases: Record<string, { next: object; want: boolean }> = {
      'status-only update': { next: { ...base, status: { phase: 'X' } }, want: false },
      'finalizer added (our own)': { next: { metadata: { ...base.metadata, finalizers: ['f'] } }, want: false },
      'generation bumped': { next: { metadata: { ...base.metadata, generation: 2 } }, want: true },
      'label changed': { next: { metadata: { ...base.metadata, labels: { a: '2' } } }, want: true },
      'annotation added': { next: { metadata: { ...base.metadata, annotations: { x: 'y' } } }, want: true },
      'deletion started': { next: { metadata: { ...base.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } }, want: true },
      'recreated (new uid)': { next: { metadata: { ...base.metadata, uid: 'v' } }, want: true },
    };
    for (const [reason, c] of Object.entries(cases)) {
      it(reason, () => {
        const f = new ChangeFilter();
        expect(f.changed('k', base), 'first sight always counts').to.equal(true);
        expect(f.changed('k', c.next)).to.equal(c.want);
      });
    }
  });
});
