/**
 * How the image starts the operator, read from the Dockerfile's final stage: the environment its ENV lines set, the
 * node flags its ENTRYPOINT passes before the script, the script and the default arguments (CMD). The image test
 * runs this command line on the host and the fleet benchmark starts the operator with it, so both measure what
 * ships instead of a copy of the flags.
 */
import { readFileSync } from 'node:fs';

export interface ImageRuntime {
  /** ENV of the final stage, in order (later lines win). */
  env: Record<string, string>;
  /** ENTRYPOINT + CMD, exec form, as `docker run IMAGE` runs it: `node`, its flags, the script, the arguments. */
  command: string[];
  /** The node flags between `node` and the script (e.g. --enable-source-maps, heap sizing). */
  nodeFlags: string[];
  /** The script ENTRYPOINT runs (the first argument after `node` that is not a flag). */
  script: string;
  /** ENTRYPOINT without `node`; container arguments go after it, replacing CMD. */
  entrypointArgs: string[];
}

export function readImageRuntime(dockerfilePath: string): ImageRuntime {
  return parseImageRuntime(readFileSync(dockerfilePath, 'utf8'));
}

export function parseImageRuntime(dockerfile: string): ImageRuntime {
  // continuation lines joined; the final stage starts at the last FROM
  const lines = dockerfile.replace(/\\\r?\n\s*/g, ' ').split(/\r?\n/);
  const from = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  if (from < 0) throw new Error('the Dockerfile has no FROM line');
  const stage = lines.slice(from + 1);
  const env: Record<string, string> = {};
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const line of stage) {
    const m = /^(ENV|ENTRYPOINT|CMD)\s+(.*)$/i.exec(line.trim());
    if (!m) continue;
    const [, instruction, rest] = m as unknown as [string, string, string];
    if (instruction.toUpperCase() === 'ENV') Object.assign(env, parseEnv(rest));
    else if (instruction.toUpperCase() === 'ENTRYPOINT') entrypoint = execForm(instruction, rest);
    else cmd = execForm(instruction, rest);
  }
  if (entrypoint[0] !== 'node') throw new Error(`the final stage's ENTRYPOINT does not run node: ${JSON.stringify(entrypoint)}`);
  const at = entrypoint.findIndex((a, i) => i > 0 && !a.startsWith('-'));
  if (at < 0) throw new Error(`the final stage's ENTRYPOINT names no script: ${JSON.stringify(entrypoint)}`);
  return {
    env,
    command: [...entrypoint, ...cmd],
    nodeFlags: entrypoint.slice(1, at),
    script: entrypoint[at]!,
    entrypointArgs: entrypoint.slice(1),
  };
}

function execForm(instruction: string, rest: string): string[] {
  try {
    const v = JSON.parse(rest) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  } catch {
    // reported below
  }
  throw new Error(`${instruction} is not in exec form (a JSON array of strings): ${rest}`);
}

/** `ENV K=V K2="V 2"` (the legacy `ENV K V` form too). */
function parseEnv(rest: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
    const [key, ...value] = rest.split(/\s+/);
    if (key) out[key] = value.join(' ');
    return out;
  }
  for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const raw = m[2] ?? '';
    out[m[1]!] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return out;
}

/** `NAME=value … node --flag …`, as a shell would start it (for logs and reports). */
export function runtimeLine(rt: Pick<ImageRuntime, 'env' | 'nodeFlags'>): string {
  return [...Object.entries(rt.env).map(([k, v]) => `${k}=${v}`), 'node', ...rt.nodeFlags].join(' ');
}
