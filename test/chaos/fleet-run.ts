/**
 * The fleet phase: apply the fleet while the cloud misbehaves and the operator is SIGKILLed, delete some units
 * while they are being created, stop the chaos, and wait until every live object is Ready and every deleted one
 * is gone (or the settle timeout passes).
 */
import type { SimAdmin } from '../../sim/admin-client.js';
import { faultRules } from './fault-plan.js';
import { fleet, FLEET_PREFIX, type FleetObject } from './fleet.js';
import { killLoop, type KillLog } from './killer.js';
import { isReady, PLURALS, type Kube } from './kube.js';
import type { ChaosOptions } from './options.js';
import type { Random } from './random.js';
import type { ReplicaSet } from './replicas.js';

export interface FleetRun {
  objects: number;
  deletedUnits: number;
  deletedObjects: number;
  kills: KillLog;
  faultRules: number;
  faultHits: number;
  /** From the first apply until every live object was Ready and every deleted one gone (null: never). */
  allReadyMs: number | null;
  /** The same, counted from the moment the faults and kills stopped. */
  readyAfterChaosMs: number | null;
  cloudCalls: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createWithRetry(kube: Kube, o: FleetObject): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return void (await kube.create(o.plural, o.body));
    } catch (e) {
      if ((e as { code?: number }).code === 409 || attempt >= 5) throw e;
      await sleep(500 * attempt);
    }
  }
}

/** True when every live fleet object is Ready and nothing of the fleet is Terminating. */
async function settled(kube: Kube): Promise<boolean> {
  for (const plural of PLURALS) {
    const items = (await kube.list(plural)).filter((o) => o.metadata.name.startsWith(FLEET_PREFIX));
    if (items.some((o) => o.metadata.deletionTimestamp || !isReady(o))) return false;
  }
  return true;
}

export async function runFleet(
  o: ChaosOptions,
  deps: {
    kube: Kube;
    admin: SimAdmin;
    replicas: ReplicaSet;
    leaseName: string;
    projectId: string;
    random: Random;
    log: (s: string) => void;
  },
): Promise<FleetRun> {
  const { kube, admin, replicas, random, log } = deps;
  const clusters = o.objects / 5;
  const objects = fleet(clusters, deps.projectId);
  const rules = faultRules();
  await admin.clearRequests();
  for (const r of rules) await admin.addFault(r);
  const t0 = Date.now();
  const until = t0 + o.chaosSeconds * 1000;
  log(`fleet: ${objects.length} objects (${clusters} clusters), ${rules.length} fault rules, kills for ${o.chaosSeconds} s`);
  const killer = killLoop(replicas, kube, deps.leaseName, {
    until,
    minMs: o.killMinSeconds * 1000,
    maxMs: o.killMaxSeconds * 1000,
    random,
  });
  for (const obj of objects) await createWithRetry(kube, obj);
  log(`fleet: applied in ${Date.now() - t0} ms`);

  // Deletes during creation: whole units (cluster, pools, add-ons), a few seconds in, while jobs run.
  await sleep(Math.min(3000, o.jobSeconds * 1000 + 500));
  const units = [...new Set(objects.map((x) => x.unit))];
  const doomed = new Set(units.filter(() => random.next() < o.deleteFraction));
  const deleted = objects.filter((x) => doomed.has(x.unit));
  for (const x of deleted) await kube.delete(x.plural, x.name);
  log(`fleet: deleted ${doomed.size} units (${deleted.length} objects) during creation`);

  const kills = await killer;
  const faultHits = (await admin.faults()).reduce((n, f) => n + f.hits, 0);
  await admin.clearFaults();
  replicas.startAll();
  const chaosEnded = Date.now();
  log(`fleet: chaos over (${kills.kills} kills, ${kills.leaderKills} of the leader; ${faultHits} faults injected); settling`);

  let readyAt: number | undefined;
  const deadline = chaosEnded + o.settleSeconds * 1000;
  while (Date.now() < deadline) {
    if (await settled(kube).catch(() => false)) {
      readyAt = Date.now();
      break;
    }
    await sleep(1000);
  }
  const counts = await admin.counts();
  return {
    objects: objects.length,
    deletedUnits: doomed.size,
    deletedObjects: deleted.length,
    kills,
    faultRules: rules.length,
    faultHits,
    allReadyMs: readyAt === undefined ? null : readyAt - t0,
    readyAfterChaosMs: readyAt === undefined ? null : readyAt - chaosEnded,
    cloudCalls: Object.values(counts.byOperation).reduce((a, b) => a + b, 0),
  };
}
