/**
 * pf-sim [--port <n>] [--host <addr>] [--root-password <p>] [--user <name>=<password>]...
 *        [--stand-in <url> [--stand-in-match <prefix>] [--stand-in-ca-file <pem>] [--stand-in-insecure]]
 *        [--no-credential-check]
 * Every flag also reads an environment variable (PF_SIM_PORT, PF_SIM_ROOT_PASSWORD, ...; see README.md).
 * Prints `pf-sim listening on http://127.0.0.1:<port>` once ready. Run: npx tsx sim/paddleflow/cli.ts --port 8999
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StandIn } from './credential-check.js';
import { startPaddleFlowSim, type PaddleFlowSimOptions } from './server.js';

export function pfSimOptions(argv: string[], env: NodeJS.ProcessEnv): PaddleFlowSimOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'root-password': { type: 'string' },
      user: { type: 'string', multiple: true },
      'stand-in': { type: 'string' },
      'stand-in-match': { type: 'string' },
      'stand-in-ca-file': { type: 'string' },
      'stand-in-insecure': { type: 'boolean' },
      'no-credential-check': { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port ?? env.PF_SIM_PORT ?? '0';
  if (!/^\d+$/.test(port)) throw new Error('--port must be a number');
  const users: Record<string, string> = {};
  for (const u of values.user ?? (env.PF_SIM_USERS ? env.PF_SIM_USERS.split(',') : [])) {
    const i = u.indexOf('=');
    if (i <= 0) throw new Error(`--user ${u}: expected <name>=<password>`);
    users[u.slice(0, i)] = u.slice(i + 1);
  }
  const standInUrl = values['stand-in'] ?? env.PF_SIM_STAND_IN;
  const caFile = values['stand-in-ca-file'] ?? env.PF_SIM_STAND_IN_CA_FILE;
  const standIns: StandIn[] = standInUrl
    ? [
        {
          match: values['stand-in-match'] ?? env.PF_SIM_STAND_IN_MATCH ?? '*',
          url: standInUrl,
          ...(caFile ? { caData: readFileSync(caFile).toString('base64') } : {}),
          ...(values['stand-in-insecure'] || env.PF_SIM_STAND_IN_INSECURE === 'true' ? { insecure: true } : {}),
        },
      ]
    : [];
  return {
    host: values.host ?? env.PF_SIM_HOST ?? '127.0.0.1',
    port: Number(port),
    rootPassword: values['root-password'] ?? env.PF_SIM_ROOT_PASSWORD ?? 'paddleflow',
    users,
    credentialCheck: { enabled: !(values['no-credential-check'] || env.PF_SIM_CREDENTIAL_CHECK === 'off'), standIns },
  };
}

async function main(): Promise<void> {
  let opts: PaddleFlowSimOptions;
  try {
    opts = pfSimOptions(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`pf-sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const sim = await startPaddleFlowSim(opts);
  process.stdout.write(`pf-sim listening on ${sim.url}\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && /cli\.[tj]s$/.test(process.argv[1]) && process.argv[1].includes('paddleflow')) await main();
