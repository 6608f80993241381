/**
 * The kubeconfig loader (operator/runtime/kube/kube-config.ts) on real files in a temp dir: contexts, CA and
 * client certificates from files (relative to the kubeconfig) and from -data, tokens, tokenFile, basic auth,
 * what is refused and how it says so; and the operator's search order (operator/cli/kubeconfig.ts).
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../../operator/cli/kubeconfig.js';
import type { Credentials } from '../../../operator/runtime/kube/credentials.js';
import { KubeconfigError, loadKubeconfigFile, type KubeConfig } from '../../../operator/runtime/kube/kube-config.js';

const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

type Doc = Record<string, unknown>;

function kubeconfig(cluster: Doc, user: Doc, extra: Doc = {}): Doc {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'c', cluster },
      { name: 'other', cluster: { server: 'https://other.example:6443' } },
    ],
    users: [
      { name: 'u', user },
      { name: 'other', user: { token: 'other-token' } },
    ],
    contexts: [
      { name: 'main', context: { cluster: 'c', user: 'u', namespace: 'team-a' } },
      { name: 'second', context: { cluster: 'other', user: 'other' } },
    ],
    'current-context': 'main',
    ...extra,
  };
}

async function creds(kc: KubeConfig): Promise<Credentials> {
  const c = await kc.credentials.get();
  const text = (v: unknown) => (v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : v);
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, text(v)])) as Credentials;
}

describe('kubeconfig loader', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cce-kubeconfig-'));
    mkdirSync(join(dir, 'pki'));
    writeFileSync(join(dir, 'pki', 'ca.crt'), CA);
    writeFileSync(join(dir, 'pki', 'client.crt'), CERT);
    writeFileSync(join(dir, 'pki', 'client.key'), KEY);
    writeFileSync(join(dir, 'token'), 'file-token\n');
    file = join(dir, 'config');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (doc: Doc | string) => writeFileSync(file, typeof doc === 'string' ? doc : stringify(doc));

  const cases: Record<
    string,
    { cluster: Doc; user: Doc; want: { ca?: string; insecure?: boolean; servername?: string; creds: Credentials } }
  > = {
    'certificate files, relative to the kubeconfig': {
      cluster: { server: 'https://k8s.example:6443', 'certificate-authority': 'pki/ca.crt' },
      user: { 'client-certificate': 'pki/client.crt', 'client-key': 'pki/client.key' },
      want: { ca: CA, creds: { cert: CERT, key: KEY } },
    },
    'certificates as -data': {
      cluster: { server: 'https://k8s.example:6443', 'certificate-authority-data': b64(CA), 'tls-server-name': 'kubernetes' },
      user: { 'client-certificate-data': b64(CERT), 'client-key-data': b64(KEY) },
      want: { ca: CA, servername: 'kubernetes', creds: { cert: CERT, key: KEY } },
    },
    'a token, insecure-skip-tls-verify': {
      cluster: { server: 'https://k8s.example:6443', 'insecure-skip-tls-verify': true },
      user: { token: 'static-token' },
      want: { insecure: true, creds: { token: 'static-token' } },
    },
    'tokenFile (relative) wins over token, as client-go': {
      cluster: { server: 'https://k8s.example:6443' },
      user: { token: 'static-token', tokenFile: 'token' },
      want: { creds: { token: 'file-token' } },
    },
    'username and password': {
      cluster: { server: 'http://127.0.0.1:8080' },
      user: { username: 'admin', password: 's3cret' },
      want: { creds: { username: 'admin', password: 's3cret' } },
    },
    'a client certificate and a token together': {
      cluster: { server: 'https://k8s.example:6443' },
      user: { 'client-certificate-data': b64(CERT), 'client-key-data': b64(KEY), token: 't' },
      want: { creds: { cert: CERT, key: KEY, token: 't' } },
    },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, async () => {
      write(kubeconfig(c.cluster, c.user));
      const kc = loadKubeconfigFile(file);
      const ca = kc.cluster.ca === undefined ? undefined : Buffer.from(kc.cluster.ca).toString('utf8');
      expect({ ca, insecure: kc.cluster.insecureSkipTlsVerify, servername: kc.cluster.tlsServerName }).to.deep.equal({
        ca: c.want.ca,
        insecure: c.want.insecure ?? false,
        servername: c.want.servername,
      });
      expect(await creds(kc)).to.deep.equal(c.want.creds);
      expect([kc.cluster.server, kc.namespace, kc.source]).to.deep.equal([c.cluster['server'], 'team-a', file]);
    });
  }

  it('a named context instead of current-context', async () => {
    write(kubeconfig({ server: 'https://k8s.example:6443' }, { token: 't' }));
    const kc = loadKubeconfigFile(file, { context: 'second' });
    expect([kc.cluster.server, kc.namespace, (await creds(kc)).token]).to.deep.equal([
      'https://other.example:6443',
      undefined,
      'other-token',
    ]);
  });

  const refused: Record<string, { doc: Doc | string; message: string }> = {
    'auth-provider (gcp), named': {
      doc: kubeconfig({ server: 'https://k' }, { 'auth-provider': { name: 'gcp', config: {} } }),
      message: 'user "u": auth-provider "gcp" is not supported by cce-operator; use an exec plugin (client.authentication.k8s.io) instead',
    },
    'impersonation': {
      doc: kubeconfig({ server: 'https://k' }, { token: 't', as: 'someone' }),
      message: 'user "u": impersonation (as) is not supported by cce-operator',
    },
    'proxy-url': {
      doc: kubeconfig({ server: 'https://k', 'proxy-url': 'http://proxy:3128' }, { token: 't' }),
      message: 'cluster "c": proxy-url is not supported by cce-operator',
    },
    'a certificate without its key': {
      doc: kubeconfig({ server: 'https://k' }, { 'client-certificate': 'pki/client.crt' }),
      message: 'user "u": client-certificate and client-key must be given together',
    },
    'a certificate file that does not exist': {
      doc: kubeconfig({ server: 'https://k', 'certificate-authority': 'nope/ca.crt' }, {}),
      message: 'certificate-authority: cannot read DIR/nope/ca.crt: ENOENT',
    },
    'basic auth and a token': {
      doc: kubeconfig({ server: 'https://k' }, { username: 'a', password: 'b', token: 't' }),
      message: 'user "u": username/password and a token cannot both be set',
    },
    'no current context': {
      doc: { ...kubeconfig({ server: 'https://k' }, {}), 'current-context': '' },
      message: 'has no current context with a cluster server',
    },
    'a context whose cluster has no server': {
      doc: kubeconfig({ 'certificate-authority-data': b64(CA) }, {}),
      message: 'has no current context with a cluster server',
    },
    'a context naming a user that is not there': {
      doc: { ...kubeconfig({ server: 'https://k' }, {}), contexts: [{ name: 'main', context: { cluster: 'c', user: 'ghost' } }] },
      message: 'has no user "ghost"',
    },
    'not YAML': { doc: 'clusters: [unclosed', message: 'is not valid: ' },
    'exec with an unknown apiVersion': {
      doc: kubeconfig({ server: 'https://k' }, { exec: { command: 'x', apiVersion: 'client.authentication.k8s.io/v1alpha1' } }),
      message: 'user "u": exec: apiVersion "client.authentication.k8s.io/v1alpha1" is not supported',
    },
    'exec that needs a terminal': {
      doc: kubeconfig(
        { server: 'https://k' },
        { exec: { command: 'x', apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Always' } },
      ),
      message: 'interactiveMode Always needs a terminal',
    },
  };
  for (const [reason, c] of Object.entries(refused)) {
    it(`refuses, in one line: ${reason}`, () => {
      write(c.doc);
      const err = (() => {
        try {
          loadKubeconfigFile(file);
        } catch (e) {
          return e as Error;
        }
        throw new Error('no error');
      })();
      expect(err).to.be.instanceOf(KubeconfigError);
      expect(err.message.startsWith(`kubeconfig ${file} `), err.message).to.equal(true);
      expect(err.message).to.include(c.message.replace('DIR', dir));
      expect(err.message).not.to.include('\n');
    });
  }

  describe("the operator's search order (cli/kubeconfig.ts)", () => {
    let home: string;
    let sa: string;
    beforeEach(() => {
      home = mkdtempSync(join(tmpdir(), 'cce-home-'));
      sa = mkdtempSync(join(tmpdir(), 'cce-sa-'));
    });
    afterEach(() => {
      rmSync(home, { recursive: true, force: true });
      rmSync(sa, { recursive: true, force: true });
    });
    const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    const saFiles = () => {
      writeFileSync(join(sa, 'token'), 'sa-token');
      writeFileSync(join(sa, 'ca.crt'), CA);
      writeFileSync(join(sa, 'namespace'), 'ops');
    };

    it('an explicit path first', () => {
      write(kubeconfig({ server: 'https://explicit:6443' }, { token: 't' }));
      saFiles();
      expect(loadKubeConfig(file, { home, env: inCluster, serviceAccountDir: sa }).cluster.server).to.equal('https://explicit:6443');
    });
    it('then ~/.kube/config', () => {
      mkdirSync(join(home, '.kube'));
      writeFileSync(join(home, '.kube', 'config'), stringify(kubeconfig({ server: 'https://home:6443' }, { token: 't' })));
      saFiles();
      const kc = loadKubeConfig('', { home, env: inCluster, serviceAccountDir: sa });
      expect([kc.cluster.server, kc.source]).to.deep.equal(['https://home:6443', join(home, '.kube', 'config')]);
    });
    it('then the in-cluster ServiceAccount', async () => {
      saFiles();
      const kc = loadKubeConfig('', { home, env: inCluster, serviceAccountDir: sa });
      expect([kc.cluster.server, kc.namespace, kc.source, (await kc.credentials.get()).token]).to.deep.equal([
        'https://10.0.0.1:443',
        'ops',
        'in-cluster',
        'sa-token',
      ]);
    });
    it('else one line saying where credentials can come from', () => {
      expect(() => loadKubeConfig('', { home, env: {}, serviceAccountDir: sa })).to.throw(
        KubeconfigError,
        /^no Kubernetes credentials: pass --kubeconfig \(or set KUBECONFIG\), create ~\/\.kube\/config, or run in a cluster/,
      );
      saFiles();
      expect(() => loadKubeConfig('', { home, env: { KUBERNETES_SERVICE_HOST: '' }, serviceAccountDir: sa }), 'no service host').to.throw(
        KubeconfigError,
      );
    });
    it('an explicit path that does not exist', () => {
      expect(() => loadKubeConfig(join(home, 'missing'), { home })).to.throw(
        KubeconfigError,
        `cannot read kubeconfig ${join(home, 'missing')}: no such file`,
      );
    });
  });
});
