/**
 * Runs the real operator (operator/main.ts) as a child process against the test kube-apiserver and a simulator,
 * so tests can kill it (SIGKILL = crash) and start it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEnv } from '../setup.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface OperatorOptions {
  simUrl: string;
  accessKey: string;
  secretKey: string;
  leaseName: string;
  identity?: string;
  namespace?: string;
  /** The kubeconfig the operator uses (default: the test environment's admin one, system:masters). */
  kubeconfigPath?: string;
  /** The Lease's namespace (default: "default"). */
  leaseNamespace?: string;
  extraArgs?: string[];
}

export interface OperatorProcess {
  child: ChildProcess;
  /** Every JSON log line (parsed) and non-JSON line (as { raw }). */
  logs: Record<string, unknown>[];
  output(): string;
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<OperatorProcess>();

export function startOperator(o: OperatorOptions): OperatorProcess {
  const args = [
    '--import',
    'tsx',
    join(root, 'operator', 'main.ts'),
    '--kubeconfig',
    o.kubeconfigPath ?? testEnv().kubeconfigPath,
    '--cce-endpoint',
    o.simUrl,
    '--lease-name',
    o.leaseName,
    '--lease-namespace',
    o.leaseNamespace ?? 'default',
    '--identity',
    o.identity ?? o.leaseName,
    '--metrics-addr',
    '127.0.0.1:0',
    '--resync-active',
    '300ms',
    '--backoff-base',
    '200ms',
    '--backoff-max',
    '2s',
    '--log-level',
    'debug',
    ...(o.namespace ? ['--namespace', o.namespace] : []),
    ...(o.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, HW_ACCESS_KEY: o.accessKey, HW_SECRET_KEY: o.secretKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ raw: line });
      }
      for (const w of waiters.splice(0)) w();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: OperatorProcess = {
    child,
    logs,
    output: () => logs.map((l) => JSON.stringify(l)).join('\n'),
    async waitForLog(match, timeoutMs = 30000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = logs.find(match);
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(
            `operator log line not seen within ${timeoutMs} ms; last lines:\n${proc.output().split('\n').slice(-20).join('\n')}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      running.delete(proc);
      return code;
    },
  };
  running.add(proc);
  return proc;
}

/** Kills every operator still running (for after() hooks). */
export async function stopAllOperators(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill('SIGKILL')));
}
