/**
 * Jobs (`GET .../jobs/{job_id}`): phase Initializing → Running → Success | Failed, derived from the clock.
 * Sub-jobs run one after another in equal slices of the job's duration; the parent finishes with the last.
 */
import type { JobRec } from './state.js';
import type { World } from './world.js';
import { isDue, progress } from './world.js';
import { goTime } from './time.js';
import type { JsonObject } from './json.js';

export type JobPhase = 'Initializing' | 'Running' | 'Success' | 'Failed';

export interface NewJob {
  type: string;
  clusterUID: string;
  resourceID: string;
  resourceName: string;
  subTypes?: string[];
  fail?: string;
}

export function createJob(world: World, now: number, j: NewJob): JobRec {
  const job: JobRec = {
    uid: world.newId(),
    projectId: world.config.projectId,
    type: j.type,
    clusterUID: j.clusterUID,
    resourceID: j.resourceID,
    resourceName: j.resourceName,
    subJobs: (j.subTypes ?? []).map((type) => ({ uid: world.newId(), type })),
    startedAt: now,
    durationMs: world.config.jobMs,
  };
  if (j.fail !== undefined) job.fail = j.fail;
  world.state.jobs[job.uid] = job;
  world.touch();
  return job;
}

/** The parent job's phase: Initializing for the first 10% of its duration, then Running, then the outcome. */
export function jobPhase(job: JobRec, now: number): JobPhase {
  if (isDue(job, now)) return job.fail !== undefined ? 'Failed' : 'Success';
  return progress(job, now) < 0.1 ? 'Initializing' : 'Running';
}

function subJobPhase(job: JobRec, index: number, now: number): JobPhase {
  const n = job.subJobs.length;
  const last = index === n - 1;
  if (isDue(job, now)) return last && job.fail !== undefined ? 'Failed' : 'Success';
  const p = progress(job, now) * n;
  if (p < index) return 'Initializing';
  return p < index + 1 ? 'Running' : 'Success';
}

export function renderJob(job: JobRec, now: number): JsonObject {
  const phase = jobPhase(job, now);
  const end = Math.min(now, job.startedAt + job.durationMs);
  const subJobs = job.subJobs.map((s, i) => ({
    kind: 'Job',
    apiVersion: 'v3',
    metadata: { uid: s.uid, creationTimestamp: goTime(job.startedAt), updateTimestamp: goTime(end) },
    spec: { type: s.type, clusterUID: job.clusterUID, resourceID: job.resourceID, extendParam: {} },
    status: { phase: subJobPhase(job, i, now), reason: '' },
  }));
  return {
    kind: 'Job',
    apiVersion: 'v3',
    metadata: { uid: job.uid, creationTimestamp: goTime(job.startedAt), updateTimestamp: goTime(end) },
    spec: {
      type: job.type,
      clusterUID: job.clusterUID,
      resourceID: job.resourceID,
      resourceName: job.resourceName,
      extendParam: {},
      subJobs,
    },
    status: { phase, reason: phase === 'Failed' ? (job.fail ?? '') : '' },
  };
}
