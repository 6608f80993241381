/**
 * Checks across the validated set that no single object's schema can make: one object per kind/namespace/name; a
 * CceNodePool's, CceAddon's or CceClusterRegistration's `clusterRef` names a CceCluster in the set (same namespace);
 * no CceNodePool on an Autopilot cluster (Autopilot has no node pools); an add-on version is a version number; a
 * pool's version ahead of its cluster's is reported (it waits for the cluster's upgrade).
 */
import type { Path } from './documents.js';
import type { ParsedObject } from './parsed-object.js';

export interface CrossFinding {
  object: ParsedObject;
  path: Path;
  severity: 'error' | 'warning';
  message: string;
}

export interface CrossOptions {
  /** A clusterRef to a CceCluster outside the set is fine (the clusters live elsewhere). */
  allowMissingRefs?: boolean;
}

const REFERRERS = new Set(['CceNodePool', 'CceAddon', 'CceClusterRegistration']);
/** CCE add-on versions are release numbers, e.g. 1.3.60 or 2.4.1-beta. */
const ADDON_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;
const K8S_MINOR = /^v(\d+)\.(\d+)/;

function minor(v: unknown): [number, number] | undefined {
  const m = typeof v === 'string' ? K8S_MINOR.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function crossFindings(objects: readonly ParsedObject[], opts: CrossOptions = {}): CrossFinding[] {
  const out: CrossFinding[] = [];
  const seen = new Map<string, ParsedObject>();
  for (const o of objects) {
    const key = `${o.kind}/${o.namespace}/${o.name}`;
    const first = seen.get(key);
    if (first) {
      const at = first.manifest.position(['metadata', 'name']);
      out.push({
        object: o,
        path: ['metadata', 'name'],
        severity: 'error',
        message: `Duplicate value: also defined at ${first.manifest.file}:${at.line}`,
      });
    } else seen.set(key, o);
  }
  const clusters = new Map(objects.filter((o) => o.kind === 'CceCluster').map((c) => [`${c.namespace}/${c.name}`, c]));
  for (const o of objects) {
    const ref = (o.spec['clusterRef'] as { name?: unknown } | undefined)?.name;
    if (REFERRERS.has(o.kind) && typeof ref === 'string') {
      const cluster = clusters.get(`${o.namespace}/${ref}`);
      const path = ['spec', 'clusterRef', 'name'];
      if (!cluster) {
        if (!opts.allowMissingRefs) {
          const where = o.namespace ? `namespace ${o.namespace}` : 'no namespace';
          out.push({
            object: o,
            path,
            severity: 'error',
            message: `Not found: no CceCluster "${ref}" (${where}) among the validated manifests`,
          });
        }
      } else if (o.kind === 'CceNodePool') {
        if (cluster.spec['enableAutopilot'] === true) {
          out.push({
            object: o,
            path,
            severity: 'error',
            message: `Forbidden: CceCluster "${ref}" is a CCE Autopilot cluster (spec.enableAutopilot), which has no node pools`,
          });
        }
        const [pool, clusterVersion] = [minor(o.spec['version']), minor(cluster.spec['version'])];
        if (pool && clusterVersion && (pool[0] > clusterVersion[0] || (pool[0] === clusterVersion[0] && pool[1] > clusterVersion[1]))) {
          out.push({
            object: o,
            path: ['spec', 'version'],
            severity: 'warning',
            message: `${String(o.spec['version'])} is ahead of CceCluster "${ref}" (${String(cluster.spec['version'])}): the pool waits for the cluster's upgrade (WaitingForClusterUpgrade)`,
          });
        }
      }
    }
    if (o.kind === 'CceAddon' && o.spec['version'] !== undefined && !ADDON_VERSION.test(String(o.spec['version']))) {
      out.push({
        object: o,
        path: ['spec', 'version'],
        severity: 'error',
        message: `Invalid value: ${JSON.stringify(o.spec['version'])}: an add-on version is a release number such as 1.3.60`,
      });
    }
  }
  return out;
}
