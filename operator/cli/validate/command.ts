/** `cce-operator validate [--allow-missing-refs] <files or dirs>...`: prints each problem as file:line:col, exits 1 on an error. */
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.js';
import { manifestFiles, MissingPathError } from './files.js';
import { formatProblem, sortProblems } from './problem.js';
import { validateFiles } from './validate.js';

export const VALIDATE_USAGE = `Usage: cce-operator validate [--allow-missing-refs] [--quiet] <files or dirs>...

Checks CceCluster, CceNodePool, CceAddon and CceClusterRegistration manifests offline, as the API server would at
kubectl apply (the CRDs' schemas, defaults and CEL rules; unknown fields are errors), plus checks across the set:
one object per name, every clusterRef names a CceCluster in the set, no node pool on an Autopilot cluster,
well-formed versions. Other documents (Secrets, Kustomizations, ...) are skipped. Directories are read recursively
(.yaml, .yml, .json). Exit code: 0 no errors (warnings allowed), 1 errors, 2 usage.

  --allow-missing-refs  a clusterRef to a CceCluster outside the given files is not an error
  --quiet               print problems only, no summary line`;

export async function validateCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { 'allow-missing-refs': { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`validate: ${(err as Error).message}`);
  }
  if (parsed.values.help) {
    console.log(VALIDATE_USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) throw new UsageError(`validate: name the files or directories to check\n${VALIDATE_USAGE}`);
  let files;
  try {
    files = manifestFiles(parsed.positionals);
  } catch (err) {
    if (err instanceof MissingPathError) throw new UsageError(`validate: ${err.message}`);
    throw err;
  }
  const result = validateFiles(files, { allowMissingRefs: parsed.values['allow-missing-refs'] === true });
  for (const p of sortProblems(result.problems)) console.log(formatProblem(p));
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (!parsed.values.quiet) {
    const summary = `${result.checked} objects checked in ${result.files} files (${result.ignored} other documents skipped): ${errors} errors, ${warnings} warnings`;
    (errors > 0 ? console.error : console.log)(summary);
  }
  return errors > 0 ? 1 : 0;
}
