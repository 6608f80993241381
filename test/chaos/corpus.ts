/**
 * The invalid-spec corpus: mutations of the samples in config/samples (a cluster, two node pools, two add-ons) —
 * wrong types, values outside the enums, names CCE refuses, huge values, deep nesting, control characters, missing
 * required fields. Generated deterministically from a seed; every spec names the field it broke. Placeholders
 * (__ENDPOINT__, __CREDS__, __PROJECT__, __CLUSTER__) are filled in by the runner unless the mutation replaced them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Plural } from './kube.js';
import { Random } from './random.js';

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'samples');

type Obj = Record<string, unknown>;
type Path = (string | number)[];

export interface InvalidSpec {
  id: number;
  plural: Plural;
  /** The mutation's category (wrongType, badEnum, badName, huge, deepNesting, controlChar, missing). */
  mutation: string;
  /** The field the mutation broke, dotted (`spec.nodeTemplate.rootVolume.size`). */
  field: string;
  body: Obj;
}

interface Base {
  plural: Plural;
  body: Obj;
}

const PLURAL: Record<string, Plural> = { CceCluster: 'cceclusters', CceNodePool: 'ccenodepools', CceAddon: 'cceaddons' };
const CONTROL = ['\u0000', '\u0007', '\n', '\u001b', '\u007f', '\u202e'];
const REQUIRED: Record<Plural, Path[]> = {
  cceclusters: [
    ['spec', 'flavor'],
    ['spec', 'type'],
    ['spec', 'hostNetwork'],
    ['spec', 'containerNetwork'],
    ['spec', 'projectID'],
    ['spec', 'region'],
  ],
  ccenodepools: [
    ['spec', 'nodeTemplate'],
    ['spec', 'nodeTemplate', 'flavor'],
    ['spec', 'nodeTemplate', 'login'],
    ['spec', 'nodeTemplate', 'rootVolume'],
  ],
  cceaddons: [
    ['spec', 'addonTemplateName'],
    ['spec', 'clusterRef'],
  ],
};
const ENUMS: Record<Plural, Path[]> = {
  cceclusters: [
    ['spec', 'type'],
    ['spec', 'flavor'],
    ['spec', 'containerNetwork', 'mode'],
    ['spec', 'deletionPolicy'],
    ['spec', 'version'],
    ['spec', 'category'],
    ['spec', 'managementPolicy'],
  ],
  ccenodepools: [
    ['spec', 'nodeTemplate', 'rootVolume', 'volumetype'],
    ['spec', 'nodeTemplate', 'dataVolumes', 0, 'volumetype'],
    ['spec', 'nodeTemplate', 'taints', 0, 'effect'],
    ['spec', 'deletionPolicy'],
  ],
  cceaddons: [
    ['spec', 'addonTemplateName'],
    ['spec', 'version'],
    ['spec', 'deletionPolicy'],
  ],
};
/** Free-form fields (preserved unknown fields) where deep nesting reaches the operator. */
const FREE_FORM: Record<Plural, Path[]> = {
  cceclusters: [
    ['spec', 'metadata', 'labels'],
    ['spec', 'extendParam'],
  ],
  ccenodepools: [
    ['spec', 'nodeTemplate', 'extendParam'],
    ['spec', 'nodeTemplate', 'k8sTags'],
  ],
  cceaddons: [
    ['spec', 'values'],
    ['spec', 'values', 'custom'],
  ],
};

function samples(): Base[] {
  const out: Base[] = [];
  for (const file of ['cce_v1alpha1_ccecluster.yaml', 'cce_v1alpha1_ccenodepool.yaml', 'cce_v1alpha1_cceaddon.yaml'])
    for (const doc of parseAllDocuments(readFileSync(join(samplesDir, file), 'utf8'))) {
      const body = doc.toJS() as Obj;
      const plural = PLURAL[String(body.kind)];
      if (!plural) continue;
      const spec = body.spec as Obj;
      if (plural === 'cceclusters') {
        delete spec.kubeconfigSecretRef;
        Object.assign(spec, { endpoint: '__ENDPOINT__', projectID: '__PROJECT__', credentialsSecretRef: { name: '__CREDS__' } });
      } else spec.clusterRef = { name: '__CLUSTER__' };
      out.push({ plural, body });
    }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);

function leaves(v: unknown, path: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [path];
}

function at(o: unknown, path: Path): unknown {
  let cur = o;
  for (const k of path) cur = (cur as Record<string | number, unknown> | undefined)?.[k];
  return cur;
}

/** A copy of `o` (small, JSON) with `value` put at `path` by reference (deeply nested values are never cloned). */
function set(o: Obj, path: Path, value: unknown): Obj {
  const copy = clone(o);
  let cur = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === undefined || typeof cur[k] !== 'object') cur[k] = typeof path[path.indexOf(k) + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
}

