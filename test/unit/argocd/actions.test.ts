/**
 * config/argocd's resource actions (pause, resume, refresh) and their discovery, run by a real Lua 5.1 as Argo CD
 * runs them (argo-lua.ts), for every kind: an action returns the whole object, changed only in the annotation the
 * operator honours; discovery offers what makes sense for the object's state.
 */
import { expect } from 'chai';
import { PAUSED_ANNOTATION } from '../../../operator/resources/managed/reasons.js';
import { REFRESH_ANNOTATION } from '../../../operator/runtime/resync.js';
import { cleanReturned, customizationFor, luaAvailable, runArgoLua, type KindCustomization } from './argo-lua.js';

type Obj = { metadata: Record<string, unknown> & { annotations?: Record<string, string> } } & Record<string, unknown>;

function object(kind: string, annotations?: Record<string, string>, deleting = false): Obj {
  return {
    apiVersion: 'cce.operator.dev/v1alpha1',
    kind,
    metadata: {
      name: 'x',
      namespace: 'team-a',
      generation: 3,
      labels: { team: 'a' },
      finalizers: ['cce.operator.dev/finalizer'],
      ...(annotations ? { annotations } : {}),
      ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: { clusterRef: { name: 'c1' }, values: { custom: { upstream_nameservers: [] } }, nodeTemplate: { k8sTags: {} } },
    status: {
      observedGeneration: 3,
      conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'ok', observedGeneration: 3 }],
    },
  };
}

/** The object an action returns, as Argo CD sees it (empty tables cleaned back to maps where they were maps). */
function act(script: string, obj: Obj): Obj {
  return cleanReturned(runArgoLua(script, obj), obj) as Obj;
}

/** `obj` with its annotations replaced (undefined: none). */
function withAnnotations(obj: Obj, annotations: Record<string, string> | undefined): Obj {
  const metadata = { ...obj.metadata };
  if (annotations) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...obj, metadata };
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('Argo CD resource actions (config/argocd, real Lua 5.1)', function () {
  before(function () {
    if (!luaAvailable()) throw new Error('lua5.1 is not installed: run `make deps` (hack/install-deps.sh installs it)');
  });

  it('the annotations are the ones the operator honours', () => {
    expect(PAUSED_ANNOTATION).to.equal('cce.operator.dev/paused');
    expect(REFRESH_ANNOTATION).to.equal('cce.operator.dev/refresh-requested-at');
  });

  for (const kind of ['CceCluster', 'CceNodePool', 'CceAddon']) {
    describe(kind, () => {
      let c: KindCustomization;
      before(() => {
        c = customizationFor(kind);
      });

      it('defines pause, resume and refresh', () => {
        expect(Object.keys(c.actions).sort()).to.deep.equal(['pause', 'refresh', 'resume']);
      });

      const discoveryRows: Array<{ state: string; obj: Obj; enabled: string[] }> = [
        { state: 'running, no annotations', obj: object(kind), enabled: ['pause', 'refresh'] },
        { state: 'paused', obj: object(kind, { [PAUSED_ANNOTATION]: 'true' }), enabled: ['resume'] },
        {
          state: 'paused annotation "false" (not paused)',
          obj: object(kind, { [PAUSED_ANNOTATION]: 'false' }),
          enabled: ['pause', 'refresh'],
        },
        { state: 'deleting (a pause stops the cloud delete)', obj: object(kind, undefined, true), enabled: ['pause', 'refresh'] },
      ];
      for (const row of discoveryRows) {
        it(`discovery, ${row.state}: ${row.enabled.join(', ')}`, () => {
          const found = runArgoLua(c.discovery, row.obj) as Record<string, { disabled?: boolean; iconClass?: string }>;
          expect(Object.keys(found).sort()).to.deep.equal(['pause', 'refresh', 'resume']);
          const enabled = Object.entries(found)
            .filter(([, a]) => a.disabled !== true)
            .map(([n]) => n)
            .sort();
          expect(enabled).to.deep.equal(row.enabled);
        });
      }

      it('pause, no annotations: adds cce.operator.dev/paused: "true", nothing else changes', () => {
        const before = object(kind);
        expect(act(c.actions['pause'] as string, before)).to.deep.equal(withAnnotations(before, { [PAUSED_ANNOTATION]: 'true' }));
      });

      it('pause keeps the other annotations; pausing again changes nothing', () => {
        const before = object(kind, { 'example.com/owner': 'team-a', [PAUSED_ANNOTATION]: 'false' });
        const after = act(c.actions['pause'] as string, before);
        expect(after).to.deep.equal(withAnnotations(before, { 'example.com/owner': 'team-a', [PAUSED_ANNOTATION]: 'true' }));
        expect(act(c.actions['pause'] as string, after)).to.deep.equal(after);
      });

      it('resume sets cce.operator.dev/paused: "false" and keeps the other annotations', () => {
        const before = object(kind, { 'example.com/owner': 'team-a', [PAUSED_ANNOTATION]: 'true' });
        expect(act(c.actions['resume'] as string, before)).to.deep.equal(
          withAnnotations(before, { 'example.com/owner': 'team-a', [PAUSED_ANNOTATION]: 'false' }),
        );
      });

      it('resume when the paused annotation is the only one: "false" (removing it would leave it paused, see below)', () => {
        const before = object(kind, { [PAUSED_ANNOTATION]: 'true' });
        expect(act(c.actions['resume'] as string, before)).to.deep.equal(withAnnotations(before, { [PAUSED_ANNOTATION]: 'false' }));
      });

      it('(why) Argo CD turns an action-emptied map back into the map it was: removing the only annotation is a no-op', () => {
        const before = object(kind, { [PAUSED_ANNOTATION]: 'true' });
        const removing = 'obj.metadata.annotations["cce.operator.dev/paused"] = nil\nreturn obj';
        expect(act(removing, before)).to.deep.equal(before);
      });

      it('refresh sets cce.operator.dev/refresh-requested-at to the current UTC time (RFC 3339)', () => {
        for (const before of [
          object(kind),
          object(kind, { [REFRESH_ANNOTATION]: '2020-01-01T00:00:00Z', 'example.com/owner': 'team-a' }),
        ]) {
          const t0 = Math.floor(Date.now() / 1000) * 1000;
          const after = act(c.actions['refresh'] as string, before);
          const stamp = after.metadata.annotations?.[REFRESH_ANNOTATION] ?? '';
          expect(stamp).to.match(RFC3339_UTC);
          expect(Date.parse(stamp)).to.be.within(t0, Date.now() + 1000);
          expect(after).to.deep.equal(withAnnotations(before, { ...(before.metadata.annotations ?? {}), [REFRESH_ANNOTATION]: stamp }));
        }
      });
    });
  }
});
