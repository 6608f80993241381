/**
 * The kill schedule: every killMin..killMax seconds one replica is SIGKILLed — the Lease holder three times in four
 * (a leader kill: the standby must take over), otherwise the standby — and started again a second later.
 */
import type { Kube } from './kube.js';
import type { ReplicaSet } from './replicas.js';
import type { Random } from './random.js';

export interface KillLog {
  kills: number;
  leaderKills: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function killLoop(
  set: ReplicaSet,
  kube: Kube,
  leaseName: string,
  o: { until: number; minMs: number; maxMs: number; random: Random },
): Promise<KillLog> {
  const log: KillLog = { kills: 0, leaderKills: 0 };
  for (;;) {
    const wait = o.minMs + o.random.next() * (o.maxMs - o.minMs);
    if (Date.now() + wait > o.until) break;
    await sleep(wait);
    const holder = await kube.leaseHolder(leaseName);
    const leader = set.byIdentity(holder);
    const standby = set.replicas.find((r) => r !== leader);
    const target = o.random.next() < 0.75 ? (leader ?? standby) : (standby ?? leader);
    if (!target) continue;
    await set.kill(target);
    log.kills++;
    if (target === leader) log.leaderKills++;
    await sleep(1000);
    set.startAll();
  }
  return log;
}
