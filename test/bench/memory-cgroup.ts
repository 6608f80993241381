/**
 * A memory cgroup for the operator under test, with the memory limit its Deployment ships with (the chart's
 * `resources.limits.memory`). Node sizes V8's heap from the cgroup limit: under 512 MiB the heap limit is ~259 MiB
 * and V8 grows the old generation by ~1.3× of the live heap between major GCs, against up to 4× on a machine with
 * 24 GiB and no limit. So a run without the limit measures a heap the pod never has.
 *
 * cgroup v1 (`/sys/fs/cgroup/memory`) or v2 (`/sys/fs/cgroup` with the memory controller); when neither is writable
 * the run goes on without a limit and says so.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MemoryCgroup {
  dir: string;
  limitBytes: number;
  /** The command line that starts `command` inside the cgroup (same pid: the shell execs it). */
  wrap(command: string, args: string[]): [string, string[]];
  /** Removes the cgroup once its process has exited (best effort; the kernel may take a moment to empty it). */
  remove(): Promise<void>;
}

const V1 = '/sys/fs/cgroup/memory';
const V2 = '/sys/fs/cgroup';

export function memoryCgroup(name: string, limitBytes: number): MemoryCgroup | { unavailable: string } {
  const v2 = existsSync(join(V2, 'cgroup.controllers')) && readFileSync(join(V2, 'cgroup.controllers'), 'utf8').includes('memory');
  const base = v2 ? V2 : existsSync(join(V1, 'memory.limit_in_bytes')) ? V1 : undefined;
  if (!base) return { unavailable: 'no cgroup memory controller' };
  const dir = join(base, name);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'), String(limitBytes));
  } catch (e) {
    return { unavailable: `cannot create ${dir}: ${(e as Error).message}` };
  }
  return {
    dir,
    limitBytes,
    wrap: (command, args) => ['/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, command, ...args]],
    async remove() {
      for (let i = 0; i < 40 && existsSync(dir); i++) {
        try {
          rmdirSync(dir);
        } catch {
          await new Promise((r) => setTimeout(r, 50)); // its exited process is still being removed from it
        }
      }
    },
  };
}

/** A Kubernetes quantity of memory ("512Mi", "1Gi", "500M", "1048576") in bytes. */
export function memoryBytes(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity.trim());
  if (!m) throw new Error(`"${quantity}" is not a memory quantity (e.g. 512Mi)`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ''] ?? 1;
  return Math.round(Number(m[1]) * unit);
}
