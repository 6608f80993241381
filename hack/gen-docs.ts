/** Writes docs/crd-reference.md and docs/flags.md (hack/docs-render.ts); `--check` fails when they are stale. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdReference, flagsReference } from './docs-render.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [rel, content] of [
  ['docs/crd-reference.md', crdReference()],
  ['docs/flags.md', flagsReference()],
] as const) {
  const path = join(root, rel);
  if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
  if (check) stale.push(rel);
  else {
    writeFileSync(path, content);
    console.log(`wrote ${rel}`);
  }
}
if (stale.length) {
  console.error(`stale (run npx tsx hack/gen-docs.ts): ${stale.join(', ')}`);
  process.exit(1);
}
