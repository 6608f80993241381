/**
 * The simulator as its own process (the compiled dist/sim/cli.js), so the benchmark's own polling never slows the
 * cloud the operator talks to, and the simulator's CPU is not the operator's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../hack/testenv/ports.js';

export interface SimProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startSimProcess(root: string, o: { accessKey: string; secretKey: string; projectId: string }): Promise<SimProcess> {
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--access-key',
    o.accessKey,
    '--secret-key',
    o.secretKey,
    '--project-id',
    o.projectId,
    '--job-seconds',
    '0',
  ];
  const child = spawn(process.execPath, [join(root, 'dist', 'sim', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`cce-sim exited with ${code} before listening`)));
  });
  child.stdout!.resume();
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
