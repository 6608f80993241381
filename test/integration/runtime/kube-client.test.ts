/**
 * The operator's own Kubernetes client (operator/runtime/kube) on the real kube-apiserver: each way to
 * authenticate (a token kubeconfig, client certificates from files and from -data, an exec plugin that first
 * hands out a bad token, the in-cluster ServiceAccount with its token rotated), the verbs and errors on Secrets,
 * and the informer's list + watch: bookmarks, resuming after the server ends a watch without listing again,
 * re-listing after 410 Gone, managedFields dropped from the cache.
 */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { issueClientCert } from '../../../hack/testenv/x509.js';
import { apiErrorMessage, isConflict, isNotFound, statusCodeOf } from '../../../operator/runtime/api-errors.js';
import { ResourceInformer } from '../../../operator/runtime/informer.js';
import type { KubeConfig as OperatorKubeConfig } from '../../../operator/runtime/kube/kube-config.js';
import { loadKubeconfigFile } from '../../../operator/runtime/kube/kube-config.js';
import { loadInCluster } from '../../../operator/runtime/kube/in-cluster.js';
import { objectApi, SECRETS } from '../../../operator/runtime/kube/object-api.js';
import type { KubernetesObject, Secret, WatchEvent } from '../../../operator/runtime/kube/types.js';
import type { CustomObject, ResourceType } from '../../../operator/runtime/kube-object.js';
import { silentLogger } from '../../../operator/runtime/logger.js';
import { createTestNamespace, testEnv } from '../setup.js';
import { createCrd, kubeConfig, objects, operatorKubeConfig, uniqueGroup, waitFor } from './helpers.js';

interface UserInfo {
  username?: string;
  groups?: string[];
}

