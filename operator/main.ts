/**
 * cce-operator entry point (the image's command, and `node operator/main.ts` in a clone): the `cce-operator` CLI
 * (operator/cli/main.ts). With flags only, or no arguments, it runs the operator as it always has.
 */
import { main } from './cli/main.js';

// `cce-operator crds | head`: a closed pipe ends the output, not the process with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
