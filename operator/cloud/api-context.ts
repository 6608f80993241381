/** What every resource API needs: flavor, paths, base URLs and the transport; plus the one `invoke` helper. */
import { CceApiError, ClientErrorCodes } from './errors.js';
import type { SharedLookups } from './shared-lookups.js';
import { extractJobId } from './job-id.js';
import type { CceFlavor } from './models/common.js';
import type { CcePaths } from './paths.js';
import type { HttpMethod, Transport } from './transport.js';

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}

/** What a mutating call returns: the response body, the job id wherever the API put it, and the request id. */
export interface Mutation<T> {
  body: T;
  jobId: string | undefined;
  requestId: string | undefined;
}

export interface ApiContext {
  readonly flavor: CceFlavor;
  readonly paths: CcePaths;
  readonly endpoint: string;
  addonBase(clusterId: string | undefined): string;
  readonly transport: Transport;
  /** Find-by-name lookups share their lists (shared-lookups.ts). */
  readonly lookups: SharedLookups;
  /** Add-on templates per cluster, shared for longer (they change with the cloud's releases, not with our calls). */
  readonly templates: SharedLookups;
}

export interface InvokeSpec {
  operation: string;
  method: HttpMethod;
  path: string;
  /** Defaults to the CCE endpoint. */
  base?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Defaults: true for GET/PUT/DELETE, false for POST/PATCH. */
  idempotent?: boolean;
  opts?: CallOptions;
}

async function call(ctx: ApiContext, s: InvokeSpec): Promise<{ body: unknown; requestId: string | undefined }> {
  const res = await ctx.transport.call({
    operation: s.operation,
    flavor: ctx.flavor,
    method: s.method,
    baseUrl: s.base ?? ctx.endpoint,
    path: s.path,
    idempotent: s.idempotent ?? (s.method === 'GET' || s.method === 'PUT' || s.method === 'DELETE'),
    ...(s.query ? { query: s.query } : {}),
    ...(s.body !== undefined ? { body: s.body } : {}),
    ...(s.opts?.signal ? { signal: s.opts.signal } : {}),
    ...(s.opts?.timeoutMs ? { timeoutMs: s.opts.timeoutMs } : {}),
  });
  return { body: res.body, requestId: res.requestId };
}

/** A read: returns the parsed body. The types are the documented shapes; the server is trusted for them. */
export async function read<T>(ctx: ApiContext, s: InvokeSpec): Promise<T> {
  return (await call(ctx, s)).body as T;
}

/** A write: returns body, job id and request id. */
export async function write<T>(ctx: ApiContext, s: InvokeSpec): Promise<Mutation<T>> {
  const { body, requestId } = await call(ctx, s);
  return { body: body as T, jobId: extractJobId(body), requestId };
}

/** Refuses a call the API family does not have (e.g. node pools on Autopilot). */
export function requireFlavor(ctx: ApiContext, flavor: CceFlavor, operation: string): void {
  if (ctx.flavor !== flavor) {
    throw new CceApiError({
      httpStatus: 0,
      code: ClientErrorCodes.unsupported,
      message: `${operation} is not available in the ${ctx.flavor} CCE API`,
      operation,
    });
  }
}

export function invalidArgument(operation: string, message: string): CceApiError {
  return new CceApiError({ httpStatus: 0, code: ClientErrorCodes.invalidArgument, message, operation });
}

/** Query values: booleans as the API's `"true"`/`"false"` strings, undefined dropped. */
export function boolQuery(v: boolean | undefined): string | undefined {
  return v === undefined ? undefined : String(v);
}
