/** An error the CLI reports as one line on stderr (no stack trace) and exit code 2: bad flags, an unusable kubeconfig. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
