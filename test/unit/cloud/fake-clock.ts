/** Virtual time for tests: `sleep` advances the clock instantly and records the requested delays. */
import type { Clock } from '../../../operator/cloud/token-bucket.js';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = 1_000_000) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}
