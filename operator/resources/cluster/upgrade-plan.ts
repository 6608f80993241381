/**
 * The whole upgrade path, planned before the first upgrade call: from the cluster's own targets (upgradeinfo) and,
 * when those do not reach spec.version, the cloud's upgrade paths of every version [004 §4.3.11, §4.3.12]. A target
 * no path reaches is refused before any call, naming the versions the cloud does offer. Planning is pure; `planFor`
 * reads the cloud (one call, a second only for a multi-step path).
 */
import type { CceClient, UpgradePath } from '../../cloud/index.js';
import { compareMinor } from './version.js';

export type Plan = { path: string[] } | { path?: undefined; offered: string[] };

/** Versions one step up from `v`: the cluster's own targets for its current version, else the paths' rows of v's minor. */
type Next = (v: string) => readonly string[];

const minorKey = (v: string): string => v.replace(/^v?(\d+\.\d+).*$/, '$1');

function nextFrom(current: string, own: readonly string[], paths: readonly UpgradePath[]): Next {
  return (v) =>
    v === current
      ? own
      : paths.filter((p) => p.version !== undefined && compareMinor(p.version, v) === 0).flatMap((p) => p.targetVersions ?? []);
}

/**
 * Fewest steps from `current` to spec.version's minor, each step a higher minor not beyond it (patch-only targets and
 * detours past the target are ignored); undefined when none. Ties go to the lower versions first.
 */
function search(current: string, desired: string, next: Next): string[] | undefined {
  const seen = new Set<string>();
  let frontier: string[][] = [[current]];
  while (frontier.length) {
    const after: string[][] = [];
    for (const route of frontier) {
      const at = route[route.length - 1] as string;
      const steps = [...new Set(next(at))]
        .filter((t) => compareMinor(t, at) > 0 && compareMinor(t, desired) <= 0)
        .sort((a, b) => compareMinor(a, b));
      for (const t of steps) {
        const key = minorKey(t);
        if (seen.has(key)) continue;
        seen.add(key);
        if (compareMinor(t, desired) === 0) return [...route.slice(1), t];
        after.push([...route, t]);
      }
    }
    frontier = after;
  }
  return undefined;
}

/** The planned path (target versions in order), or the versions the cloud offers from `current` when none reaches `desired`. */
export function planUpgradePath(current: string, desired: string, own: readonly string[], paths: readonly UpgradePath[]): Plan {
  const next = nextFrom(current, own, paths);
  const path = search(current, desired, next);
  if (path) return { path };
  const offered = new Map<string, string>();
  // Every version reachable from `current`, one representative per minor, in order.
  const walk = (v: string): void => {
    for (const t of next(v)) {
      const key = minorKey(t);
      if (compareMinor(t, v) <= 0 || offered.has(key)) continue;
      offered.set(key, t);
      walk(t);
    }
  };
  walk(current);
  return { offered: [...offered.values()].sort((a, b) => compareMinor(a, b)) };
}

/** Reads what planning needs from the cloud: the cluster's targets, and every version's paths when they do not suffice. */
export async function planFor(cloud: CceClient, clusterId: string, current: string, desired: string): Promise<Plan> {
  const own = (await cloud.upgrades.info(clusterId)).spec?.versionInfo?.targetVersions ?? [];
  const direct = planUpgradePath(current, desired, own, []);
  if (direct.path) return direct;
  const all = await cloud.upgrades.paths();
  return planUpgradePath(current, desired, own, all.upgradePaths ?? all.items ?? []);
}
