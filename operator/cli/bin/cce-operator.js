#!/usr/bin/env node
// Package bin `cce-operator` (`npx cce-operator validate config/`): in a clone, the TypeScript source through tsx's
// ESM loader; where only the compiled output is installed (npm ci --omit=dev + npm run build), dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  register = undefined;
}
if (register && existsSync(join(root, 'operator', 'main.ts'))) {
  register();
  await import('../../main.ts');
} else {
  await import(join(root, 'dist', 'operator', 'main.js'));
}
