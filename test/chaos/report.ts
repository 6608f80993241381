/** The chaos run's figures as a table, the one-line truth, and the JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChaosReport } from './chaos.js';

const secs = (ms: number | null): string => (ms === null ? 'never (settle timeout)' : `${(ms / 1000).toFixed(1)} s`);

export function table(r: ChaosReport): string {
  const f = r.fleet;
  const a = r.audit;
  const c = r.corpus;
  const v = (k: string) => c.byVerdict[k] ?? 0;
  const rows: [string, string][] = [
    ['fleet objects', `${f.objects} (${f.objects / 5} clusters × (1 + 2 pools + 2 add-ons))`],
    ['deleted during creation', `${f.deletedUnits} units (${f.deletedObjects} objects)`],
    ['chaos window', `${r.options.chaosSeconds} s, ${f.faultRules} fault rules, ${f.faultHits} faults injected`],
    [
      'operator SIGKILLs',
      `${f.kills.kills} (${f.kills.leaderKills} of the leader), 2 replicas, ${r.operatorStarts} process starts, ${r.leadershipExits} exits after losing the Lease`,
    ],
    ['time to all Ready', `${secs(f.allReadyMs)} after the first apply; ${secs(f.readyAfterChaosMs)} after the chaos stopped`],
    ['cloud API calls (fleet phase)', `${f.cloudCalls} (${(f.cloudCalls / f.objects).toFixed(1)} per object)`],
    ['duplicates', String(a.duplicates)],
    ['orphans', String(a.orphans)],
    ['stuck Terminating', String(a.stuck)],
    ['live objects not Ready', String(a.notReady)],
    [
      'Warning Events',
      `${a.warningEvents} Events, count ${a.warningEventCount} (${Object.entries(a.details.warningReasons)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    ],
    ['invalid specs', String(c.specs)],
    ['  rejected at apply', `${v('rejectedAtApply')} (${c.rejectedNamingField} naming the field)`],
    ['  surfaced as a condition naming the field', String(v('surfaced'))],
    ['  accepted and Ready (valid by the documents)', String(v('acceptedValid'))],
    ['  silent (neither, within the verdict timeout)', String(v('silent'))],
    ['  max cloud calls per invalid object', `${c.maxCloudCalls} (${c.maxCloudCallsSpec})`],
    ['  corpus objects stuck / cloud orphans', `${c.stuck} / ${c.orphans.length}`],
    ['operator crashes', String(r.crashes.length)],
    [
      'secret hits',
      `${r.secrets.hits.length} (${r.secrets.secretsSearched} secrets in ${Object.entries(r.secrets.haystackBytes)
        .map(([k, n]) => `${k} ${(n / 1024).toFixed(0)} KiB`)
        .join(', ')})`,
    ],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, val]) => `${k.padEnd(w)}  ${val}`).join('\n');
}

export function truth(r: ChaosReport): string {
  return `${r.audit.duplicates} duplicates, ${r.audit.orphans} orphans, ${r.audit.stuck} stuck`;
}

/** Details worth reading when a figure is not zero. */
export function findings(r: ChaosReport): string {
  const lines: string[] = [];
  const d = r.audit.details;
  for (const [label, items] of [
    ['duplicate', d.duplicates],
    ['orphan', d.orphans],
    ['stuck', d.stuck],
    ['not Ready', d.notReady],
    ['corpus orphan', r.corpus.orphans],
  ] as const)
    for (const i of items.slice(0, 10)) lines.push(`${label}: ${i.slice(0, 400)}`);
  for (const c of r.crashes.slice(0, 10)) lines.push(`crash: ${c.identity}: ${c.detail}`);
  for (const s of r.corpus.silent.slice(0, 10))
    lines.push(`silent spec #${s.id} ${s.plural} ${s.mutation} ${s.field}: ${s.message.slice(0, 300)}`);
  for (const h of r.secrets.hits.slice(0, 10)) lines.push(`secret hit: ${h.secret} in ${h.haystack}: ${JSON.stringify(h.excerpt)}`);
  return lines.join('\n');
}

export function writeJson(path: string, r: ChaosReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
}
