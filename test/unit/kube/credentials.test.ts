/**
 * Credentials that change (operator/runtime/kube): an exec plugin (a real node script run as the plugin: env,
 * args, KUBERNETES_EXEC_INFO, caching until expirationTimestamp, re-run once rejected, failures named), a token
 * file re-read when it changes or at least every minute, and the in-cluster ServiceAccount with a temp dir standing
 * in for /var/run/secrets/kubernetes.io/serviceaccount.
 */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ExecCredentials, type ExecConfig } from '../../../operator/runtime/kube/exec-credential.js';
import { loadInCluster } from '../../../operator/runtime/kube/in-cluster.js';
import { KubeconfigError, loadKubeconfigFile } from '../../../operator/runtime/kube/kube-config.js';
import { TokenFileCredentials } from '../../../operator/runtime/kube/token-file.js';

/** The plugin: counts its runs in $PLUGIN_STATE, records its env, prints token-<run> (expiring after $PLUGIN_TTL_MS). */
const PLUGIN = `#!${process.execPath}
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const state = process.env.PLUGIN_STATE;
const n = existsSync(state) ? Number(readFileSync(state, 'utf8')) + 1 : 1;
writeFileSync(state, String(n));
writeFileSync(state + '.seen', JSON.stringify({ info: JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? 'null'), args: process.argv.slice(2), team: process.env.TEAM }));
if (process.env.PLUGIN_FAIL) { process.stderr.write('login required\\nrun: cloud login\\n'); process.exit(3); }
const status = { token: 'token-' + n };
if (process.env.PLUGIN_TTL_MS) status.expirationTimestamp = new Date(Date.now() + Number(process.env.PLUGIN_TTL_MS)).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: process.env.PLUGIN_API ?? 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`;

