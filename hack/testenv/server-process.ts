/** Runs one server binary with its output captured to a log file, and waits for it to become ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export class ServerStartError extends Error {
  constructor(
    readonly server: string,
    reason: string,
    readonly logTail: string,
    readonly portClash: boolean,
  ) {
    super(`${server} did not come up: ${reason}\n--- last lines of ${server}'s log ---\n${logTail}`);
    this.name = 'ServerStartError';
  }
}

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export function startServer(name: string, binary: string, args: string[], logFile: string): ServerProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return { name, child, logFile, exited };
}

export function logTail(logFile: string, lines = 25): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const clashPattern = /address already in use|bind: address/i;

/**
 * Polls `probe` until it resolves true; fails fast (with the log tail) when the process exits, or after `timeoutMs`.
 */
export async function waitReady(proc: ServerProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      const tail = logTail(proc.logFile);
      throw new ServerStartError(proc.name, `exited with code ${exitCode}`, tail, clashPattern.test(tail));
    }
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = logTail(proc.logFile);
  throw new ServerStartError(proc.name, `not ready after ${timeoutMs} ms`, tail, clashPattern.test(tail));
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopServer(proc: ServerProcess, graceMs = 5000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}
