/**
 * Validates spec.version against the add-on templates the cloud lists [003 §4.3.2, 004 §4.2.2]: the version must
 * exist, and support the cluster's Kubernetes version when that is known (`supportVersions[].clusterVersion` are
 * regular expressions). Without spec.version, the newest supporting version is chosen. Pure.
 */
import type { AddonInstance, AddonTemplate, AddonVersion, SupportVersion } from '../../cloud/index.js';
import { Reason } from './reasons.js';

export type VersionCheck = { ok: true; version: string } | { ok: false; reason: string; message: string };

function matches(re: string, v: string): boolean {
  try {
    return new RegExp(`^(?:${re})$`).test(v);
  } catch {
    return true; // an unparsable pattern is the cloud's problem, not a reason to refuse
  }
}

export function supports(v: AddonVersion, template: AddonTemplate, clusterVersion: string | undefined): boolean {
  if (!clusterVersion) return true;
  const lists: SupportVersion[] = v.supportVersions ?? template.spec.supportVersions ?? [];
  const patterns = lists.flatMap((s) => s.clusterVersion ?? []);
  return patterns.length === 0 || patterns.some((re) => matches(re, clusterVersion));
}

/** Dotted numeric comparison (`1.3.60` > `1.3.39`); non-numeric parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/);
  const pb = b.replace(/^v/, '').split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? '', pb[i] ?? ''];
    const [nx, ny] = [Number(x), Number(y)];
    const d = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

/** The version an instance runs: its spec.version, else status.currentVersion.version; '' when the cloud gives none. */
export function currentVersion(observed: AddonInstance): string {
  return observed.spec?.version ?? observed.status?.currentVersion?.version ?? '';
}

export function findTemplate(templates: readonly AddonTemplate[], name: string): AddonTemplate | undefined {
  return templates.find((t) => t.metadata?.name === name || t.metadata?.alias === name);
}

export function checkVersion(
  templates: readonly AddonTemplate[],
  name: string,
  version: string | undefined,
  clusterVersion: string | undefined,
): VersionCheck {
  const t = findTemplate(templates, name);
  if (!t) {
    const offered = templates
      .map((x) => x.metadata?.name)
      .filter(Boolean)
      .join(', ');
    return {
      ok: false,
      reason: Reason.UnknownTemplate,
      message: `spec.addonTemplateName: add-on template ${name} does not exist; the cloud offers: ${offered || '(none)'}`,
    };
  }
  const all = [...(t.spec.versions ?? [])].sort((a, b) => compareVersions(a.version, b.version));
  const usable = all.filter((v) => supports(v, t, clusterVersion));
  const forCluster = clusterVersion ? ` for cluster version ${clusterVersion}` : '';
  const list = (vs: AddonVersion[]) => vs.map((v) => v.version).join(', ') || '(none)';
  if (version === undefined) {
    const newest = usable[usable.length - 1];
    if (newest) return { ok: true, version: newest.version };
    return { ok: false, reason: Reason.UnknownVersion, message: `add-on ${name} has no version${forCluster}; all versions: ${list(all)}` };
  }
  const v = all.find((x) => x.version === version);
  if (!v) {
    return {
      ok: false,
      reason: Reason.UnknownVersion,
      message: `spec.version ${version} is not a version of add-on ${name}; available versions${forCluster}: ${list(usable)}`,
    };
  }
  if (!usable.includes(v)) {
    return {
      ok: false,
      reason: Reason.UnknownVersion,
      message: `spec.version ${version} of add-on ${name} does not support cluster version ${clusterVersion}; available versions${forCluster}: ${list(usable)}`,
    };
  }
  return { ok: true, version };
}
