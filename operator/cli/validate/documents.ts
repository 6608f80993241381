/**
 * YAML documents with positions: each document of each file as plain data, plus a way back from a field path
 * (`['spec', 'clusterRef', 'name']`) to the line and column of that field in the file (yaml's node ranges).
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Problem } from './problem.js';

export type Path = readonly (string | number)[];

export interface Manifest {
  file: string;
  /** 1-based document index in the file. */
  index: number;
  data: unknown;
  /** Line and column (1-based) of the field at `path` (of its key when `key`), else of its nearest existing parent. */
  position(path: Path, key?: boolean): { line: number; col: number };
}

export function readManifests(file: string): { manifests: Manifest[]; problems: Problem[] } {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const manifests: Manifest[] = [];
  const problems: Problem[] = [];
  const at = (offset: number) => lineCounter.linePos(offset);
  if (!Array.isArray(docs)) return { manifests, problems }; // an empty stream
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        problems.push({
          file,
          ...at(e.pos[0]),
          severity: 'error',
          object: '',
          field: '',
          message: `invalid YAML: ${e.message.split('\n')[0]}`,
        });
      }
      return;
    }
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (data === null || data === undefined) return;
    manifests.push({ file, index: i + 1, data, position: (path, key) => at(offsetOf(doc, path, key ?? false)) });
  });
  return { manifests, problems };
}

function offsetOf(doc: Document, path: Path, key: boolean): number {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === step);
      if (!pair) break;
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (last && key && k?.range) return k.range[0];
      node = v;
      offset = v?.range?.[0] ?? k?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
