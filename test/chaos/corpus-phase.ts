/**
 * The corpus phase: channels (one proxy port each) with a valid base cluster behind each, then the invalid specs,
 * then what the corpus left in the cloud (every cloud object a corpus spec created must be gone with it).
 */
import type { SimAdmin } from '../../sim/admin-client.js';
import { startChannels } from './channel-proxy.js';
import { invalidCorpus } from './corpus.js';
import { runCorpus, type ChannelTarget, type CorpusResult } from './corpus-run.js';
import { isReady, type Kube } from './kube.js';

export const CORPUS_CREDS = 'corpus-creds';
const BASE_PREFIX = 'corpus-base-';

export interface CorpusPhase {
  results: CorpusResult[];
  /** Cloud objects left behind by corpus specs after they were deleted. */
  orphans: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function runCorpusPhase(
  deps: { kube: Kube; admin: SimAdmin; simUrl: string; projectId: string; log: (s: string) => void },
  o: { count: number; seed: number; channels: number; verdictMs: number; deleteMs: number },
): Promise<CorpusPhase> {
  const { kube, admin, log } = deps;
  const proxy = await startChannels(o.channels, deps.simUrl);
  try {
    const targets: ChannelTarget[] = proxy.channels.map((channel, k) => ({
      channel,
      baseCluster: `${BASE_PREFIX}${k}`,
      credentialsSecret: CORPUS_CREDS,
      projectId: deps.projectId,
    }));
    for (const t of targets)
      await kube.create('cceclusters', {
        apiVersion: 'cce.operator.dev/v1alpha1',
        kind: 'CceCluster',
        metadata: { name: t.baseCluster },
        spec: {
          region: 'cn-north-4',
          projectID: deps.projectId,
          endpoint: t.channel.url,
          credentialsSecretRef: { name: CORPUS_CREDS },
          type: 'VirtualMachine',
          flavor: 'cce.s1.small',
          version: 'v1.28',
          hostNetwork: { vpc: 'vpc-corpus', subnet: 'subnet-corpus' },
          containerNetwork: { mode: 'overlay_l2' },
        },
      });
    const deadline = Date.now() + 180_000;
    for (const t of targets)
      while (!isReady(await kube.get('cceclusters', t.baseCluster))) {
        if (Date.now() > deadline) throw new Error(`corpus: base cluster ${t.baseCluster} not Ready within 180 s`);
        await sleep(500);
      }
    const specs = invalidCorpus(o.count, o.seed);
    log(`corpus: ${specs.length} invalid specs over ${targets.length} channels`);
    let lastShown = 0;
    const results = await runCorpus(kube, specs, targets, {
      verdictMs: o.verdictMs,
      deleteMs: o.deleteMs,
      progress: (n) => {
        if (n - lastShown >= 100 || n === specs.length) log(`corpus: ${(lastShown = n)}/${specs.length}`);
      },
    });

    const cloud = await admin.objects();
    const bases = new Set(targets.map((t) => t.baseCluster));
    const corpusCluster = (name: string) => !name.startsWith('chaos-') && !bases.has(name);
    const baseIds = new Set(
      cloud.clusters
        .filter((c) => bases.has(str((c.metadata as Record<string, unknown>).name)))
        .map((c) => str((c.metadata as Record<string, unknown>).uid)),
    );
    const orphans = [
      ...cloud.clusters
        .filter((c) => corpusCluster(str((c.metadata as Record<string, unknown>).name)))
        .map((c) => `cluster ${str((c.metadata as Record<string, unknown>).name)}`),
      ...cloud.nodePools
        .filter((p) => baseIds.has(str(p.clusterID)))
        .map((p) => `node pool ${str((p.metadata as Record<string, unknown>).name)}`),
      ...cloud.addons
        .filter((a) => baseIds.has(str((a.spec as Record<string, unknown>).clusterID)))
        .map((a) => str((a.spec as Record<string, unknown>).addonTemplateName))
        .filter((t) => t !== 'coredns' && t !== 'everest')
        .map((t) => `add-on ${t}`),
    ];
    return { results, orphans };
  } finally {
    await proxy.close();
  }
}
