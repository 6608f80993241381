/** Optional state file: loaded on start, rewritten (atomically) after every change. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { emptyState, type State } from './state.js';

export function loadState(file: string): State | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (!text.trim()) return undefined;
  const parsed = JSON.parse(text) as Partial<State>;
  return { ...emptyState(), ...parsed };
}

export function saveState(file: string, state: State): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
