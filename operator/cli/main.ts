/**
 * The `cce-operator` command: `run` (the operator; also what a first argument that is a flag, or no argument,
 * means, so `cce-operator --kubeconfig ...` runs as it always did), `validate <files or dirs>`, `crds`, `version`.
 * A usage problem is one line on stderr and exit code 2; validation errors exit 1.
 */
import { crdsYaml } from './crds.js';
import { run } from './run.js';
import { UsageError } from './usage-error.js';
import { validateCommand } from './validate/command.js';
import { versionText } from './version.js';

const COMMANDS: Record<string, { summary: string; main: (argv: readonly string[]) => Promise<number | void> }> = {
  run: { summary: 'Run the operator (the default; `cce-operator run --help` lists its flags).', main: run },
  validate: {
    summary: 'Check CceCluster/CceNodePool/CceAddon/CceClusterRegistration manifests offline (files or directories).',
    main: validateCommand,
  },
  crds: {
    summary: 'Print the CustomResourceDefinitions (YAML).',
    main: async () => {
      process.stdout.write(crdsYaml());
    },
  },
  version: {
    summary: 'Print the version.',
    main: async () => {
      console.log(versionText());
    },
  },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['Usage: cce-operator <command> [arguments]', '', 'Commands:', ...rows, '', 'Without a command (or with flags only): run.'].join(
    '\n',
  );
}

/** Runs the command; resolves to the process exit code (undefined: keep running, e.g. the operator). */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first.startsWith('-')) {
      if (first === '--version') return print(versionText());
      await run(argv);
      return undefined;
    }
    if (first === 'help') return print(usage());
    const command = COMMANDS[first];
    if (!command) throw new UsageError(`unknown command "${first}"\n${usage()}`);
    const code = await command.main(rest);
    return first === 'run' ? (code ?? undefined) : (code ?? 0);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`cce-operator: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function print(text: string): number {
  console.log(text);
  return 0;
}