describe('credentials that change', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cce-creds-'));
    writeFileSync(join(dir, 'plugin.mjs'), PLUGIN);
    chmodSync(join(dir, 'plugin.mjs'), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('exec plugin', () => {
    let state: string;
    let n = 0;
    beforeEach(() => {
      state = join(dir, `state-${++n}`);
    });
    const runs = () => Number(readFileSync(state, 'utf8'));
    const seen = () => JSON.parse(readFileSync(`${state}.seen`, 'utf8')) as { info: unknown; args: string[]; team?: string };
    const plugin = (env: Record<string, string>, over: Partial<ExecConfig> = {}, now?: () => number) =>
      new ExecCredentials(
        { command: process.execPath, args: [join(dir, 'plugin.mjs')], apiVersion: 'client.authentication.k8s.io/v1', ...over },
        { user: 'u', baseDir: dir, env: { ...process.env, PLUGIN_STATE: state, ...env }, ...(now ? { now } : {}) },
      );

    it('caches the credential until status.expirationTimestamp, then runs the plugin again', async () => {
      let offset = 0;
      const p = plugin({ PLUGIN_TTL_MS: '60000' }, {}, () => Date.now() + offset);
      expect((await p.get()).token).to.equal('token-1');
      offset = 30_000;
      expect((await p.get()).token, 'within its lifetime').to.equal('token-1');
      offset = 61_000;
      expect((await p.get()).token, 'expired').to.equal('token-2');
      expect(runs()).to.equal(2);
    });

    it('without an expiry it is kept until the API server rejects it; concurrent requests share one run', async () => {
      const p = plugin({});
      const [a, b] = await Promise.all([p.get(), p.get()]);
      expect([a.token, b.token, runs()]).to.deep.equal(['token-1', 'token-1', 1]);
      expect((await p.get()).token).to.equal('token-1');
      expect(p.rejected(a), 'a fresh credential may differ: retry').to.equal(true);
      expect((await p.get()).token).to.equal('token-2');
    });

    it('gets KUBERNETES_EXEC_INFO (non-interactive; the cluster with provideClusterInfo), its args and env from the kubeconfig', async () => {
      const kubeconfig = join(dir, 'exec-kubeconfig');
      writeFileSync(
        kubeconfig,
        stringify({
          clusters: [
            {
              name: 'c',
              cluster: {
                server: 'https://k8s.example:6443',
                'certificate-authority-data': Buffer.from('CA').toString('base64'),
                extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'k8s' } }],
              },
            },
          ],
          users: [
            {
              name: 'u',
              user: {
                exec: {
                  apiVersion: 'client.authentication.k8s.io/v1beta1',
                  command: './plugin.mjs', // relative, with a separator: resolved against the kubeconfig's directory
                  args: ['--cluster', 'prod'],
                  env: [{ name: 'TEAM', value: 'platform' }],
                  provideClusterInfo: true,
                  interactiveMode: 'Never',
                },
              },
            },
          ],
          contexts: [{ name: 'main', context: { cluster: 'c', user: 'u' } }],
          'current-context': 'main',
        }),
      );
      const kc = loadKubeconfigFile(kubeconfig, {
        env: { ...process.env, PLUGIN_STATE: state, PLUGIN_API: 'client.authentication.k8s.io/v1beta1' },
      });
      expect((await kc.credentials.get()).token).to.equal('token-1');
      expect(seen()).to.deep.equal({
        args: ['--cluster', 'prod'],
        team: 'platform',
        info: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          kind: 'ExecCredential',
          spec: {
            interactive: false,
            cluster: {
              server: 'https://k8s.example:6443',
              'certificate-authority-data': Buffer.from('CA').toString('base64'),
              config: { audience: 'k8s' },
            },
          },
        },
      });
    });

    const failures: Record<string, { env: Record<string, string>; over?: Partial<ExecConfig>; message: RegExp }> = {
      'the plugin fails: its exit code and stderr': {
        env: { PLUGIN_FAIL: '1' },
        message: /^exec plugin ".*" of user "u" failed: exit code 3: login required \| run: cloud login$/,
      },
      'the command is not there: the install hint': {
        env: {},
        over: { command: 'cce-no-such-plugin', args: [], installHint: 'install it with: brew install cce-login' },
        message: /failed: spawn cce-no-such-plugin ENOENT \(install it with: brew install cce-login\)$/,
      },
      'another apiVersion than asked': {
        env: { PLUGIN_API: 'client.authentication.k8s.io/v1beta1' },
        message: /printed client\.authentication\.k8s\.io\/v1beta1 ExecCredential, want client\.authentication\.k8s\.io\/v1 ExecCredential/,
      },
    };
    for (const [reason, c] of Object.entries(failures)) {
      it(`says why it has no credential: ${reason}`, async () => {
        const err = await Promise.resolve(plugin(c.env, c.over).get()).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(err?.message).to.match(c.message);
      });
    }
  });

  describe('token file', () => {
    it('is re-read when the file is replaced (checked at most once a second), and at least every minute', () => {
      const path = join(dir, 'rotating-token');
      writeFileSync(path, 'token-a\n');
      let now = 1_000_000;
      const t = new TokenFileCredentials(path, { now: () => now });
      expect(t.get().token).to.equal('token-a');
      // the kubelet swaps in a new file (a new inode)
      writeFileSync(`${path}.new`, 'token-b');
      renameSync(`${path}.new`, path);
      now += 500;
      expect(t.get().token, 'not checked again within a second').to.equal('token-a');
      now += 500;
      expect(t.get().token, 'changed file, re-read').to.equal('token-b');
      // rewritten in place with the same size and mtime: only the one-minute re-read sees it
      const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 10_000);
      utimesSync(path, mtime, mtime);
      now += 1_000;
      expect(t.get().token).to.equal('token-b');
      writeFileSync(path, 'token-c');
      utimesSync(path, mtime, mtime);
      now += 30_000;
      expect(t.get().token).to.equal('token-b');
      now += 30_000;
      expect(t.get().token, 'a minute after the last read').to.equal('token-c');
    });

    it('after a 401: a retry only when the file now holds another token; a file that vanishes keeps the last token', () => {
      const path = join(dir, 'token-401');
      writeFileSync(path, 'old');
      const t = new TokenFileCredentials(path, { statEveryMs: 0 });
      const used = t.get();
      expect(t.rejected(used), 'same token: no retry').to.equal(false);
      writeFileSync(path, 'new');
      expect(t.rejected(used)).to.equal(true);
      expect(t.get().token).to.equal('new');
      rmSync(path);
      expect(t.get().token, 'mid-rotation: keep the last good token').to.equal('new');
      expect(() => new TokenFileCredentials(join(dir, 'never')).get()).to.throw(/cannot read token file .*never: no such file/);
    });
  });

  describe('in-cluster', () => {
    it('reads the ServiceAccount dir and follows the token as it rotates', async () => {
      const sa = mkdtempSync(join(tmpdir(), 'cce-sa-'));
      try {
        writeFileSync(join(sa, 'token'), 'sa-token-1');
        writeFileSync(join(sa, 'ca.crt'), 'CA PEM');
        writeFileSync(join(sa, 'namespace'), 'cce-operator-system\n');
        const kc = loadInCluster({
          root: sa,
          env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
          tokenFile: { statEveryMs: 0 },
        });
        expect([kc.cluster.server, String(kc.cluster.ca), kc.namespace, kc.source]).to.deep.equal([
          'https://[fd00::1]:443',
          'CA PEM',
          'cce-operator-system',
          'in-cluster',
        ]);
        expect((await kc.credentials.get()).token).to.equal('sa-token-1');
        writeFileSync(join(sa, 'token.tmp'), 'sa-token-2');
        renameSync(join(sa, 'token.tmp'), join(sa, 'token'));
        expect((await kc.credentials.get()).token).to.equal('sa-token-2');
        rmSync(join(sa, 'ca.crt'));
        expect(() => loadInCluster({ root: sa, env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '1' } })).to.throw(
          KubeconfigError,
          /^in-cluster: cannot read .*ca\.crt: ENOENT$/,
        );
      } finally {
        rmSync(sa, { recursive: true, force: true });
      }
    });
  });
});
