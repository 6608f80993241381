/** Timestamp layouts used by CCE, and the simulator clock (real time plus an offset tests can advance). */

/** Go `time.String()` layout used by clusters, nodes, jobs and tasks: `2018-08-02 03:48:58.968214406 +0000 UTC`. */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2018-08-02T03:48:58.968Z
  const frac = iso.slice(20, 23) + String(Math.floor((ms % 1) * 1e6)).padStart(6, '0');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${frac} +0000 UTC`;
}

/** RFC 3339 without fractions, used by add-ons and add-on templates: `2019-04-03T03:25:34Z`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }
}
