/**
 * Kubernetes versions the simulated cloud offers, their full patch forms, platform versions and upgrade paths.
 * `spec.version` accepts the baseline (`v1.28`) or a full patch version (`v1.28.3-r0`) of a listed baseline.
 */
export interface VersionInfo {
  baseline: string;
  patch: string;
  platformVersion: string;
  targets: string[];
}

const STANDARD: VersionInfo[] = [
  { baseline: 'v1.23', patch: 'v1.23.17-r0', platformVersion: 'cce.10.0', targets: ['v1.25'] },
  { baseline: 'v1.25', patch: 'v1.25.16-r0', platformVersion: 'cce.8.0', targets: ['v1.27'] },
  { baseline: 'v1.27', patch: 'v1.27.16-r0', platformVersion: 'cce.6.0', targets: ['v1.28'] },
  { baseline: 'v1.28', patch: 'v1.28.15-r0', platformVersion: 'cce.5.0', targets: ['v1.29'] },
  { baseline: 'v1.29', patch: 'v1.29.10-r0', platformVersion: 'cce.4.0', targets: [] },
];

const AUTOPILOT: VersionInfo[] = [
  { baseline: 'v1.27', patch: 'v1.27.16-r0', platformVersion: 'cce.6.0', targets: ['v1.28'] },
  { baseline: 'v1.28', patch: 'v1.28.15-r0', platformVersion: 'cce.4.0', targets: ['v1.29'] },
  { baseline: 'v1.29', patch: 'v1.29.10-r0', platformVersion: 'cce.2.0', targets: [] },
];

export function versions(autopilot: boolean): VersionInfo[] {
  return autopilot ? AUTOPILOT : STANDARD;
}

export function latest(autopilot: boolean): VersionInfo {
  const list = versions(autopilot);
  return list[list.length - 1] as VersionInfo;
}

/** `v1.28` or `v1.28.3-r0` → the baseline `v1.28`. */
export function baselineOf(version: string): string {
  const m = /^(v\d+\.\d+)(\.\d+(-r\d+)?)?$/.exec(version);
  return m ? (m[1] as string) : version;
}

export function findVersion(autopilot: boolean, version: string): VersionInfo | undefined {
  return versions(autopilot).find((v) => v.baseline === baselineOf(version));
}

/** Whether `target` is a documented upgrade target of `current`. */
export function canUpgrade(autopilot: boolean, current: string, target: string): boolean {
  return findVersion(autopilot, current)?.targets.includes(baselineOf(target)) ?? false;
}
