/**
 * Starts a real etcd + kube-apiserver on free loopback ports in a temp dir, writes an admin kubeconfig, and
 * tears everything down on stop(), on process exit, on Ctrl-C/SIGTERM and (through a detached reaper) when
 * the starting process is killed outright.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinaries, type TestEnvBinaries } from './binaries.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { freePort } from './ports.js';
import { ServerStartError, startServer, stopServer, waitReady, type ServerProcess } from './server-process.js';
import { createCa, type CertKey } from './x509.js';

export interface TestEnv {
  /** https://127.0.0.1:<port> */
  server: string;
  kubeconfigPath: string;
  /** Bearer token of a `system:masters` admin. */
  adminToken: string;
  caData: string;
  dir: string;
  /**
   * The apiserver's audit log (JSON lines, level Metadata): the requests of service accounts only (the operator run
   * as its own ServiceAccount in test/integration/e2e), so the tests that run as admin add nothing to it.
   */
  auditLogPath: string;
  /** The CA the apiserver trusts for client certificates (--client-ca-file); issue some with x509.ts issueClientCert. */
  clientCa: CertKey;
  binaries: TestEnvBinaries;
  stop(): Promise<void>;
}

export interface TestEnvOptions {
  /** Where to also write the kubeconfig (besides the temp dir). */
  kubeconfigPath?: string;
  /** Attempts per server when a port clashes. */
  attempts?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

const here = dirname(fileURLToPath(import.meta.url));

export async function startTestEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`[testenv] ${l}\n`));
  const binaries = ensureBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'cce-testenv-'));
  const procs: ServerProcess[] = [];
  const cleanup = registerCleanup(dir, procs);
  startReaper(dir);
  try {
    const adminToken = randomBytes(24).toString('hex');
    writeFiles(dir, adminToken);
    const clientCa = createCa();
    writeFileSync(join(dir, 'client-ca.crt'), clientCa.cert);
    const etcdUrl = await withRetries('etcd', opts.attempts ?? 3, async () => {
      const [client, peer] = [await freePort(), await freePort()];
      const p = track(dir, procs, startServer('etcd', binaries.etcd, etcdArgs(dir, client, peer), join(dir, 'etcd.log')));
      const url = `http://127.0.0.1:${client}`;
      await waitReady(p, () => httpOk(`${url}/health`), opts.readyTimeoutMs ?? 30000).catch(async (e) => {
        await stopServer(p);
        throw e;
      });
      return url;
    });
    log(`etcd ready at ${etcdUrl}`);
    const port = await withRetries('kube-apiserver', opts.attempts ?? 3, async () => {
      const port = await freePort();
      const p = track(
        dir,
        procs,
        startServer('kube-apiserver', binaries.kubeApiserver, apiserverArgs(dir, etcdUrl, port), join(dir, 'kube-apiserver.log')),
      );
      await waitReady(p, () => readyz(port, adminToken), opts.readyTimeoutMs ?? 90000).catch(async (e) => {
        await stopServer(p);
        throw e;
      });
      return port;
    });
    const server = `https://127.0.0.1:${port}`;
    const caData = readFileSync(join(dir, 'certs', 'apiserver.crt')).toString('base64');
    const kubeconfig = kubeconfigYaml(server, caData, adminToken);
    const kubeconfigPath = join(dir, 'kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
    if (opts.kubeconfigPath) writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
    log(`kube-apiserver ready at ${server}`);
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        for (const p of [...procs].reverse()) await stopServer(p);
        rmSync(dir, { recursive: true, force: true });
        cleanup.unregister();
      })());
    return { server, kubeconfigPath, adminToken, caData, dir, binaries, stop, auditLogPath: join(dir, 'audit.log'), clientCa };
  } catch (e) {
    for (const p of [...procs].reverse()) await stopServer(p);
    rmSync(dir, { recursive: true, force: true });
    cleanup.unregister();
    throw e;
  }
}

function track(dir: string, procs: ServerProcess[], p: ServerProcess): ServerProcess {
  procs.push(p);
  if (p.child.pid) appendFileSync(join(dir, 'pids'), `${p.child.pid}\n`);
  return p;
}

async function withRetries<T>(name: string, attempts: number, fn: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ServerStartError) || !e.portClash || i >= attempts) throw e;
      process.stderr.write(`[testenv] ${name}: port clash, retrying (${i}/${attempts})\n`);
    }
  }
}

function writeFiles(dir: string, adminToken: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(join(dir, 'tokens.csv'), `${adminToken},admin,admin,"system:masters"\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'audit-policy.yaml'), AUDIT_POLICY);
}

/** Audit service accounts' requests (verb, resource, user, response code), once each, and nothing else. */
const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    userGroups: [system:serviceaccounts]
  - level: None
`;

function etcdArgs(dir: string, client: number, peer: number): string[] {
  return [
    '--name=default',
    `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=http://127.0.0.1:${client}`,
    `--advertise-client-urls=http://127.0.0.1:${client}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=default=http://127.0.0.1:${peer}`,
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

function apiserverArgs(dir: string, etcdUrl: string, port: number): string[] {
  return [
    `--etcd-servers=${etcdUrl}`,
    `--cert-dir=${join(dir, 'certs')}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${port}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    `--client-ca-file=${join(dir, 'client-ca.crt')}`,
    '--authorization-mode=RBAC',
    `--service-account-key-file=${join(dir, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    '--allow-privileged=true',
    '--disable-admission-plugins=ServiceAccount',
    `--audit-policy-file=${join(dir, 'audit-policy.yaml')}`,
    `--audit-log-path=${join(dir, 'audit.log')}`,
    '--v=1',
  ];
}

function httpOk(url: string): Promise<boolean> {
  return fetch(url).then((r) => r.ok);
}

function readyz(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/readyz', headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function startReaper(dir: string): void {
  const child = spawn(process.execPath, [join(here, 'reaper.mjs'), String(process.pid), dir], { detached: true, stdio: 'ignore' });
  child.unref();
}

/** Synchronous teardown on exit and on SIGINT/SIGTERM/SIGHUP, so no server and no temp dir outlive the run. */
function registerCleanup(dir: string, procs: ServerProcess[]): { unregister(): void } {
  const killAll = () => {
    for (const p of procs) {
      try {
        p.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killAll();
    process.stderr.write(`[testenv] ${signal}: stopped etcd and kube-apiserver, removed ${dir}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  process.on('exit', killAll);
  for (const s of signals) process.on(s, onSignal);
  return {
    unregister() {
      process.off('exit', killAll);
      for (const s of signals) process.off(s, onSignal);
    },
  };
}
