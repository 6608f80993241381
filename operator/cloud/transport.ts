/**
 * One HTTP call with the client's policies: rate budget, auth (each attempt signed afresh, over the exact body
 * bytes), per-attempt timeout, retries, typed errors, the onCall hook and redacted logs.
 *
 * Retry rules:
 *   429 (throttled, not executed)             retried for every method, waiting at least `Retry-After`
 *   408, 5xx, network errors, timeouts        retried only for idempotent calls
 *   failure before the request was sent       retried for every method (nothing reached the server)
 *   non-idempotent call sent, no reliable answer (timeout, reset, 502/504)  NOT retried: OutcomeUnknownError
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { applyAuth, credentialSecrets, type CceCredentials } from './auth.js';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.js';
import { CceApiError, ClientErrorCodes, OutcomeUnknownError } from './errors.js';
import type { CceFlavor } from './models/common.js';
import { emit, type CallOutcome, type CloudLogger, type OnCall } from './observe.js';
import { redactText } from './redact.js';
import { errorFromResponse, parseBody, requestIdOf, type RawResponse } from './response.js';
import { realClock, type Clock, type TokenBucket } from './token-bucket.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface TransportOptions {
  projectId: string;
  credentials: CceCredentials;
  bucket?: TokenBucket;
  /** Per-attempt timeout for the whole exchange. Default 30 s. */
  timeoutMs?: number;
  /** Connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  backoff?: Partial<BackoffPolicy>;
  onCall?: OnCall;
  logger?: CloudLogger;
  userAgent?: string;
  clock?: Clock;
  random?: () => number;
}

export interface HttpCall {
  operation: string;
  flavor: CceFlavor;
  method: HttpMethod;
  baseUrl: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  idempotent: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResult {
  status: number;
  body: unknown;
  requestId?: string;
  headers: Record<string, string | string[] | undefined>;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Why an attempt got no HTTP answer; `sent` when the whole request left this process over a connected socket. */
class SendError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly timeout: boolean,
    readonly sent: boolean,
  ) {
    super(message);
    this.name = timeout ? 'TimeoutError' : 'RequestError';
  }
}

