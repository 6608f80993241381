/**
 * Poll pacing: how soon to look again at something in flight (a job, a resource being created, changed or
 * deleted), by how long it has been in flight. Short at first, so a fast operation (an add-on, a scale, the
 * simulator's 0 s jobs) is seen done within about a second; then a quarter of the time it has taken so far,
 * capped at 6 × the base poll, so a 10-minute cluster create costs about 35 polls instead of 120 at a fixed 5 s.
 *
 * Memory only: after a restart an object in flight starts again from the short interval, which costs a few polls
 * and never loses anything (every poll reads the cloud afresh).
 */
import type { ReconcileResult } from '../../runtime/result.js';

/** The delay before the next poll of something in flight for `elapsedMs`, for a base poll of `baseMs`. */
export function pacedPollMs(baseMs: number, elapsedMs: number): number {
  const first = Math.min(baseMs, Math.max(baseMs / 5, 1000));
  return Math.round(Math.min(baseMs * 6, Math.max(first, elapsedMs / 4)));
}

/** Per key: since when its passes have ended in a poll. */
export class PollPacing {
  private readonly since = new Map<string, number>();

  constructor(private readonly baseMs: number) {}

  /**
   * `result` as the pass ended it, with a poll at the base interval (what the ladder returns while something is in
   * flight) replaced by the paced interval. Any other result ends the key's polling.
   */
  pace(key: string, result: ReconcileResult, now: number): ReconcileResult {
    if (result.jobInFlight !== true || result.requeueAfterMs !== this.baseMs) {
      this.since.delete(key);
      return result;
    }
    const since = this.since.get(key) ?? now;
    this.since.set(key, since);
    return { ...result, requeueAfterMs: pacedPollMs(this.baseMs, now - since) };
  }

  forget(key: string): void {
    this.since.delete(key);
  }

  /** Keys being polled (tests). */
  size(): number {
    return this.since.size;
  }
}