/**
 * A value nested `depth` objects deep, too deep for JSON.stringify (which overflows the stack near 5,000 levels):
 * Kube.create writes it as JSON text itself.
 */
export class DeepValue {
  constructor(readonly depth: number) {}

  toJsonText(): string {
    return `${'{"n":'.repeat(this.depth)}"bottom"${'}'.repeat(this.depth)}`;
  }
}

const nested = (depth: number): unknown => {
  if (depth > 1000) return new DeepValue(depth);
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
};

const dotted = (p: Path): string =>
  p
    .map((k) => (typeof k === 'number' ? `[${k}]` : k))
    .join('.')
    .replace(/\.\[/g, '[');

/** Every mutation of one base, as [category, path, new value] (undefined value = removed). */
function mutations(b: Base): [string, Path, unknown][] {
  const out: [string, Path, unknown][] = [];
  for (const p of leaves(b.body.spec, ['spec'])) {
    const v = at(b.body, p);
    if (typeof v === 'string') {
      out.push(
        ['wrongType', p, 12345],
        ['wrongType', p, { not: 'a string' }],
        ['huge', p, 'x'.repeat(70_000)],
        ['huge', p, 'y'.repeat(2_000)],
      );
      for (const c of CONTROL)
        out.push(['controlChar', p, `${c}${v}`], ['controlChar', p, `${v.slice(0, 1)}${c}${v.slice(1)}`], ['controlChar', p, `${v}${c}`]);
    } else if (typeof v === 'number') out.push(['wrongType', p, 'many'], ['huge', p, 1e15], ['huge', p, -5], ['wrongType', p, 1.5]);
    else if (typeof v === 'boolean') out.push(['wrongType', p, 'yes']);
  }
  for (const p of ENUMS[b.plural]) out.push(['badEnum', p, 'NotAnEnum-Value'], ['badEnum', p, 'x']);
  for (const p of REQUIRED[b.plural]) out.push(['missing', p, undefined]);
  for (const p of FREE_FORM[b.plural]) for (const depth of [40, 200, 5000]) out.push(['deepNesting', p, nested(depth)]);
  if (b.plural === 'cceclusters')
    for (const name of [
      'UPPER-case',
      'abc',
      `a${'b'.repeat(128)}`,
      'under_score',
      'trailing-',
      '9starts-with-digit',
      'dot.ted',
      'ctl\u0007name',
    ])
      out.push(['badName', ['spec', 'metadata', 'name'], name]);
  if (b.plural === 'ccenodepools')
    for (const name of [`p${'q'.repeat(50)}`, 'DefaultPool', 'Upper', 'under_score', '9digit'])
      out.push(['badName', ['spec', 'metadata', 'name'], name]);
  return out;
}

/** Names Kubernetes accepts but CCE does not (metadata.name is the cloud name unless spec.metadata.name is set). */
function k8sNameMutations(plural: Plural, id: number): string[] {
  if (plural === 'cceclusters') return [`${id}inv-cluster`, `inv.${id}.dotted`, `inv-${id}-${'l'.repeat(130)}`];
  if (plural === 'ccenodepools') return [`${id}inv-pool`, `inv.${id}.dotted`, `inv-${id}-${'l'.repeat(50)}`];
  return [];
}

export function invalidCorpus(count: number, seed: number): InvalidSpec[] {
  const random = new Random(seed);
  const bases = samples();
  const pool: { plural: Plural; mutation: string; field: string; make: () => Obj; k8sName?: number }[] = [];
  for (const b of bases) {
    for (const [mutation, path, value] of mutations(b))
      pool.push({ plural: b.plural, mutation, field: dotted(path), make: () => set(b.body, path, value) });
    for (let k = 0; k < 3; k++)
      if (k8sNameMutations(b.plural, 0)[k])
        pool.push({ plural: b.plural, mutation: 'badName', field: 'metadata.name', make: () => clone(b.body), k8sName: k });
  }
  // Shuffle (seeded), then take `count`, cycling with fresh ids when the pool is smaller.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [pool[i], pool[j]] = [pool[j] as (typeof pool)[number], pool[i] as (typeof pool)[number]];
  }
  const out: InvalidSpec[] = [];
  for (let id = 0; id < count; id++) {
    const p = pool[id % pool.length] as (typeof pool)[number];
    const body = p.make();
    const name = p.k8sName !== undefined ? (k8sNameMutations(p.plural, id)[p.k8sName] as string) : `inv-${id}`;
    body.metadata = { name };
    out.push({ id, plural: p.plural, mutation: p.mutation, field: p.field, body });
  }
  return out;
}

/** Distinct mutations available (the corpus cycles through them when asked for more). */
export function corpusVariety(): number {
  return samples().reduce((n, b) => n + mutations(b).length + k8sNameMutations(b.plural, 0).length, 0);
}
