/**
 * CPU time from /proc: of one process (user + system, its own threads) and of the whole machine (busy and all
 * jiffies), so a run can say where its cores went.
 */
import { readFileSync } from 'node:fs';

const CLK_TCK = 100;

/** User + system CPU seconds of `pid` so far; 0 when it has exited. */
export function processCpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** The process's command name (/proc/PID/comm), '' when it has exited. */
export function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** CPU seconds the machine has spent busy (everything but idle and iowait), summed over its cores. */
export function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}
