/** Locates (and, when missing, builds) the helm binary of the test environment (hack/testenv/helm.sh). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'helm.sh');

/** The helm binary, built first (go install, cached beside the other test binaries) when it is missing. */
export function ensureHelm(): string {
  const helm = join(execFileSync('bash', [script, '--print'], { encoding: 'utf8' }).trim(), 'helm');
  if (existsSync(helm)) return helm;
  execFileSync('bash', [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return helm;
}
