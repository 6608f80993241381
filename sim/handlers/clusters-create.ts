/** POST .../clusters — standard (201, job CreateCluster) and Autopilot (201, jobid annotations). */
import { CceError } from '../errors.js';
import { clone, get, isObject, str, type JsonObject } from '../json.js';
import type { Ctx, Reply } from '../context.js';
import type { ClusterRec } from '../state.js';
import { createJob } from '../jobs.js';
import { findVersion, latest } from '../versions.js';
import { validateCreateCluster } from '../validate/cluster.js';
import { validateCreateAutopilotCluster } from '../validate/autopilot-cluster.js';
import { renderCluster } from '../render/cluster.js';
import { bodyObject, clustersOf, ok } from './common.js';

function withDefaults(ctx: Ctx, spec: JsonObject): JsonObject {
  const s = clone(spec);
  const version = typeof s.version === 'string' ? s.version : latest(ctx.autopilot).baseline;
  s.version = version;
  s.platformVersion = findVersion(ctx.autopilot, version)?.platformVersion ?? '';
  s.description ??= '';
  s.billingMode ??= 0;
  s.kubernetesSvcIpRange ??= str(spec, 'serviceNetwork', 'IPv4CIDR') ?? '10.247.0.0/16';
  if (ctx.autopilot) {
    s.category ??= 'Turbo';
    s.type ??= 'VirtualMachine';
    const subnets = get(spec, 'eniNetwork', 'subnets');
    const subnet = Array.isArray(subnets) && isObject(subnets[0]) ? String(subnets[0].subnetID) : undefined;
    if (isObject(s.hostNetwork) && s.hostNetwork.subnet === undefined) s.hostNetwork.subnet = subnet ?? '';
    s.eniNetwork ??= { subnets: [] };
    s.serviceNetwork = { IPv4CIDR: s.kubernetesSvcIpRange };
    s.authentication ??= { mode: 'rbac' };
    s.kubeProxyMode ??= 'iptables';
    // GET shows both keys [004 §4.1.2 example]; the key is spelled as in the tables (the examples: upgradeFrom).
    s.extendParam = { enterpriseProjectId: '0', upgradefrom: '', ...(isObject(s.extendParam) ? s.extendParam : {}) };
  } else {
    s.category ??= 'CCE';
    if (isObject(s.containerNetwork)) s.containerNetwork.cidr ??= '172.16.0.0/16';
    const auth = isObject(s.authentication) ? s.authentication : {};
    s.authentication = {
      mode: auth.mode ?? 'rbac',
      authenticatingProxy: isObject(auth.authenticatingProxy) ? auth.authenticatingProxy : {},
    };
  }
  delete s.clusterTags;
  return s;
}

export function createCluster(ctx: Ctx): Reply {
  const raw = bodyObject(ctx);
  const body = ctx.autopilot ? validateCreateAutopilotCluster(raw) : validateCreateCluster(raw);
  const { world, now } = ctx;
  const name = str(body, 'metadata', 'name') as string;
  const alias = str(body, 'metadata', 'alias') || undefined;
  const taken = new Set(Object.values(world.state.clusters).flatMap((c) => [c.name, c.alias ?? c.name]));
  if (taken.has(name)) throw new CceError('exists', `cluster name ${name} already exists`);
  if (alias && taken.has(alias)) throw new CceError('exists', `cluster alias ${alias} already exists`);
  const quota = ctx.autopilot ? world.state.quotas.autopilot_cluster : world.state.quotas.cluster;
  if (clustersOf(ctx).length >= quota) throw new CceError('quota', `quota of ${quota} clusters reached`);

  const uid = world.newId();
  const job = createJob(world, now, {
    type: 'CreateCluster',
    clusterUID: uid,
    resourceID: uid,
    resourceName: name,
    subTypes: ['InstallMaster', 'CreatePSMCert'],
    ...(ctx.jobFailure !== undefined ? { fail: ctx.jobFailure } : {}),
  });
  const labels = get(body, 'metadata', 'labels');
  const annotations = get(body, 'metadata', 'annotations');
  const tags = get(body, 'spec', 'clusterTags');
  const c: ClusterRec = {
    uid,
    projectId: world.config.projectId,
    autopilot: ctx.autopilot,
    name,
    labels: isObject(labels) ? (clone(labels) as Record<string, string>) : {},
    spec: withDefaults(ctx, body.spec as JsonObject),
    phase: 'Creating',
    lastJobId: job.uid,
    tags: Array.isArray(tags) ? tags.filter(isObject).map((t) => ({ key: String(t.key), value: String(t.value ?? '') })) : [],
    createdAt: now,
    updatedAt: now,
  };
  world.begin('clusters', c, 'create', now, ctx.jobFailure, undefined, job.uid);
  if (alias) c.alias = alias;
  if (isObject(annotations) && typeof annotations['cluster.install.addons/install'] === 'string')
    c.installAddons = annotations['cluster.install.addons/install'];
  world.state.clusters[uid] = c;
  world.touch();
  const createResponse = {
    resourceJobId: job.subJobs[0]?.uid ?? '',
    annotations: isObject(annotations) ? (clone(annotations) as Record<string, string>) : {},
  };
  return ok(renderCluster(world, c, now, { jobID: job.uid, createResponse }), 201);
}
