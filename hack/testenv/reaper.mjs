// Watchdog for the test environment: started detached by launcher.ts. When the process that started the
// environment dies without tearing it down (SIGKILL, crash), it kills the servers listed in <dir>/pids and
// removes <dir>. It exits by itself once <dir> is gone (normal teardown).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [parentArg, dir] = process.argv.slice(2);
const parent = Number(parentArg);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (!existsSync(dir)) {
    clearInterval(timer);
    return;
  }
  if (alive(parent)) return;
  clearInterval(timer);
  let pids = [];
  try {
    pids = readFileSync(join(dir, 'pids'), 'utf8')
      .split('\n')
      .map(Number)
      .filter((p) => p > 0);
  } catch {}
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 300);
}, 500);
