/**
 * The operator as its own compiled process (tsc to dist/, run with node, as the image runs it), with its CPU time
 * and RSS read from /proc and its /metrics scraped over HTTP.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../hack/testenv/ports.js';
import { summarizeHeapSnapshot, takeHeapSnapshot, type HeapSummary } from './heap-snapshot.js';
import { processCpuSeconds } from './proc-cpu.js';
import { parseSamples, type Sample } from './prom-text.js';

export interface OperatorProcess {
  child: ChildProcess;
  metricsUrl: string;
  /** User + system CPU seconds so far. */
  cpuSeconds(): number;
  rssBytes(): number;
  peakRssBytes(): number;
  metrics(): Promise<Sample[]>;
  /** A heap snapshot (after a full GC), summarised by constructor. Blocks the operator while V8 writes it. */
  heap(): Promise<HeapSummary | { fileBytes: number; skipped: string }>;
  stop(): Promise<void>;
}

export function buildOperator(root: string): string {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  return join(root, 'dist', 'operator', 'main.js');
}

/**
 * `nodeFlags` go to node before the script, as the image's ENTRYPOINT passes them (hack/image-runtime.ts); `wrap`
 * turns the command line into one that runs it elsewhere with the same pid (memory-cgroup.ts).
 */
export async function startOperator(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: number,
  nodeFlags: string[] = [],
  wrap: (command: string, args: string[]) => [string, string[]] = (c, a) => [c, a],
): Promise<OperatorProcess> {
  const port = await freePort();
  // Its own working directory: where V8 writes heap snapshots (and --cpu-prof profiles without a directory).
  const cwd = mkdtempSync(join(tmpdir(), 'cce-bench-operator-'));
  const [command, argv] = wrap(process.execPath, [
    '--heapsnapshot-signal=SIGUSR2',
    ...nodeFlags,
    entry,
    ...args,
    '--metrics-addr',
    `127.0.0.1:${port}`,
  ]);
  const child = spawn(command, argv, {
    env,
    cwd,
    stdio: ['ignore', logFile, logFile],
  });
  const pid = child.pid!;
  let peak = 0;
  const rss = () => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 200);
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode} before serving /metrics`);
    if (
      await fetch(metricsUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('the operator did not serve /metrics within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    metricsUrl,
    cpuSeconds: () => processCpuSeconds(pid),
    rssBytes: rss,
    peakRssBytes: () => Math.max(peak, rss()),
    async metrics() {
      return parseSamples(await (await fetch(metricsUrl)).text());
    },
    async heap() {
      return summarizeHeapSnapshot(await takeHeapSnapshot(pid, cwd, () => fetch(metricsUrl)));
    },
    async stop() {
      clearInterval(sampler);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
