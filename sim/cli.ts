/**
 * cce-sim --port <n> --access-key <ak> --secret-key <sk> --project-id <id> [--state-file <f>] [--job-seconds <s>]
 *         [--host <addr>] [--token <t>]...
 * Every flag also reads an environment variable (CCE_SIM_PORT, CCE_SIM_ACCESS_KEY, ...; see sim/README.md).
 * Prints `cce-sim listening on http://127.0.0.1:<port>` once ready.
 */
import { startSimulator, type SimOptions } from './server.js';
import { optionsFrom } from './cli-options.js';

async function main(): Promise<void> {
  let opts: SimOptions;
  try {
    opts = optionsFrom(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`cce-sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(opts);
  process.stdout.write(`cce-sim listening on ${sim.url}\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
