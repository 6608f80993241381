// A kubeconfig user's exec plugin (client.authentication.k8s.io v1 / v1beta1 ExecCredential), as client-go runs
// it: the command with its args and env (plus KUBERNETES_EXEC_INFO), never interactive; its token and/or client
// certificate are cached until status.expirationTimestamp (forever when it gives none) and fetched again after a
// 401. Concurrent requests share one run.
import { spawn } from 'node:child_process';
import { isAbsolute, resolve, sep } from 'node:path';
import type { CredentialSource, Credentials } from './credentials.js';

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

/** users[].user.exec of a kubeconfig. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  apiVersion: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** What provideClusterInfo passes to the plugin (spec.cluster of KUBERNETES_EXEC_INFO). */
export interface ExecClusterInfo {
  server: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  config?: unknown;
}

export interface ExecCredentialOptions {
  /** The user's name in the kubeconfig (for messages). */
  user: string;
  /** A relative command containing a path separator is resolved against this (the kubeconfig's directory). */
  baseDir: string;
  cluster?: ExecClusterInfo;
  /** The environment the plugin inherits (default process.env). */
  env?: Record<string, string | undefined>;
  /** A plugin that runs longer is killed (default 2 min). */
  timeoutMs?: number;
  now?: () => number;
}

interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export class ExecCredentials implements CredentialSource {
  private cached: { creds: Credentials; expiresAt: number } | undefined;
  private running: Promise<Credentials> | undefined;
  /** How many times the plugin ran (tests, logs). */
  runs = 0;
  private readonly now: () => number;

  constructor(
    readonly exec: ExecConfig,
    private readonly opts: ExecCredentialOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  get(): Credentials | Promise<Credentials> {
    const c = this.cached;
    if (c && this.now() < c.expiresAt) return c.creds;
    return (this.running ??= this.run().finally(() => (this.running = undefined)));
  }

  rejected(used: Credentials): boolean {
    if (this.cached?.creds === used) this.cached = undefined;
    return true;
  }

  private command(): string {
    const cmd = this.exec.command;
    return !isAbsolute(cmd) && (cmd.includes('/') || cmd.includes(sep)) ? resolve(this.opts.baseDir, cmd) : cmd;
  }

  private async run(): Promise<Credentials> {
    const { apiVersion } = this.exec;
    const spec: Record<string, unknown> = { interactive: false };
    if (this.exec.provideClusterInfo && this.opts.cluster) spec['cluster'] = this.opts.cluster;
    const env: Record<string, string | undefined> = { ...(this.opts.env ?? process.env) };
    for (const e of this.exec.env ?? []) env[e.name] = e.value;
    env['KUBERNETES_EXEC_INFO'] = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
    this.runs++;
    const out = await runPlugin(this.command(), this.exec.args ?? [], env, this.opts.timeoutMs ?? 120_000).catch((err: unknown) => {
      throw new Error(`${this.describe()} failed: ${(err as Error).message}${this.hint(err)}`, { cause: err });
    });
    const status = this.parse(out);
    const creds: Credentials = {};
    if (status.token) creds.token = status.token;
    if (status.clientCertificateData) creds.cert = status.clientCertificateData;
    if (status.clientKeyData) creds.key = status.clientKeyData;
    const expiresAt = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Infinity;
    this.cached = { creds, expiresAt: Number.isNaN(expiresAt) ? Infinity : expiresAt };
    return creds;
  }

  private parse(stdout: string): ExecCredentialStatus {
    let cred: { apiVersion?: string; kind?: string; status?: ExecCredentialStatus };
    try {
      cred = JSON.parse(stdout) as typeof cred;
    } catch {
      throw new Error(`${this.describe()} did not print an ExecCredential (not JSON)`);
    }
    if (cred?.kind !== 'ExecCredential' || cred.apiVersion !== this.exec.apiVersion) {
      throw new Error(
        `${this.describe()} printed ${cred?.apiVersion ?? '?'} ${cred?.kind ?? '?'}, want ${this.exec.apiVersion} ExecCredential`,
      );
    }
    const s = cred.status ?? {};
    if (!s.token && !(s.clientCertificateData && s.clientKeyData)) {
      throw new Error(`${this.describe()} gave neither status.token nor status.clientCertificateData and clientKeyData`);
    }
    if (!!s.clientCertificateData !== !!s.clientKeyData) {
      throw new Error(`${this.describe()} gave only one of status.clientCertificateData and clientKeyData`);
    }
    return s;
  }

  private describe(): string {
    return `exec plugin ${JSON.stringify(this.exec.command)} of user ${JSON.stringify(this.opts.user)}`;
  }

  private hint(err: unknown): string {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' && this.exec.installHint ? ` (${this.exec.installHint.trim()})` : '';
  }
}

/** Runs the plugin; resolves with its stdout when it exits 0. */
function runPlugin(command: string, args: string[], env: Record<string, string | undefined>, timeoutMs: number): Promise<string> {
  return new Promise((resolveOut, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolveOut(Buffer.concat(stdout).toString('utf8'));
      const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs} ms?)` : ''}` : `exit code ${code}`;
      const text = Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`${why}${text ? `: ${text.slice(0, 500)}` : ''}`));
    });
  });
}
