/**
 * `CceClient`: one client for standard CCE and CCE Autopilot. Resource APIs hang off it (`clusters`, `nodePools`,
 * `nodes`, `jobs`, `addons`, `upgrades`, `quotas`, `tags`, `access`); `withFlavor` gives a sibling for the other API
 * family sharing the same transport and rate budget.
 *
 *   const cce = new CceClient({ region: 'cn-north-4', projectId, credentials: { kind: 'aksk', accessKey, secretKey } });
 *   const { jobId } = await cce.clusters.create(body);
 */
import { SharedLookups } from './shared-lookups.js';
import { ClusterAccessApi } from './access.js';
import { AddonApi } from './addons.js';
import type { ApiContext } from './api-context.js';
import type { CceCredentials } from './auth.js';
import type { BackoffPolicy } from './backoff.js';
import { ClusterApi } from './clusters.js';
import { addonBase, resolveEndpoint, type AddonHostMode } from './endpoints.js';
import { JobApi } from './jobs.js';
import type { CceFlavor } from './models/common.js';
import { NodeApi } from './nodes.js';
import { NodePoolApi } from './nodepools.js';
import type { CloudLogger, OnCall } from './observe.js';
import { CcePaths } from './paths.js';
import { QuotaApi } from './quotas.js';
import { ClusterTagApi } from './tags.js';
import { DEFAULT_RATE_LIMIT, sharedBucket, TokenBucket, type Clock, type RateLimit } from './token-bucket.js';
import { Transport } from './transport.js';
import { UpgradeApi } from './upgrades.js';

export interface CceClientOptions {
  /** Region id, e.g. `cn-north-4`; gives `https://cce.{region}.myhuaweicloud.com`. */
  region?: string;
  /** Overrides the region's endpoint (e.g. `http://127.0.0.1:8443` for the simulator). */
  endpoint?: string;
  /** Sends every add-on call here (wins over `addonHostMode`). */
  addonEndpoint?: string;
  /** `cluster` (default, as documented): `{cluster_id}.{endpoint}`; `main`: the CCE endpoint, as the SDK does. */
  addonHostMode?: AddonHostMode;
  projectId: string;
  credentials: CceCredentials;
  /** Default `standard`. */
  flavor?: CceFlavor;
  /** Per-attempt timeout, default 30 s. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Retries after the first attempt, default 4. */
  maxRetries?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Shared per (endpoint, project) across the process; default 10 req/s, burst 20. `false` disables it. */
  rateLimit?: RateLimit | false;
  /** Called once per HTTP attempt (metrics). */
  onCall?: OnCall;
  /** Find-by-name lookups share one list per scope for this long (default 5 s; 0 = every lookup lists). */
  lookupShareMs?: number;
  /** Add-on template lists are shared for this long (default 10 min; 0 = not shared). */
  templateShareMs?: number;
  logger?: CloudLogger;
  userAgent?: string;
  /** Tests: virtual time and deterministic jitter. */
  clock?: Clock;
  random?: () => number;
}

export class CceClient {
  readonly flavor: CceFlavor;
  readonly endpoint: string;
  readonly projectId: string;
  readonly clusters: ClusterApi;
  readonly nodePools: NodePoolApi;
  readonly nodes: NodeApi;
  readonly jobs: JobApi;
  readonly addons: AddonApi;
  readonly upgrades: UpgradeApi;
  readonly quotas: QuotaApi;
  readonly tags: ClusterTagApi;
  /** The API server's access addresses and public EIP. */
  readonly access: ClusterAccessApi;
  private readonly transport: Transport;

  constructor(
    private readonly options: CceClientOptions,
    shared?: Transport,
  ) {
    if (!options.projectId) throw new RangeError('projectId is required');
    this.flavor = options.flavor ?? 'standard';
    this.endpoint = resolveEndpoint(options);
    this.projectId = options.projectId;
    this.transport = shared ?? new Transport({ ...transportOptions(options), ...bucketOption(this.endpoint, options) });
    const ctx: ApiContext = {
      flavor: this.flavor,
      paths: new CcePaths(this.flavor, options.projectId),
      endpoint: this.endpoint,
      transport: this.transport,
      addonBase: (clusterId) => addonBase(this.endpoint, clusterId, pick(options)),
      lookups: new SharedLookups(options.lookupShareMs ?? 5_000),
      templates: new SharedLookups(options.templateShareMs ?? 600_000),
    };
    this.clusters = new ClusterApi(ctx);
    this.nodePools = new NodePoolApi(ctx);
    this.nodes = new NodeApi(ctx);
    this.jobs = new JobApi(ctx);
    this.addons = new AddonApi(ctx);
    this.upgrades = new UpgradeApi(ctx);
    this.quotas = new QuotaApi(ctx);
    this.tags = new ClusterTagApi(ctx);
    this.access = new ClusterAccessApi(ctx);
  }

  /** A client for the other API family, sharing transport, credentials and rate budget. */
  withFlavor(flavor: CceFlavor): CceClient {
    return flavor === this.flavor ? this : new CceClient({ ...this.options, flavor }, this.transport);
  }

  /** Redacts every known secret of this client from a text (for callers that log cloud data). */
  redact(text: string): string {
    return this.transport.redact(text);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.transport.close();
  }
}

function pick(o: CceClientOptions): { addonEndpoint?: string; addonHostMode?: AddonHostMode } {
  return { ...(o.addonEndpoint ? { addonEndpoint: o.addonEndpoint } : {}), ...(o.addonHostMode ? { addonHostMode: o.addonHostMode } : {}) };
}

function transportOptions(o: CceClientOptions): ConstructorParameters<typeof Transport>[0] {
  const { projectId, credentials, timeoutMs, connectTimeoutMs, maxRetries, backoff, onCall, logger, userAgent, clock, random } = o;
  const optional = { timeoutMs, connectTimeoutMs, maxRetries, backoff, onCall, logger, userAgent, clock, random };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { projectId, credentials, ...defined };
}

function bucketOption(endpoint: string, o: CceClientOptions): { bucket?: TokenBucket } {
  if (o.rateLimit === false) return {};
  if (o.clock) return { bucket: new TokenBucket(o.rateLimit ?? DEFAULT_RATE_LIMIT, o.clock) };
  return { bucket: sharedBucket(endpoint, o.projectId, o.rateLimit ?? DEFAULT_RATE_LIMIT) };
}
