/**
 * The operator as its own processes (under tsx, as test/bench/run.ts runs it): replicas sharing one Lease, killed
 * and restarted at will. Every output line is kept (for the secrets grep), and every exit the suite did not cause
 * is a crash, as is a log line that says the process died of an uncaught error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ReplicaSetOptions {
  kubeconfigPath: string;
  simUrl: string;
  namespace: string;
  accessKey: string;
  secretKey: string;
  leaseName: string;
}

export interface Crash {
  identity: string;
  detail: string;
}

const FATAL = /uncaughtException|unhandledRejection|Maximum call stack size exceeded|FATAL ERROR|heap out of memory/i;

class Replica {
  child: ChildProcess | undefined;
  private expectedExit = false;
  /** The last lines this replica printed (a crash report shows them). */
  private tail: string[] = [];
  starts = 0;

  constructor(
    readonly identity: string,
    private readonly set: ReplicaSet,
  ) {}

  start(): void {
    const o = this.set.options;
    const args = [
      '--import',
      'tsx',
      join(root, 'operator', 'main.ts'),
      '--kubeconfig',
      o.kubeconfigPath,
      '--cce-endpoint',
      o.simUrl,
      '--namespace',
      o.namespace,
      '--lease-name',
      o.leaseName,
      '--lease-namespace',
      o.namespace,
      '--identity',
      this.identity,
      '--lease-duration',
      '6s',
      '--lease-renew-deadline',
      '4s',
      '--lease-retry-period',
      '1s',
      '--metrics-addr',
      '0',
      '--workers',
      '4',
      '--cce-qps',
      '50',
      '--cce-burst',
      '50',
      '--resync-active',
      '2s',
      '--backoff-base',
      '500ms',
      '--backoff-max',
      '10s',
      '--log-level',
      'debug',
    ];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, HW_ACCESS_KEY: o.accessKey, HW_SECRET_KEY: o.secretKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.expectedExit = false;
    this.starts++;
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        this.set.lines.push(line);
        this.tail = [...this.tail.slice(-4), line];
        if (FATAL.test(line)) this.set.crashes.push({ identity: this.identity, detail: line.slice(0, 500) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (buffer) this.set.lines.push(buffer);
      if (this.child === child) this.child = undefined;
      if (this.expectedExit || this.set.stopping) return;
      const last = this.tail.map((l) => l.slice(0, 300)).join(' ⏎ ');
      // Exiting after losing the Lease is the designed way out (a Deployment restarts the pod); anything else is a crash.
      if (code === 1 && /exiting after losing leadership/.test(last)) this.set.leadershipExits++;
      else
        this.set.crashes.push({
          identity: this.identity,
          detail: `exited on its own: code ${code}, signal ${signal}; last lines: ${last}`,
        });
      setTimeout(() => {
        if (!this.set.stopping && !this.running) this.start();
      }, 1000);
    });
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectedExit = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await exited;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }
}

export class ReplicaSet {
  /** Every line any replica printed. */
  readonly lines: string[] = [];
  readonly crashes: Crash[] = [];
  /** Exits after losing the Lease (by design; restarted like a Deployment would). */
  leadershipExits = 0;
  stopping = false;
  readonly replicas: Replica[];
  kills = 0;

  constructor(
    readonly options: ReplicaSetOptions,
    identities: string[],
  ) {
    this.replicas = identities.map((id) => new Replica(id, this));
  }

  startAll(): void {
    for (const r of this.replicas) if (!r.running) r.start();
  }

  byIdentity(id: string | undefined): Replica | undefined {
    return this.replicas.find((r) => r.identity === id);
  }

  /** SIGKILL one replica (a crash, as the suite causes it). */
  async kill(r: Replica): Promise<void> {
    if (!r.running) return;
    await r.stop('SIGKILL');
    this.kills++;
  }

  async stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    await Promise.all(this.replicas.map((r) => r.stop(signal)));
  }
}

export type { Replica };
