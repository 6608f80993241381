/** Command-line flags and environment variables of `cce-sim` (documented in sim/README.md). */
import { parseArgs } from 'node:util';
import type { SimOptions } from './server.js';
import { CLOUD_STACKS, type CloudStack } from './world.js';

export const DEFAULT_CLI_JOB_SECONDS = 5;

export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): SimOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'access-key': { type: 'string' },
      'secret-key': { type: 'string' },
      'project-id': { type: 'string' },
      token: { type: 'string', multiple: true },
      'state-file': { type: 'string' },
      'job-seconds': { type: 'string' },
      'cloud-stack': { type: 'string' },
    },
    strict: true,
  });
  const need = (flag: string, v: string | undefined): string => {
    if (!v) throw new Error(`--${flag} is required (or its environment variable)`);
    return v;
  };
  const number = (flag: string, v: string | undefined, dflt: number): number => {
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a number >= 0`);
    return n;
  };
  const tokens = values.token ?? (env.CCE_SIM_TOKENS ? env.CCE_SIM_TOKENS.split(',').filter(Boolean) : []);
  const opts: SimOptions = {
    host: values.host ?? env.CCE_SIM_HOST ?? '127.0.0.1',
    port: number('port', values.port ?? env.CCE_SIM_PORT, 0),
    accessKey: need('access-key', values['access-key'] ?? env.CCE_SIM_ACCESS_KEY),
    secretKey: need('secret-key', values['secret-key'] ?? env.CCE_SIM_SECRET_KEY),
    projectId: need('project-id', values['project-id'] ?? env.CCE_SIM_PROJECT_ID),
    tokens,
    jobSeconds: number('job-seconds', values['job-seconds'] ?? env.CCE_SIM_JOB_SECONDS, DEFAULT_CLI_JOB_SECONDS),
  };
  const stack = values['cloud-stack'] ?? env.CCE_SIM_CLOUD_STACK;
  if (stack !== undefined && stack !== '') {
    if (!CLOUD_STACKS.includes(stack as CloudStack)) throw new Error(`--cloud-stack must be one of ${CLOUD_STACKS.join(', ')}`);
    opts.cloudStack = stack as CloudStack;
  }
  const stateFile = values['state-file'] ?? env.CCE_SIM_STATE_FILE;
  if (stateFile) opts.stateFile = stateFile;
  return opts;
}
