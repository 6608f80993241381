/** Turns an HTTP response into a parsed body or a `CceApiError` (message redacted). */
import { parseRetryAfter } from './backoff.js';
import { parseErrorBody } from './error-body.js';
import { CceApiError, OutcomeUnknownError } from './errors.js';
import { redactText } from './redact.js';

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-cce-request-id', 'x-openstack-request-id', 'x-iam-trace-id', 'request-id'];

export function requestIdOf(headers: RawResponse['headers']): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const v = headers[name];
    const s = Array.isArray(v) ? v[0] : v;
    if (s) return s;
  }
  return undefined;
}

/** JSON when it parses, the text otherwise (Autopilot add-on delete answers `success`), undefined when empty. */
export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface ErrorContext {
  operation: string;
  method: string;
  secrets: readonly string[];
  /** Report as outcome unknown (a non-idempotent call answered by a gateway timeout). */
  outcomeUnknown?: boolean;
  now?: number;
}

export function errorFromResponse(res: RawResponse, ctx: ErrorContext): CceApiError {
  const parsed = parseErrorBody(res.statusCode, res.body);
  const requestId = requestIdOf(res.headers) ?? parsed.requestId;
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.now);
  const init = {
    httpStatus: res.statusCode,
    code: parsed.code,
    message: redactText(parsed.message || `HTTP ${res.statusCode}`, ctx.secrets),
    operation: ctx.operation,
    method: ctx.method,
    ...(requestId ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  return ctx.outcomeUnknown ? new OutcomeUnknownError(init) : new CceApiError(init);
}
