/** Public surface of the cloud layer. */
export { CceClient, type CceClientOptions } from './client.js';
export type { CallOptions, Mutation } from './api-context.js';
export type { AkSkCredentials, CceCredentials, TokenCredentials } from './auth.js';
export { addonInstallRequest, addonUpgradeRequest, type AddonTarget } from './addons.js';
export { DEFAULT_BACKOFF, backoffDelay, parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff.js';
export { addonBase, defaultEndpoint, resolveEndpoint, type AddonHostMode } from './endpoints.js';
export { parseErrorBody, type ParsedErrorBody } from './error-body.js';
export {
  API_NOT_FOUND_CODE,
  CceApiError,
  ClientErrorCodes,
  OutcomeUnknownError,
  isCceApiError,
  unlessNotFound,
  type CceApiErrorInit,
} from './errors.js';
export { extractJobId, extractTaskId } from './job-id.js';
export { flattenJobs, type WaitForJobOptions } from './jobs.js';
export type { CallEvent, CallOutcome, CloudLogger, OnCall } from './observe.js';
export { CcePaths } from './paths.js';
export { REDACTED, redactHeaders, redactText } from './redact.js';
export {
  DEFAULT_RATE_LIMIT,
  TokenBucket,
  bucketKey,
  realClock,
  resetSharedBuckets,
  sharedBucket,
  projectBudgetBusyMs,
  type Clock,
  type RateLimit,
} from './token-bucket.js';
export type * from './models/index.js';
export { ADDON_INSTALL_ANNOTATION, ADDON_UPGRADE_ANNOTATION, TERMINAL_JOB_PHASES } from './models/index.js';
