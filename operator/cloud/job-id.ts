/**
 * Where each CCE API puts the job id of an asynchronous call (no API uses a header):
 *   status.jobID           cluster create/delete, node create/delete, node remove/migrate (standard + Autopilot)
 *   status.jobId           node-pool delete (the seed's OCR prints it `jobld`)
 *   metadata.annotations.jobid   Autopilot cluster create (same value as status.jobID)
 *   jobid                  top level: node add / node reset
 *   jobID                  top level: the deprecated delete-all-nodes
 * Other calls (cluster update, node-pool create/update, hibernate/awake, add-ons) return none.
 */

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function firstString(o: Json | undefined, keys: readonly string[]): string | undefined {
  if (!o) return undefined;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

const SPELLINGS = ['jobID', 'jobId', 'jobid', 'jobld'] as const;

/** The job id in a response body, or undefined when the API returned none. */
export function extractJobId(body: unknown): string | undefined {
  const root = obj(body);
  if (!root) return undefined;
  return (
    firstString(obj(root['status']), SPELLINGS) ??
    firstString(root, SPELLINGS) ??
    firstString(obj(obj(root['metadata'])?.['annotations']), ['jobid', 'jobID', 'jobId'])
  );
}

/** The id of an upgrade-family task: `metadata.uid` (upgrade, pre-check, post-check) or top-level `uid` (snapshot). */
export function extractTaskId(body: unknown): string | undefined {
  const root = obj(body);
  if (!root) return undefined;
  return firstString(obj(root['metadata']), ['uid']) ?? firstString(root, ['uid']);
}
