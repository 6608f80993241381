// The error an API server answer other than 2xx becomes: the HTTP status as `code` (what api-errors.ts's
// statusCodeOf reads) and the body as `body` (the metav1.Status when the server sent JSON, else the text), so
// callers branch on the code and show the server's own message.
import type { Status } from './types.js';

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  constructor(
    /** The HTTP status code. */
    readonly code: number,
    /** The parsed metav1.Status (or other JSON) the server answered with, or its text when not JSON. */
    readonly body: Status | string,
    readonly method: string,
    readonly path: string,
    headers: Record<string, string | string[] | undefined> = {},
  ) {
    super(`${method} ${path}: HTTP ${code}${describe(body)}`);
    // kept off the enumerable fields, so a logged error shows code, body, method and path only
    Object.defineProperty(this, 'headers', { value: headers, enumerable: false });
  }

  /** The answer's headers (e.g. retry-after). */
  declare readonly headers: Record<string, string | string[] | undefined>;

  /** The Status `reason` (NotFound, Conflict, AlreadyExists, Expired, ...), when the server sent one. */
  get reason(): string | undefined {
    return typeof this.body === 'object' ? this.body.reason : undefined;
  }
}

/** An error from an answer: the body parsed as JSON when it is JSON. */
export function apiErrorFromResponse(
  code: number,
  text: string,
  method: string,
  path: string,
  headers?: Record<string, string | string[] | undefined>,
): KubeApiError {
  let body: Status | string = text;
  if (text.startsWith('{')) {
    try {
      body = JSON.parse(text) as Status;
    } catch {
      /* keep the text */
    }
  }
  return new KubeApiError(code, body, method, path, headers);
}

function describe(body: Status | string): string {
  if (typeof body === 'object') return body.message ? `: ${body.message}` : body.reason ? `: ${body.reason}` : '';
  const line = body.trim().split('\n')[0] ?? '';
  return line ? `: ${line.slice(0, 200)}` : '';
}
