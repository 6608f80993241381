/**
 * Secrets on a real kube-apiserver: a metadata-only informer (PartialObjectMetadata list + watch: no `data` in
 * memory), a full core-group informer, a controller woken by a metadata-only Secret watch that reads it through
 * ctx.list, and KubeSecrets' finalizer edits (added/present/deleting/missing, 409-safe).
 */
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { expect } from 'chai';
import { KubeSecrets } from '../../../operator/resources/kube-secrets.js';
import type { ControllerSpec } from '../../../operator/runtime/controller-spec.js';
import type { KubeConfig as OperatorKubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import type { ObjectApi } from '../../../operator/runtime/kube/object-api.js';
import type { Secret } from '../../../operator/runtime/kube/types.js';
import { ResourceInformer } from '../../../operator/runtime/informer.js';
import { keyOf } from '../../../operator/runtime/keys.js';
import type { CustomObject, KubeObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { Manager } from '../../../operator/runtime/manager.js';
import { requeueAfter, stable } from '../../../operator/runtime/result.js';
import { createTestNamespace } from '../setup.js';
import { createCrd, kubeConfig, objects, operatorKubeConfig, testSettings, uniqueGroup, waitFor } from './helpers.js';

const secretType: ResourceType = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' };
const configMapType: ResourceType = { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('Secrets: metadata-only watch and finalizers on a real kube-apiserver', function () {
  let kc: KubeConfig;
  let kube: OperatorKubeConfig;
  let core: CoreV1Api;
  let ns: string;

  const createSecret = (name: string, data: Record<string, string> = { accessKey: 'AK', secretKey: 'SK' }) =>
    core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name }, type: 'Opaque', data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) },
    });
  const readSecret = (name: string): Promise<V1Secret> => core.readNamespacedSecret({ namespace: ns, name });
  const exists = async (name: string) =>
    readSecret(name).then(
      () => true,
      (err: { code?: number }) => {
        if (err.code === 404) return false;
        throw err;
      },
    );

  before(async () => {
    kc = kubeConfig();
    kube = operatorKubeConfig();
    core = kc.makeApiClient(CoreV1Api);
    ns = await createTestNamespace('secret-watch');
  });

  describe('ResourceInformer for core types', () => {
    it('metadata-only: sees add/update/delete of Secrets and never caches data (list and watch)', async () => {
      await createSecret('listed'); // before start: arrives through the list
      const inf = new ResourceInformer<KubeObject>(kube, secretType, { namespace: ns, log: silentLogger(), metadataOnly: true });
      const seen: string[] = [];
      const withData: string[] = []; // asserted afterwards: a throw inside a handler would be swallowed by client-node
      const record = (what: string) => (o: KubeObject) => {
        seen.push(`${what}:${o.metadata?.name}`);
        if ('data' in o) withData.push(`${what}:${o.metadata?.name}`);
      };
      inf.on({ add: record('add'), update: record('update'), delete: record('delete') });
      try {
        await inf.start();
        expect(inf.hasSynced()).to.equal(true);
        expect(inf.id).to.equal('secrets./v1#metadata');
        const listed = inf.get({ namespace: ns, name: 'listed' });
        expect(listed, 'listed Secret in cache').to.not.equal(undefined);
        expect(listed).to.not.have.property('data');
        expect(listed).to.not.have.property('stringData');
        expect(listed).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
        expect(listed?.metadata?.resourceVersion).to.be.a('string');
        expect(typeof listed?.metadata?.creationTimestamp, 'timestamps stay strings').to.equal('string');

        // add through the watch
        await createSecret('watched');
        await waitFor(() => inf.get({ namespace: ns, name: 'watched' }) !== undefined, 10_000, 'watched Secret added');
        const added = inf.get({ namespace: ns, name: 'watched' });
        expect(added).to.not.have.property('data');
        expect(added?.kind).to.equal('PartialObjectMetadata');

        // update: data and a label change; the cache sees the label, never the data
        const cur = await readSecret('watched');
        await core.replaceNamespacedSecret({
          namespace: ns,
          name: 'watched',
          body: {
            ...cur,
            metadata: { ...cur.metadata, labels: { rotated: 'yes' } },
            data: { accessKey: b64('AK2'), secretKey: b64('SK2') },
          },
        });
        await waitFor(
          () => inf.get({ namespace: ns, name: 'watched' })?.metadata?.labels?.rotated === 'yes',
          10_000,
          'watched Secret updated',
        );
        expect(inf.get({ namespace: ns, name: 'watched' })).to.not.have.property('data');
        expect(seen).to.include('update:watched');

        // delete
        await core.deleteNamespacedSecret({ namespace: ns, name: 'watched' });
        await waitFor(() => inf.get({ namespace: ns, name: 'watched' }) === undefined, 10_000, 'watched Secret deleted');
        expect(seen).to.include.members(['add:listed', 'add:watched', 'update:watched', 'delete:watched']);
        expect(withData, 'event objects carrying data').to.deep.equal([]);
        for (const o of inf.list(ns)) expect(o, `${o.metadata?.name} in list()`).to.not.have.property('data');
        expect(JSON.stringify(inf.list()), 'no secret value anywhere in the cache').to.not.match(/U0sy|QUsy|U0s=|QUs=/);
      } finally {
        await inf.stop();
      }
    });

    it('full (not metadata-only) core-group informer lists and watches /api/v1 with the objects whole', async () => {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm1' }, data: { a: '1' } } });
      const inf = new ResourceInformer<KubeObject & { data?: Record<string, string> }>(kube, configMapType, {
        namespace: ns,
        log: silentLogger(),
      });
      try {
        await inf.start();
        expect(inf.get({ namespace: ns, name: 'cm1' })?.data).to.deep.equal({ a: '1' });
        await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm2' }, data: { b: '2' } } });
        await waitFor(() => inf.get({ namespace: ns, name: 'cm2' })?.data?.b === '2', 10_000, 'cm2 in cache with data');
      } finally {
        await inf.stop();
      }
    });
  });

  describe('a controller woken by a metadata-only Secret watch', () => {
    type Widget = CustomObject<{ secretRef?: string }, { phase?: string }>;
    const widgetType: ResourceType = { group: uniqueGroup('sec'), version: 'v1', plural: 'widgets', kind: 'Widget' };
    const cleanups: Array<() => Promise<void>> = [];
    let manager: Manager;
    const listedData: unknown[] = [];

    const spec: ControllerSpec<Widget> = {
      ...widgetType,
      watches: [
        {
          ...secretType,
          metadataOnly: true,
          map: (secret, own) =>
            own
              .list(secret.metadata?.namespace)
              .filter((w) => w.spec?.secretRef === secret.metadata?.name)
              .map(keyOf),
        },
      ],
      async reconcile(_key, obj, ctx) {
        const secrets = ctx.list(secretType, obj.metadata?.namespace);
        listedData.push(...secrets.map((s) => (s as { data?: unknown }).data));
        const found = secrets.some((s) => s.metadata?.name === obj.spec?.secretRef);
        const phase = found ? 'Ready' : 'WaitingForSecret';
        await ctx.status.write(obj, (s) => ({ ...s, phase }));
        // stalled: a long requeue, so only the Secret watch can bring it back in time
        return found ? stable() : requeueAfter(600_000);
      },
    };

    before(async function () {
      this.timeout(60_000);
      cleanups.push(await createCrd(kc, widgetType));
      manager = new Manager({ kubeConfig: kube, settings: testSettings(ns), log: silentLogger() });
      manager.register(spec);
      await manager.start();
      await manager.whenLeading();
    });

    after(async () => {
      await manager?.stop();
      for (const c of cleanups) await c();
    });

    it('a widget stalled on a missing Secret recovers when the Secret appears; ctx.list/manager.list read the metadata cache', async () => {
      const widgets = objects(kc, widgetType, ns);
      await widgets.create('w1', { secretRef: 'late-creds' });
      await waitFor(async () => ((await widgets.get('w1')) as Widget).status?.phase === 'WaitingForSecret', 20_000, 'w1 waiting');
      await createSecret('late-creds');
      await waitFor(
        async () => ((await widgets.get('w1')) as Widget).status?.phase === 'Ready',
        20_000,
        'w1 Ready after the Secret appeared',
      );

      const listed = manager.list(secretType, ns);
      expect(listed.map((s) => s.metadata?.name)).to.include('late-creds');
      for (const s of listed) expect(s).to.not.have.property('data');
      expect(manager.lookup(secretType, { namespace: ns, name: 'late-creds' })).to.not.have.property('data');
      expect(manager.list(secretType, 'no-such-namespace')).to.deep.equal([]);
      expect(manager.list(configMapType, ns), 'no informer for ConfigMaps').to.deep.equal([]);
      expect(
        listedData.every((d) => d === undefined),
        'reconcile never saw Secret data',
      ).to.equal(true);
    });
  });

  describe('KubeSecrets finalizers', () => {
    const F1 = 'cce.operator.dev/in-use-test-a';
    const F2 = 'cce.operator.dev/in-use-test-b';
    let secrets: KubeSecrets;

    before(() => {
      secrets = new KubeSecrets(kube);
    });

    it('addFinalizer/removeFinalizer round-trip (data untouched), present, no-op remove', async () => {
      await createSecret('fin');
      expect(await secrets.addFinalizer(ns, 'fin', F1)).to.equal('added');
      const withF = await readSecret('fin');
      expect(withF.metadata?.finalizers).to.deep.equal([F1]);
      expect(withF.data).to.deep.equal({ accessKey: b64('AK'), secretKey: b64('SK') });
      const rv = withF.metadata?.resourceVersion;
      expect(await secrets.addFinalizer(ns, 'fin', F1)).to.equal('present');
      expect((await readSecret('fin')).metadata?.resourceVersion, 'no write when present').to.equal(rv);

      await secrets.removeFinalizer(ns, 'fin', F1);
      const without = await readSecret('fin');
      expect(without.metadata?.finalizers ?? []).to.deep.equal([]);
      expect(without.data).to.deep.equal({ accessKey: b64('AK'), secretKey: b64('SK') });
      const rv2 = without.metadata?.resourceVersion;
      await secrets.removeFinalizer(ns, 'fin', F1);
      expect((await readSecret('fin')).metadata?.resourceVersion, 'no write when absent').to.equal(rv2);
    });

    it('a 409 (the Secret changed between read and patch) is retried with a fresh read', async () => {
      await createSecret('conflict');
      const conflicted = new KubeSecrets(kube);
      const api = (conflicted as unknown as { api: ObjectApi<Secret> }).api;
      const read = api.get.bind(api);
      const patch = api.patch.bind(api);
      let reads = 0;
      let patches = 0;
      let bumps = 0;
      api.get = async (...args: Parameters<ObjectApi<Secret>['get']>) => {
        const stale = await read(...args);
        if (reads++ === 0) {
          // someone else writes after our read: our resourceVersion precondition is now stale
          const cur = await readSecret('conflict');
          await core.replaceNamespacedSecret({
            namespace: ns,
            name: 'conflict',
            body: { ...cur, metadata: { ...cur.metadata, labels: { bumped: String(++bumps) } } },
          });
        }
        return stale;
      };
      api.patch = async (...args: Parameters<ObjectApi<Secret>['patch']>) => {
        patches++;
        return patch(...args);
      };

      expect(await conflicted.addFinalizer(ns, 'conflict', F1)).to.equal('added');
      expect({ reads, patches }).to.deep.equal({ reads: 2, patches: 2 });
      const s = await readSecret('conflict');
      expect(s.metadata?.finalizers).to.deep.equal([F1]);
      expect(s.metadata?.labels).to.deep.equal({ bumped: '1' });

      reads = 0;
      patches = 0;
      await conflicted.removeFinalizer(ns, 'conflict', F1);
      expect({ reads, patches }).to.deep.equal({ reads: 2, patches: 2 });
      const after = await readSecret('conflict');
      expect(after.metadata?.finalizers ?? []).to.deep.equal([]);
      expect(after.metadata?.labels).to.deep.equal({ bumped: '2' });
    });

    it('concurrent adds of different finalizers all land', async () => {
      await createSecret('race');
      const names = Array.from({ length: 4 }, (_, i) => `cce.operator.dev/race-${i}`);
      const results = await Promise.all(names.map((n) => secrets.addFinalizer(ns, 'race', n)));
      expect(results).to.deep.equal(names.map(() => 'added'));
      expect([...((await readSecret('race')).metadata?.finalizers ?? [])].sort()).to.deep.equal([...names].sort());
      await Promise.all(names.map((n) => secrets.removeFinalizer(ns, 'race', n)));
      expect((await readSecret('race')).metadata?.finalizers ?? []).to.deep.equal([]);
    });

    it("answers 'deleting' for a terminating Secret without changing it; removing the last finalizer lets it go", async () => {
      await createSecret('doomed');
      expect(await secrets.addFinalizer(ns, 'doomed', F1)).to.equal('added');
      await core.deleteNamespacedSecret({ namespace: ns, name: 'doomed' });
      const terminating = await readSecret('doomed');
      expect(terminating.metadata?.deletionTimestamp, 'held by the finalizer').to.not.equal(undefined);
      const rv = terminating.metadata?.resourceVersion;

      expect(await secrets.addFinalizer(ns, 'doomed', F2)).to.equal('deleting');
      expect(await secrets.addFinalizer(ns, 'doomed', F1), 'terminating wins over present').to.equal('deleting');
      const after = await readSecret('doomed');
      expect(after.metadata?.finalizers).to.deep.equal([F1]);
      expect(after.metadata?.resourceVersion).to.equal(rv);

      await secrets.removeFinalizer(ns, 'doomed', F1);
      await waitFor(async () => !(await exists('doomed')), 10_000, 'doomed deleted');
      await secrets.removeFinalizer(ns, 'doomed', F1); // gone: no-op
    });

    it("answers 'missing' for a Secret that does not exist; removeFinalizer is a no-op", async () => {
      expect(await secrets.addFinalizer(ns, 'no-such-secret', F1)).to.equal('missing');
      await secrets.removeFinalizer(ns, 'no-such-secret', F1);
      expect(await exists('no-such-secret')).to.equal(false);
    });
  });
});
