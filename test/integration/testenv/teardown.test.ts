/**
 * The test environment never outlives its process: Ctrl-C (SIGINT to the whole process group, as a terminal
 * sends it) and SIGKILL of the node process (the detached reaper cleans up) leave no etcd, no kube-apiserver and
 * no temp dir behind.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../support/wait.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixture = join(root, 'test', 'integration', 'testenv', 'fixtures', 'hold-env.ts');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its new parent) counts as gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

async function holdEnv(): Promise<{ child: ChildProcess; dir: string; pids: number[] }> {
  // detached: its own process group, so a group signal reaches node and both servers, like Ctrl-C in a terminal.
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const info = await waitFor(
    'test env up',
    async () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0]!) as { dir: string; pids: number[] }) : undefined),
    90000,
  );
  return { child, ...info };
}

describe('test environment teardown', () => {
  it('Ctrl-C (SIGINT to the process group) stops etcd and kube-apiserver and removes the temp dir', async () => {
    const { child, dir, pids } = await holdEnv();
    expect(pids).to.have.length(2);
    expect(pids.every(alive)).to.equal(true);
    process.kill(-child.pid!, 'SIGINT');
    await waitFor('all gone', async () => !existsSync(dir) && !pids.some(alive), 15000);
  });

  it('SIGKILL of the starting process: the reaper stops the servers and removes the temp dir', async () => {
    const { child, dir, pids } = await holdEnv();
    process.kill(child.pid!, 'SIGKILL');
    await waitFor('reaped', async () => !existsSync(dir) && !pids.some(alive), 15000);
  });
});
