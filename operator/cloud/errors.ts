/**
 * The one error type of the cloud layer. Every failed call — an error response, a network failure, a timeout, a
 * local refusal — becomes a `CceApiError`; a mutating call whose outcome cannot be known becomes its subclass
 * `OutcomeUnknownError`, which the caller resolves by looking the resource up by name instead of repeating it.
 * Messages are redacted before they get here; `toJSON` exposes only safe fields.
 */

/** Codes the client itself assigns (no HTTP response, or a local refusal). */
export const ClientErrorCodes = {
  network: 'CLIENT.NetworkError',
  timeout: 'CLIENT.Timeout',
  outcomeUnknown: 'CLIENT.OutcomeUnknown',
  unsupported: 'CLIENT.UnsupportedOperation',
  invalidArgument: 'CLIENT.InvalidArgument',
  aborted: 'CLIENT.Aborted',
  badResponse: 'CLIENT.BadResponse',
} as const;

/** CCE codes that mean "try again later" although their status is not 5xx. */
const RETRYABLE_CODES = new Set(['CCE.01409002', 'CCE.01429002', 'CCE.02429001']);
/**
 * The API gateway's "The API does not exist or has not been published in the environment" (HTTP 404): the cloud has
 * no such API (e.g. the upgrade API on Huawei Cloud Stack 8.1.1, seed 003), not a missing resource [004 §7.2: codes
 * starting with APIGW come from the API gateway].
 */
export const API_NOT_FOUND_CODE = 'APIGW.0101';
/** Codes that mean "already exists" (the caller adopts by name). */
const CONFLICT_CODES = new Set(['CCE.01409001', 'CCE.02409001', 'CCE.03409001']);

export interface CceApiErrorInit {
  httpStatus: number;
  code: string;
  message: string;
  operation: string;
  requestId?: string;
  method?: string;
  /** Delay the server asked for (`Retry-After`), in ms. */
  retryAfterMs?: number;
}

export class CceApiError extends Error {
  override readonly name: string = 'CceApiError';
  /** 0 when no HTTP response was received. */
  readonly httpStatus: number;
  /** CCE error code (`CCE.01404001`, `SVCSTG.CCE-ADDONMGR.4000003`, ...) or a `CLIENT.*` / `HTTP.<status>` code. */
  readonly code: string;
  readonly operation: string;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: CceApiErrorInit) {
    super(init.message);
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.operation = init.operation;
    this.requestId = init.requestId;
    this.method = init.method;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Worth repeating unchanged later: throttling, locks, 408, 5xx, network failures and timeouts. */
  get retryable(): boolean {
    if (this.outcomeUnknown) return false;
    if (RETRYABLE_CODES.has(this.code)) return true;
    if (this.httpStatus === 0) return this.code === ClientErrorCodes.network || this.code === ClientErrorCodes.timeout;
    return (
      this.httpStatus === 408 || this.httpStatus === 429 || (this.httpStatus >= 500 && this.httpStatus !== 501 && this.httpStatus !== 505)
    );
  }

  /** Will fail again until the spec or the credentials change (validation, auth, forbidden, unsupported). */
  get terminal(): boolean {
    if (this.apiMissing) return true;
    if (this.outcomeUnknown || this.retryable || this.notFound || this.conflict) return false;
    if (this.httpStatus === 0) return this.code === ClientErrorCodes.unsupported || this.code === ClientErrorCodes.invalidArgument;
    return this.httpStatus >= 400 && this.httpStatus < 500;
  }

  /** The resource does not exist (404), as opposed to the API itself (`apiMissing`). */
  get notFound(): boolean {
    return this.httpStatus === 404 && !this.apiMissing;
  }

  /** The cloud does not offer this API at all (the gateway's 404 `APIGW.0101`): repeating the call cannot help. */
  get apiMissing(): boolean {
    return this.httpStatus === 404 && this.code === API_NOT_FOUND_CODE;
  }

  /** "Already exists" (409 or one of the documented duplicate codes). */
  get conflict(): boolean {
    return CONFLICT_CODES.has(this.code) || (this.httpStatus === 409 && !RETRYABLE_CODES.has(this.code));
  }

  get throttled(): boolean {
    return this.httpStatus === 429;
  }

  get unauthorized(): boolean {
    return this.httpStatus === 401 || this.httpStatus === 403;
  }

  /** True only for `OutcomeUnknownError`. */
  get outcomeUnknown(): boolean {
    return false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      httpStatus: this.httpStatus,
      code: this.code,
      message: this.message,
      operation: this.operation,
      requestId: this.requestId,
      retryable: this.retryable,
      terminal: this.terminal,
      apiMissing: this.apiMissing,
      outcomeUnknown: this.outcomeUnknown,
    };
  }
}

/**
 * A non-idempotent call (POST create/install/upgrade) was sent but no reliable answer came back (timeout, dropped
 * connection, 502/504). It was NOT repeated: the caller must look the resource up (by name) before trying again.
 */
export class OutcomeUnknownError extends CceApiError {
  override readonly name: string = 'OutcomeUnknownError';

  override get outcomeUnknown(): boolean {
    return true;
  }
}

export function isCceApiError(e: unknown): e is CceApiError {
  return e instanceof CceApiError;
}

/** The value of a read, or undefined when the cloud answered 404 (any other error is rethrown). */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isCceApiError(err) && err.notFound) return undefined;
    throw err;
  }
}
