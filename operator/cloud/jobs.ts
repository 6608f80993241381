/** Jobs: get (with sub-jobs), and a polling helper for tools and tests (reconcilers requeue instead of waiting). */
import { read, type ApiContext, type CallOptions } from './api-context.js';
import { CceApiError, ClientErrorCodes } from './errors.js';
import { TERMINAL_JOB_PHASES, type Job } from './models/job.js';
import { realClock, type Clock } from './token-bucket.js';

export interface WaitForJobOptions extends CallOptions {
  intervalMs?: number;
  /** Default 10 minutes. */
  deadlineMs?: number;
  clock?: Clock;
}

export class JobApi {
  constructor(private readonly ctx: ApiContext) {}

  async get(jobId: string, opts?: CallOptions): Promise<Job> {
    return read(this.ctx, { operation: 'ShowJob', method: 'GET', path: this.ctx.paths.job(jobId), opts });
  }

  /** Polls until `Success` or `Failed` and returns the final job (it does not throw on `Failed`). */
  async wait(jobId: string, w: WaitForJobOptions = {}): Promise<Job> {
    const clock = w.clock ?? realClock;
    const deadline = clock.now() + (w.deadlineMs ?? 600_000);
    for (;;) {
      const job = await this.get(jobId, w);
      if (TERMINAL_JOB_PHASES.includes(job.status?.phase ?? '')) return job;
      if (clock.now() >= deadline) {
        throw new CceApiError({
          httpStatus: 0,
          code: ClientErrorCodes.timeout,
          message: `job ${jobId} still ${job.status?.phase ?? 'unknown'} at the deadline`,
          operation: 'ShowJob',
        });
      }
      await clock.sleep(w.intervalMs ?? 2000, w.signal);
    }
  }
}

/** Depth-first list of a job and all its sub-jobs. */
export function flattenJobs(job: Job): Job[] {
  return [job, ...(job.spec?.subJobs ?? []).flatMap(flattenJobs)];
}
