// HTTP status codes out of Kubernetes API errors (kube/api-error.ts's KubeApiError.code; also any error with a
// numeric `code`/`statusCode` or a Status body) and the few predicates the runtime branches on.

export function statusCodeOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; statusCode?: unknown; body?: { code?: unknown } };
  for (const v of [e.code, e.statusCode, e.body?.code]) if (typeof v === 'number') return v;
  return undefined;
}

export const isNotFound = (err: unknown): boolean => statusCodeOf(err) === 404;
export const isConflict = (err: unknown): boolean => statusCodeOf(err) === 409;
export const isAlreadyExists = (err: unknown): boolean => statusCodeOf(err) === 409;

/** A short message for logs and conditions: the API server's Status message when there is one. */
export function apiErrorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const body = (err as { body?: unknown }).body;
    const parsed = typeof body === 'string' ? safeParse(body) : body;
    const msg = (parsed as { message?: unknown } | undefined)?.message;
    if (typeof msg === 'string') return msg;
  }
  return err instanceof Error ? err.message : String(err);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
