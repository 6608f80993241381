/** Kubernetes version arithmetic for upgrades: one minor version at a time. Pure. */

export interface MinorVersion {
  major: number;
  minor: number;
}

export function parseMinor(version: string | undefined): MinorVersion | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** <0, 0, >0 comparing the minor versions only (v1.29.3-r0 equals v1.29). */
export function compareMinor(a: string | undefined, b: string | undefined): number {
  const [x, y] = [parseMinor(a), parseMinor(b)];
  if (!x || !y) return 0;
  return x.major !== y.major ? x.major - y.major : x.minor - y.minor;
}

/** Downgrades are impossible: the message to show. */
export function downgradeMessage(current: string | undefined, desired: string | undefined): string | undefined {
  const [c, d] = [parseMinor(current), parseMinor(desired)];
  if (!c || !d) return undefined;
  if (d.major < c.major || (d.major === c.major && d.minor < c.minor)) {
    return `spec.version ${desired} is older than the cluster's ${current}: CCE cannot downgrade`;
  }
  if (d.major !== c.major) return `spec.version ${desired}: CCE upgrades within major version ${c.major} only`;
  return undefined;
}