/** The response body as sent before any content coding. */
function decode(raw: Buffer, headers: http.IncomingHttpHeaders): Buffer {
  const coding = String(headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (!raw.length || !coding || coding === 'identity') return raw;
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.gunzipSync(raw);
  if (coding === 'deflate') return zlib.inflateSync(raw);
  if (coding === 'br') return zlib.brotliDecompressSync(raw);
  throw new Error(`content-encoding ${coding} is not supported`);
}

export class Transport {
  private readonly secrets: Set<string>;
  private readonly backoff: BackoffPolicy;
  private readonly clock: Clock;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, timeout: 4000 }),
    https: new https.Agent({ keepAlive: true, timeout: 4000 }),
  };

  constructor(private readonly opts: TransportOptions) {
    this.secrets = new Set(credentialSecrets(opts.credentials));
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.clock = opts.clock ?? realClock;
  }

  /** Secret values seen so far (credentials, fetched tokens): everything redaction must hide. */
  get knownSecrets(): readonly string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    return redactText(text, this.knownSecrets);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async call(c: HttpCall): Promise<HttpResult> {
    const url = new URL(c.baseUrl + c.path);
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
    const body = c.body === undefined ? undefined : Buffer.from(JSON.stringify(c.body), 'utf8');
    const maxRetries = this.opts.maxRetries ?? 4;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      if (this.opts.bucket) await this.opts.bucket.take(c.signal);
      const started = this.clock.now();
      let res: RawResponse;
      try {
        res = await this.send(c, url, body);
      } catch (e) {
        const err =
          e instanceof SendError ? e : new SendError(String((e as Error)?.message ?? e), (e as { code?: string })?.code, false, true);
        const sent = err.sent && !NOT_SENT_CODES.has(err.code ?? '');
        const aborted = c.signal?.aborted === true;
        const timeout = err.timeout;
        const unknown = !aborted && sent && !c.idempotent;
        const retry = !aborted && !unknown && !last;
        const code = aborted
          ? ClientErrorCodes.aborted
          : unknown
            ? ClientErrorCodes.outcomeUnknown
            : timeout
              ? ClientErrorCodes.timeout
              : ClientErrorCodes.network;
        const Ctor = unknown ? OutcomeUnknownError : CceApiError;
        const error = new Ctor({
          httpStatus: 0,
          code,
          message: this.redact(
            `${c.method} ${url.pathname}: ${timeout ? 'timed out' : 'network error'} (${err.code ?? err.name})${unknown ? '; the request may have been processed' : ''}`,
          ),
          operation: c.operation,
          method: c.method,
        });
        this.report(c, url, 0, started, attempt, retry ? 'retry' : unknown ? 'outcome-unknown' : 'error', undefined, error.code);
        if (!retry) throw error;
        await this.clock.sleep(retryDelay(attempt, undefined, this.backoff, this.opts.random) ?? 0, c.signal);
        continue;
      }
      const requestId = requestIdOf(res.headers);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        this.report(c, url, res.statusCode, started, attempt, 'success', requestId);
        return { status: res.statusCode, body: parseBody(res.body), headers: res.headers, ...(requestId ? { requestId } : {}) };
      }
      const s = res.statusCode;
      const unknown = !c.idempotent && (s === 502 || s === 504);
      const error = errorFromResponse(res, {
        operation: c.operation,
        method: c.method,
        secrets: this.knownSecrets,
        outcomeUnknown: unknown,
        now: this.clock.now(),
      });
      const retryable = s === 429 || (c.idempotent && (s === 408 || (s >= 500 && s !== 501 && s !== 505)));
      const delay = retryable && !last ? retryDelay(attempt, error.retryAfterMs, this.backoff, this.opts.random) : undefined;
      this.report(
        c,
        url,
        s,
        started,
        attempt,
        delay !== undefined ? 'retry' : unknown ? 'outcome-unknown' : 'error',
        error.requestId,
        error.code,
      );
      if (delay === undefined) throw error;
      await this.clock.sleep(delay, c.signal);
    }
  }

  /**
   * One attempt over node:http(s) with a keep-alive agent. Rejects with a SendError that says whether the request
   * left this process (the retry rules depend on it) and whether a timeout ended it.
   */
  private async send(c: HttpCall, url: URL, body: Buffer | undefined): Promise<RawResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json;charset=utf-8',
      'user-agent': this.opts.userAgent ?? 'cce-operator',
      'accept-encoding': 'gzip, deflate, br',
      ...(body !== undefined ? { 'content-length': String(body.length) } : {}),
    };
    const token = await applyAuth(
      { method: c.method, url, headers, body },
      this.opts.credentials,
      this.opts.projectId,
      new Date(this.clock.now()),
    );
    if (token) this.secrets.add(token);
    const secure = url.protocol === 'https:';
    const connectMs = this.opts.connectTimeoutMs ?? 10_000;
    const totalMs = c.timeoutMs ?? this.opts.timeoutMs ?? 30_000;
    return new Promise<RawResponse>((resolve, reject) => {
      let connected = false;
      let flushed = false;
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        fn();
      };
      const fail = (message: string, code: string | undefined, timeout = false) =>
        settle(() => reject(new SendError(message, code, timeout, connected && flushed)));
      const req = (secure ? https : http).request(
        url,
        { method: c.method, headers, agent: secure ? this.agents.https : this.agents.http, ...(c.signal ? { signal: c.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (e: NodeJS.ErrnoException) => fail(e.message, e.code ?? 'ECONNRESET'));
          res.on('close', () => {
            if (!res.complete) fail('the connection closed during the response', 'ECONNRESET');
          });
          res.on('end', () =>
            settle(() => {
              try {
                resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: decode(Buffer.concat(chunks), res.headers) });
              } catch (e) {
                reject(new SendError(`undecodable response body: ${(e as Error).message}`, 'EBADBODY', false, true));
              }
            }),
          );
        },
      );
      timers.push(setTimeout(() => req.destroy(new SendError('timed out', 'ETIMEDOUT', true, connected && flushed)), totalMs));
      req.on('socket', (socket) => {
        if (!socket.connecting) {
          connected = true;
          return;
        }
        const t = setTimeout(() => req.destroy(new SendError('connect timed out', 'ETIMEDOUT', true, false)), connectMs);
        timers.push(t);
        socket.once(secure ? 'secureConnect' : 'connect', () => {
          connected = true;
          clearTimeout(t);
        });
      });
      req.on('finish', () => (flushed = true));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof SendError) return settle(() => reject(e));
        fail(e.message, e.code ?? e.name);
      });
      req.end(body);
    });
  }

  private report(
    c: HttpCall,
    url: URL,
    status: number,
    started: number,
    attempt: number,
    outcome: CallOutcome,
    requestId?: string,
    errorCode?: string,
  ): void {
    const event = {
      operation: c.operation,
      flavor: c.flavor,
      method: c.method,
      path: url.pathname,
      status,
      durationMs: Math.max(0, this.clock.now() - started),
      attempt,
      outcome,
      ...(requestId ? { requestId } : {}),
      ...(errorCode ? { errorCode } : {}),
    };
    emit(this.opts.onCall, event);
    const log = this.opts.logger;
    if (!log) return;
    if (outcome === 'success') log.debug('cce api call', event);
    else log.warn(`cce api call ${outcome}`, event);
  }
}
