/**
 * Runs the invalid-spec corpus against the live operator: each spec is applied; a refusal by the CRD schema/CEL is
 * recorded with its message; an accepted spec is watched until a condition names the broken field (surfaced), it
 * turns Ready (the documents allow it after all), or the verdict timeout passes (silent: a finding). Then it is
 * deleted and must be gone. One spec per channel at a time, so the channel's call count is the spec's.
 */
import type { Channel } from './channel-proxy.js';
import type { InvalidSpec } from './corpus.js';
import { apiErrorMessage, condition, isReady, type CceObject, type Kube } from './kube.js';

export type Verdict = 'rejectedAtApply' | 'surfaced' | 'acceptedValid' | 'silent';

export interface CorpusResult {
  id: number;
  plural: string;
  mutation: string;
  field: string;
  verdict: Verdict;
  /** The message that named the field (refusal or condition), or the last conditions seen. */
  message: string;
  /** Whether the message names the field (its last name segment, or the dotted path). */
  namesField: boolean;
  cloudCalls: number;
  /** Still there (Terminating) after the delete timeout. */
  stuck: boolean;
}

export interface ChannelTarget {
  channel: Channel;
  /** The channel's valid, Ready base cluster (pools and add-ons refer to it). */
  baseCluster: string;
  credentialsSecret: string;
  projectId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The field's own name: the last non-index segment (`spec.dataVolumes[0].size` → `size`). */
export function leafName(field: string): string {
  return (
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field
  );
}

/** Leaf names too common to name a field alone: with them the parent must be named too (`clusterRef.name`). */
const GENERIC = new Set(['name', 'size', 'key', 'value', 'mode', 'type', 'count', 'version', 'effect', 'n']);

export function namesField(message: string, field: string): boolean {
  const m = message.toLowerCase();
  const path = field.replace(/\[\d+\]/g, '').toLowerCase();
  const parts = path.split('.');
  const leaf = parts.at(-1) ?? path;
  if (m.includes(path) || m.includes(path.replace(/^spec\./, ''))) return true;
  if (!GENERIC.has(leaf)) return m.includes(leaf);
  const parent = parts.at(-2);
  return parent !== undefined && parent !== 'spec' ? m.includes(`${parent}.${leaf}`) || m.includes(parent) : m.includes(leaf);
}

function fill(spec: InvalidSpec, t: ChannelTarget): Record<string, unknown> {
  const body = { ...spec.body, spec: { ...(spec.body.spec as Record<string, unknown>) } };
  const s = body.spec;
  const swap = (v: unknown): unknown =>
    typeof v === 'string'
      ? v
          .replace('__ENDPOINT__', t.channel.url)
          .replace('__PROJECT__', t.projectId)
          .replace('__CREDS__', t.credentialsSecret)
          .replace('__CLUSTER__', t.baseCluster)
      : v;
  for (const key of ['endpoint', 'projectID']) if (key in s) s[key] = swap(s[key]);
  for (const key of ['credentialsSecretRef', 'clusterRef'])
    if (s[key] && typeof s[key] === 'object' && !Array.isArray(s[key])) {
      const ref = { ...(s[key] as Record<string, unknown>) };
      ref.name = swap(ref.name);
      s[key] = ref;
    }
  return body;
}

function conditionText(o: CceObject | undefined): string {
  return (o?.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason ?? ''}: ${c.message ?? ''}`).join(' | ');
}

async function runOne(kube: Kube, spec: InvalidSpec, t: ChannelTarget, verdictMs: number, deleteMs: number): Promise<CorpusResult> {
  const before = t.channel.calls;
  const base = { id: spec.id, plural: spec.plural, mutation: spec.mutation, field: spec.field, stuck: false };
  const name = (spec.body.metadata as { name: string }).name;
  try {
    await kube.create(spec.plural, fill(spec, t));
  } catch (e) {
    const message = apiErrorMessage(e);
    return {
      ...base,
      verdict: 'rejectedAtApply',
      message: message.slice(0, 600),
      namesField: namesField(message, spec.field),
      cloudCalls: t.channel.calls - before,
    };
  }
  let verdict: Verdict = 'silent';
  let message = '';
  const deadline = Date.now() + verdictMs;
  while (Date.now() < deadline) {
    const o = await kube.get(spec.plural, name).catch(() => undefined);
    const named = ['Stalled', 'Synced', 'Ready']
      .map((type) => condition(o, type))
      .find((c) => c && (c.status === 'True') === (c.type === 'Stalled') && namesField(c.message ?? '', spec.field));
    if (named) {
      verdict = 'surfaced';
      message = `${named.type}=${named.status} ${named.reason ?? ''}: ${named.message ?? ''}`;
      break;
    }
    if (isReady(o)) {
      verdict = 'acceptedValid';
      message = conditionText(o);
      break;
    }
    message = conditionText(o);
    await sleep(400);
  }
  await kube.delete(spec.plural, name);
  let stuck = true;
  const gone = Date.now() + deleteMs;
  while (Date.now() < gone) {
    if (!(await kube.exists(spec.plural, name).catch(() => true))) {
      stuck = false;
      break;
    }
    await sleep(300);
  }
  return {
    ...base,
    verdict,
    message: message.slice(0, 600),
    namesField: verdict === 'surfaced',
    cloudCalls: t.channel.calls - before,
    stuck,
  };
}

/** Runs every spec, one per channel at a time. */
export async function runCorpus(
  kube: Kube,
  specs: InvalidSpec[],
  targets: ChannelTarget[],
  o: { verdictMs: number; deleteMs: number; progress?: (done: number) => void },
): Promise<CorpusResult[]> {
  const results: CorpusResult[] = [];
  let next = 0;
  await Promise.all(
    targets.map(async (t) => {
      while (next < specs.length) {
        const spec = specs[next++] as InvalidSpec;
        results.push(await runOne(kube, spec, t, o.verdictMs, o.deleteMs));
        o.progress?.(results.length);
      }
    }),
  );
  return results.sort((a, b) => a.id - b.id);
}
