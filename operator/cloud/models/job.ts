/** Jobs: `GET .../jobs/{job_id}` [003 §4.1.24, 004 §4.1.7]. A parent finishes only after all sub-jobs. */
import type { ObjectMeta } from './common.js';

export type JobPhase = 'Initializing' | 'Running' | 'Failed' | 'Success';

export interface JobSpec {
  type?: string;
  clusterUID?: string;
  resourceID?: string;
  resourceName?: string;
  extendParam?: Record<string, unknown>;
  subJobs?: Job[];
}

export interface JobStatus {
  phase?: JobPhase | string;
  reason?: string;
}

export interface Job {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec?: JobSpec;
  status?: JobStatus;
}

export const TERMINAL_JOB_PHASES: readonly string[] = ['Success', 'Failed'];
