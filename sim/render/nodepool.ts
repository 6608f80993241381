/** Node pool and node objects as the API renders them. */
import type { NodePoolRec, NodeRec } from '../state.js';
import type { World } from '../world.js';
import { clone, isObject, type JsonObject } from '../json.js';
import { goTime } from '../time.js';
import { currentNode, poolPhase } from '../lifecycle/nodepool.js';
import { nodePhase } from '../lifecycle/node.js';

/** Hides `login.userPassword.password` (the seed masks it in every response). */
export function maskLogin(spec: JsonObject): JsonObject {
  const out = clone(spec);
  const login = out.login;
  if (isObject(login)) {
    if (isObject(login.userPassword)) login.userPassword = { username: login.userPassword.username ?? 'root' };
    else login.userPassword = {};
  }
  return out;
}

export function renderNodePool(world: World, p: NodePoolRec, now: number, jobId?: string): JsonObject {
  const spec = clone(p.spec);
  if (isObject(spec.nodeTemplate)) spec.nodeTemplate = maskLogin(spec.nodeTemplate);
  const status: JsonObject = { currentNode: currentNode(world, p, now), phase: poolPhase(p) };
  if (jobId) status.jobId = jobId;
  return {
    kind: 'NodePool',
    apiVersion: 'v3',
    metadata: { name: p.name, uid: p.uid, creationTimestamp: goTime(p.createdAt), updateTimestamp: goTime(p.updatedAt) },
    spec,
    status,
  };
}

export function renderNode(n: NodeRec, now: number, view: { jobID?: string; phase?: string } = {}): JsonObject {
  const status: JsonObject = { phase: view.phase ?? nodePhase(n, now), serverId: n.serverId, privateIP: n.privateIP };
  if (view.jobID) status.jobID = view.jobID;
  return {
    kind: 'Node',
    apiVersion: 'v3',
    metadata: {
      name: n.name,
      uid: n.uid,
      creationTimestamp: goTime(n.createdAt),
      updateTimestamp: goTime(n.createdAt),
      annotations: { 'kubernetes.io/node-pool.id': n.poolId ?? '' },
    },
    spec: maskLogin(n.spec),
    status,
  };
}
