/** What a CCE handler receives and returns. */
import type { Family } from './errors.js';
import type { Json } from './json.js';
import type { World } from './world.js';

export interface Ctx {
  world: World;
  /** Simulator time of this request (ms). */
  now: number;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  family: Family;
  autopilot: boolean;
  /** Set when a jobFailure fault matched: the async operation this request starts must fail. */
  jobFailure?: string;
}

export interface Reply {
  status: number;
  /** JSON body; undefined = empty body. */
  body?: Json;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;

export interface Route {
  method: string;
  /** Path template with `{param}` segments, e.g. `/api/v3/projects/{project_id}/clusters/{cluster_id}`. */
  pattern: string;
  /** CCE operation name (the SDK's), used by the request log and fault matching. */
  operation: string;
  family: Family;
  autopilot: boolean;
  handler: Handler;
}
