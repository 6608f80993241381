/** The manifest files `validate` reads: the files named, and every .yaml/.yml/.json below the directories named. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MANIFEST = /\.(ya?ml|json)$/i;

export class MissingPathError extends Error {
  override readonly name = 'MissingPathError';
}

export function manifestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (MANIFEST.test(entry.name)) out.push(p);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new MissingPathError(`${path}: no such file or directory`);
    }
    if (isDir) walk(path);
    else out.push(path);
  }
  return [...new Set(out)];
}