/** Who the API server says `kc` authenticates as (SelfSubjectReview: any authenticated user may ask). */
async function whoami(kc: OperatorKubeConfig): Promise<UserInfo> {
  const api = objectApi<KubernetesObject & { status?: { userInfo?: UserInfo } }>(kc, {
    group: 'authentication.k8s.io',
    version: 'v1',
    plural: 'selfsubjectreviews',
    namespaced: false,
  });
  const review = await api.create(undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  return review.status?.userInfo ?? {};
}

/** The API server's own request count for one resource and verb (its /metrics, as admin). */
function apiserverRequests(group: string, resource: string, verb: string): Promise<number> {
  const env = testEnv();
  const url = new URL('/metrics', env.server);
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: Buffer.from(env.caData, 'base64'), headers: { authorization: `Bearer ${env.adminToken}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let n = 0;
        for (const line of text.split('\n')) {
          if (!line.startsWith('apiserver_request_total{')) continue;
          if (line.includes(`group="${group}"`) && line.includes(`resource="${resource}"`) && line.includes(`verb="${verb}"`)) {
            n += Number(line.slice(line.lastIndexOf(' ') + 1));
          }
        }
        resolve(n);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the operator Kubernetes client on a real kube-apiserver', function () {
  let kc: KubeConfig; // client-node: the tests' own, independent client
  let kube: OperatorKubeConfig;
  let ns: string;
  let dir: string;
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    kc = kubeConfig();
    kube = operatorKubeConfig();
    ns = await createTestNamespace('kube-client');
    dir = mkdtempSync(join(tmpdir(), 'cce-kube-client-'));
  });
  after(async () => {
    for (const c of cleanups) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A kubeconfig for the test apiserver with `user` (CA and server as the admin kubeconfig). */
  const writeKubeconfig = (name: string, user: object): string => {
    const env = testEnv();
    const path = join(dir, name);
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'testenv', cluster: { server: env.server, 'certificate-authority-data': env.caData } }],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'ctx', context: { cluster: 'testenv', user: 'u' } }],
        'current-context': 'ctx',
      }),
    );
    return path;
  };

  describe('authentication', () => {
    it('a token kubeconfig (the test environment admin)', async () => {
      expect(await whoami(kube)).to.deep.include({ username: 'admin' });
    });

    it('client certificates from files relative to the kubeconfig, and as -data', async () => {
      const env = testEnv();
      const alice = issueClientCert(env.clientCa, 'alice', ['cce:testers']);
      writeFileSync(join(dir, 'alice.crt'), alice.cert);
      writeFileSync(join(dir, 'alice.key'), alice.key);
      const files = loadKubeconfigFile(writeKubeconfig('alice-files', { 'client-certificate': 'alice.crt', 'client-key': 'alice.key' }));
      const info = await whoami(files);
      expect(info.username).to.equal('alice');
      expect(info.groups).to.include('cce:testers');

      const admin = issueClientCert(env.clientCa, 'cert-admin', ['system:masters']);
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const data = loadKubeconfigFile(
        writeKubeconfig('admin-data', { 'client-certificate-data': b64(admin.cert), 'client-key-data': b64(admin.key) }),
      );
      expect((await whoami(data)).username).to.equal('cert-admin');
      const list = await objectApi(data, SECRETS).list(ns);
      expect(list.items).to.be.an('array');
    });

    it('an exec plugin: its first token is refused (401), so it runs again and the request is retried once', async () => {
      const state = join(dir, 'exec-runs');
      writeFileSync(
        join(dir, 'login.mjs'),
        `#!${process.execPath}
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const n = existsSync(${JSON.stringify(state)}) ? Number(readFileSync(${JSON.stringify(state)}, 'utf8')) + 1 : 1;
writeFileSync(${JSON.stringify(state)}, String(n));
const token = n === 1 ? 'not-a-valid-token' : process.env.ADMIN_TOKEN;
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token } }));
`,
      );
      chmodSync(join(dir, 'login.mjs'), 0o755);
      const path = writeKubeconfig('exec', {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: './login.mjs',
          env: [{ name: 'ADMIN_TOKEN', value: testEnv().adminToken }],
          interactiveMode: 'Never',
        },
      });
      const viaExec = loadKubeconfigFile(path);
      expect(await whoami(viaExec)).to.deep.include({ username: 'admin' });
      expect((await objectApi(viaExec, SECRETS).list(ns)).items).to.be.an('array');
      expect(readFileSync(state, 'utf8'), 'ran twice: the refused token, then the good one (kept)').to.equal('2');
    });

    it('in-cluster: the ServiceAccount token is read from the mounted dir, and re-read when the kubelet rotates it', async () => {
      const core = kc.makeApiClient(CoreV1Api);
      const token = async (sa: string) => {
        await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: sa } } });
        const tr = await core.createNamespacedServiceAccountToken({
          namespace: ns,
          name: sa,
          body: { spec: { audiences: [], expirationSeconds: 3600 } },
        });
        return tr.status?.token as string;
      };
      const sa = join(dir, 'serviceaccount');
      mkdirSync(sa);
      writeFileSync(join(sa, 'token'), await token('first'));
      writeFileSync(join(sa, 'ca.crt'), Buffer.from(testEnv().caData, 'base64'));
      writeFileSync(join(sa, 'namespace'), ns);
      const url = new URL(testEnv().server);
      const inCluster = loadInCluster({
        root: sa,
        env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port },
        tokenFile: { statEveryMs: 0 },
      });
      expect(inCluster.namespace).to.equal(ns);
      expect((await whoami(inCluster)).username).to.equal(`system:serviceaccount:${ns}:first`);
      writeFileSync(join(sa, 'token.new'), await token('second'));
      renameSync(join(sa, 'token.new'), join(sa, 'token'));
      expect((await whoami(inCluster)).username).to.equal(`system:serviceaccount:${ns}:second`);
    });
  });

  it('Secrets: create, get (whole and metadata-only), merge and JSON patches, server-side apply, replace, delete; errors carry the code and the Status', async () => {
    const api = objectApi<Secret>(kube, SECRETS);
    const created = await api.create(ns, {
      metadata: { name: 's1', labels: { a: '1' } },
      data: { k: Buffer.from('v').toString('base64') },
    });
    expect(created.metadata?.uid).to.be.a('string');
    const meta = (await api.get(
      { namespace: ns, name: 's1' },
      { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' },
    )) as KubernetesObject & Secret;
    expect([meta.kind, meta.data, meta.metadata?.labels]).to.deep.equal(['PartialObjectMetadata', undefined, { a: '1' }]);
    const merged = await api.patch(
      { namespace: ns, name: 's1' },
      { metadata: { labels: { b: '2' } } },
      { type: 'merge', fieldManager: 'cce-test' },
    );
    expect(merged.metadata?.labels).to.deep.equal({ a: '1', b: '2' });
    const jsonPatched = await api.patch({ namespace: ns, name: 's1' }, [{ op: 'remove', path: '/metadata/labels/a' }], { type: 'json' });
    expect(jsonPatched.metadata?.labels).to.deep.equal({ b: '2' });
    const applied = await api.patch(
      { namespace: ns, name: 's1' },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: ns, annotations: { owner: 'ssa' } } },
      { type: 'apply', fieldManager: 'cce-test-apply', force: true },
    );
    expect(applied.metadata?.annotations).to.deep.equal({ owner: 'ssa' });
    expect((applied.metadata?.managedFields as Array<{ manager?: string }>).map((f) => f.manager)).to.include('cce-test-apply');

    const stale = { ...created, metadata: { ...created.metadata, labels: { stale: 'yes' } } };
    const conflict = await api.replace({ namespace: ns, name: 's1' }, stale).then(
      () => expect.fail('replaced'),
      (e: unknown) => e,
    );
    expect([isConflict(conflict), apiErrorMessage(conflict)]).to.deep.equal([
      true,
      'Operation cannot be fulfilled on secrets "s1": the object has been modified; please apply your changes to the latest version and try again',
    ]);
    const replaced = await api.replace(
      { namespace: ns, name: 's1' },
      { ...applied, metadata: { ...applied.metadata, labels: { c: '3' } } },
    );
    expect(replaced.metadata?.labels).to.deep.equal({ c: '3' });
    const wrongUid = await api.delete({ namespace: ns, name: 's1' }, { body: { preconditions: { uid: 'not-the-uid' } } }).then(
      () => expect.fail('deleted'),
      (e: unknown) => e,
    );
    expect(statusCodeOf(wrongUid)).to.equal(409);
    await api.delete({ namespace: ns, name: 's1' }, { body: { preconditions: { uid: created.metadata?.uid as string } } });
    const gone = await api.get({ namespace: ns, name: 's1' }).then(
      () => expect.fail('still there'),
      (e: unknown) => e,
    );
    expect([isNotFound(gone), apiErrorMessage(gone), (gone as { body?: { reason?: string } }).body?.reason]).to.deep.equal([
      true,
      'secrets "s1" not found',
      'NotFound',
    ]);
  });

  describe('watch and the informer', () => {
    const group = uniqueGroup('kc');
    const type: ResourceType = { group, version: 'v1', plural: 'pings', kind: 'Ping' };
    const lists = () => apiserverRequests(group, 'pings', 'LIST');
    const watches = () => apiserverRequests(group, 'pings', 'WATCH');
    let pings: ReturnType<typeof objects>;
    before(async () => {
      cleanups.push(await createCrd(kc, type));
      pings = objects(kc, type, ns);
      // a new CRD's storage answers 429 for a moment after Established
      await waitFor(async () => Array.isArray((await objectApi(kube, type).list(ns)).items), 20_000, 'pings listable');
    });

    it('a watch with allowWatchBookmarks gets a BOOKMARK before the server ends it; one from a compacted resourceVersion gets 410', async () => {
      const api = objectApi(kube, type);
      const list = await api.list(ns);
      const events: WatchEvent[] = [];
      const started = Date.now();
      const watching = api.watch(ns, { resourceVersion: list.metadata?.resourceVersion, timeoutSeconds: 6 }, (e) => events.push(e));
      // a change this watch does not see (another namespace) moves the server's resourceVersion past what it sent
      await new Promise((r) => setTimeout(r, 300));
      const elsewhere = await objects(kc, type, await createTestNamespace('kube-client-other')).create('elsewhere', {});
      await watching;
      expect(Date.now() - started, 'the server ended it at timeoutSeconds').to.be.within(5_000, 12_000);
      expect(events.map((e) => e.type)).to.deep.equal(['BOOKMARK']);
      const rv = Number(events[0]?.object.metadata?.resourceVersion);
      expect(rv, 'the bookmark carries the progress').to.be.at.least(Number((elsewhere as KubernetesObject).metadata?.resourceVersion));

      const gone: unknown[] = [];
      await api.watch(ns, { resourceVersion: '1', timeoutSeconds: 5 }, (e) => gone.push(e)).catch((e: unknown) => gone.push(e));
      const status = gone.map((g) => ((g as WatchEvent).type === 'ERROR' ? (g as WatchEvent).object : g)).map((g) => statusCodeOf(g));
      expect(status, 'an ERROR event or an HTTP answer with 410').to.include(410);
    });

    it('the informer lists once, resumes each watch the server ends from the last resourceVersion, and re-lists after 410', async function () {
      this.timeout(90_000);
      const [lists0, watches0] = [await lists(), await watches()];
      const seen: string[] = [];
      const inf = new ResourceInformer<CustomObject<{ n?: number }>>(kube, type, {
        namespace: ns,
        log: silentLogger(),
        minWatchTimeoutSeconds: 2,
      });
      inf.on({
        add: (o) => seen.push(`add ${o.metadata?.name}`),
        update: (o) => seen.push(`update ${o.metadata?.name}`),
        delete: (o) => seen.push(`delete ${o.metadata?.name}`),
      });
      await pings.create('p0', { n: 0 });
      await inf.start();
      try {
        expect(
          (inf.get({ namespace: ns, name: 'p0' })?.metadata as { managedFields?: unknown }).managedFields,
          'managedFields dropped',
        ).to.equal(undefined);
        expect(inf.get({ namespace: ns, name: 'p0' })?.metadata?.uid).to.be.a('string');
        // watches of 2-3 s: the server ends several while objects come and go
        for (let i = 1; i <= 6; i++) {
          await pings.create(`p${i}`, { n: i });
          await new Promise((r) => setTimeout(r, 1_500));
        }
        await pings.api.patchNamespacedCustomObject({
          group,
          version: 'v1',
          plural: 'pings',
          namespace: ns,
          name: 'p1',
          body: [{ op: 'replace', path: '/spec/n', value: 10 }],
        });
        await pings.delete('p2');
        await waitFor(() => inf.list(ns).length === 6 && inf.get({ namespace: ns, name: 'p1' })?.spec?.n === 10, 10_000, 'cache caught up');
        expect(seen).to.deep.equal(['add p0', 'add p1', 'add p2', 'add p3', 'add p4', 'add p5', 'add p6', 'update p1', 'delete p2']);
        expect(await watches(), 'several watches').to.be.at.least(watches0 + 3);
        expect(await lists(), 'one list: each new watch resumed from the last resourceVersion').to.equal(lists0 + 1);

        // Stopped while objects change, then resumed from a resourceVersion the server no longer has: 410 -> re-list,
        // which reports what changed meanwhile.
        await inf.stop();
        await pings.delete('p3');
        await pings.create('p7', {});
        (inf as unknown as { resourceVersion: string }).resourceVersion = '1';
        seen.length = 0;
        await inf.start();
        await waitFor(() => seen.length >= 2, 10_000, 'the re-list reported the changes');
        expect(seen.sort()).to.deep.equal(['add p7', 'delete p3']);
        expect(
          inf
            .list(ns)
            .map((o) => o.metadata?.name)
            .sort(),
        ).to.deep.equal(['p0', 'p1', 'p4', 'p5', 'p6', 'p7']);
        expect(await lists(), 'listed again after 410').to.equal(lists0 + 2);
        await pings.create('p8', {});
        await waitFor(() => inf.get({ namespace: ns, name: 'p8' }) !== undefined, 10_000, 'watching again after the re-list');
      } finally {
        await inf.stop();
      }
    });
  });
});
