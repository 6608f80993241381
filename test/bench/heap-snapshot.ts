/**
 * A heap snapshot of the operator process (taken once, at the end of a run), by constructor. The operator runs with `--heapsnapshot-signal=SIGUSR2`
 * in its own working directory; a signal makes V8 collect garbage and write a snapshot there (blocking the
 * operator's event loop meanwhile, so a /metrics answer afterwards means the file is complete). The summary is the
 * live heap after that collection — what the heap gauge cannot show, since it includes garbage not yet collected —
 * and the self size per constructor (per node type for strings, arrays, code and the like).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface HeapSummary {
  liveBytes: number;
  nodes: number;
  top: Array<{ name: string; count: number; bytes: number }>;
}

/** Snapshots larger than this are not parsed (a JavaScript string cannot hold much more); the live size is still read. */
const MAX_PARSE_BYTES = 450 * 1024 * 1024;

/** Signals `pid`, waits until `answer()` resolves (the event loop is free again), and returns the new snapshot's path. */
export async function takeHeapSnapshot(pid: number, dir: string, answer: () => Promise<unknown>): Promise<string> {
  const before = new Set(snapshotsIn(dir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 250));
    await answer().catch(() => undefined);
    const fresh = snapshotsIn(dir).filter((f) => !before.has(f));
    if (fresh.length) {
      const path = join(dir, fresh[0]!);
      const size = statSync(path).size;
      await new Promise((r) => setTimeout(r, 250));
      if (statSync(path).size === size && size > 0) return path;
    }
  }
  throw new Error(`no heap snapshot appeared in ${dir} within 150 s`);
}

function snapshotsIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));
}

/** Live heap and the `limit` largest constructors by self size. Deletes the file afterwards. */
export function summarizeHeapSnapshot(path: string, limit = 12): HeapSummary | { fileBytes: number; skipped: string } {
  const fileBytes = statSync(path).size;
  try {
    if (fileBytes > MAX_PARSE_BYTES) return { fileBytes, skipped: `snapshot of ${fileBytes} bytes is too large to parse here` };
    const snap = JSON.parse(readFileSync(path, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snap.snapshot.meta.node_fields;
    const width = fields.length;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
    const types = snap.snapshot.meta.node_types[0];
    const by = new Map<string, { count: number; bytes: number }>();
    let live = 0;
    for (let i = 0; i < snap.nodes.length; i += width) {
      const type = types[snap.nodes[i + typeAt]!]!;
      const size = snap.nodes[i + sizeAt]!;
      live += size;
      const name = type === 'object' || type === 'native' ? snap.strings[snap.nodes[i + nameAt]!]! : `(${type})`;
      const e = by.get(name) ?? { count: 0, bytes: 0 };
      e.count++;
      e.bytes += size;
      by.set(name, e);
    }
    const top = [...by]
      .map(([name, e]) => ({ name, ...e }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, limit);
    return { liveBytes: live, nodes: snap.nodes.length / width, top };
  } finally {
    rmSync(path, { force: true });
  }
}
