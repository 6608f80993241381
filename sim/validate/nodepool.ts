/**
 * Node pool bodies (standard CCE only): create (POST, seed 003 §4.1.19 T4-222..T4-226 with the node template of
 * §4.1.9 T4-75..T4-86) and update (PUT, §4.1.22 T4-267..T4-271).
 */
import { CceError } from '../errors.js';
import { get, isObject, num, type JsonObject } from '../json.js';
import { S, bodyValidator, partial, refuseFixedChanges, type Schema } from './schema.js';

export const VOLUME_TYPES = ['SATA', 'SAS', 'SSD', 'GPSSD'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const LABEL_KEY = '^([a-zA-Z0-9]([-a-zA-Z0-9.]{0,251}[a-zA-Z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$';
const LABEL_VALUE = '^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$';
const POOL_NAME = '^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$';
/** Node template fields a node pool does not support ("创建节点池添加节点时不支持该参数", T4-75). */
const NOT_FOR_POOLS = ['ecsGroupId', 'dedicatedHostId', 'offloadNode'] as const;

/** Data disk encryption [T4-85]: both keys, when `metadata` is given. */
const volumeMetadata = S.obj({ systemencrypted: {}, systemcmkid: S.str({ minLength: 1 }) }, ['systemencrypted', 'systemcmkid']);
const volume = (min: number, max: number): Schema =>
  S.obj(
    {
      size: S.int({ minimum: min, maximum: max }),
      volumetype: S.enumOf(VOLUME_TYPES),
      extendParam: { type: 'object' },
      metadata: volumeMetadata,
    },
    ['size', 'volumetype'],
  );
const k8sTags: Schema = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: LABEL_KEY },
  additionalProperties: S.str({ pattern: LABEL_VALUE }),
};
const taints: Schema = S.arr(
  S.obj({ key: S.str({ pattern: LABEL_KEY }), value: S.str({ pattern: LABEL_VALUE }), effect: S.enumOf(TAINT_EFFECTS) }, ['key', 'effect']),
  { maxItems: 20 },
);
const autoscaling: Schema = S.obj({
  enable: S.bool(),
  minNodeCount: S.int({ minimum: 0 }),
  maxNodeCount: S.int({ minimum: 0 }),
  scaleDownCooldownTime: S.int({ minimum: 0 }),
  priority: S.int(),
});
const login: Schema = S.obj({
  sshKey: S.str({ minLength: 1 }),
  userPassword: S.obj({ username: S.str(), password: S.str({ minLength: 1 }) }, ['password']),
});
/** publicIP [T4-81..T4-83]: existing EIP ids, or `count` + `eip` (given together). */
const publicIP: Schema = S.obj({
  ids: S.arr(S.str()),
  count: S.int({ minimum: 1 }),
  eip: S.obj(
    {
      iptype: S.str({ minLength: 1 }),
      bandwidth: S.obj({ size: S.int({ minimum: 1 }), sharetype: S.str({ minLength: 1 }) }, ['size', 'sharetype']),
    },
    ['iptype', 'bandwidth'],
  ),
});

const nodeTemplate: Schema = S.obj(
  {
    flavor: S.str({ minLength: 1, maxLength: 50 }),
    az: S.str({ minLength: 1, maxLength: 200 }),
    os: S.str(),
    login,
    rootVolume: volume(40, 1024),
    dataVolumes: S.arr(volume(100, 32768), { minItems: 1 }),
    publicIP,
    billingMode: S.int(),
    count: S.int({ minimum: 1 }),
    nodeNicSpec: S.obj({ primaryNic: S.obj({ subnetId: S.str() }) }),
    extendParam: S.obj({
      maxPods: S.int({ minimum: 16, maximum: 256 }),
      'alpha.cce/preInstall': S.str(),
      'alpha.cce/postInstall': S.str(),
      'alpha.cce/NodeImageID': S.str(),
      DockerLVMConfigOverride: S.str(),
    }),
    ecsGroupId: S.str(),
    dedicatedHostId: S.str(),
    offloadNode: S.bool(),
    userTags: {},
    k8sTags,
    taints,
    faultDomain: S.str(),
  },
  ['flavor', 'az', 'login', 'rootVolume', 'dataVolumes'],
);

const createSchema: Schema = S.obj(
  {
    kind: { const: 'NodePool' },
    apiVersion: { const: 'v3' },
    metadata: S.obj({ name: S.str({ minLength: 1, maxLength: 50, pattern: POOL_NAME }) }, ['name']),
    spec: S.obj(
      {
        type: S.enumOf(['vm']),
        nodeTemplate,
        initialNodeCount: S.int({ minimum: 0 }),
        autoscaling,
        nodeManagement: S.obj({ serverGroupReference: S.str() }),
        faultDomain: S.str(),
      },
      ['nodeTemplate', 'initialNodeCount'],
    ),
  },
  ['kind', 'apiVersion', 'metadata', 'spec'],
);
const createBody = bodyValidator(createSchema);

/** T4-267..T4-271: kind, apiVersion, metadata.name, spec.initialNodeCount and spec.nodeTemplate are required. */
export const updateNodePoolSchema: Schema = S.obj(
  {
    kind: { const: 'NodePool' },
    apiVersion: { const: 'v3' },
    metadata: S.obj({ name: S.str({ minLength: 1, maxLength: 50, pattern: POOL_NAME }) }, ['name']),
    spec: S.obj({ initialNodeCount: S.int({ minimum: 0 }), type: S.str(), autoscaling, nodeTemplate: partial(nodeTemplate) }, [
      'initialNodeCount',
      'nodeTemplate',
    ]),
  },
  ['kind', 'apiVersion', 'metadata', 'spec'],
);
const updateBody = bodyValidator(updateNodePoolSchema);
/** The §4.1.22 note (initialNodeCount, autoscaling) plus T4-271 (nodeTemplate.k8sTags, nodeTemplate.taints). */
const UPDATABLE = {
  updatable: ['spec.initialNodeCount', 'spec.autoscaling', 'spec.nodeTemplate.k8sTags', 'spec.nodeTemplate.taints'],
  ignored: ['kind', 'apiVersion'],
};

function checkCounts(body: unknown, nodeLimit: number): void {
  const count = num(body, 'spec', 'initialNodeCount');
  const min = num(body, 'spec', 'autoscaling', 'minNodeCount');
  const max = num(body, 'spec', 'autoscaling', 'maxNodeCount');
  if (min !== undefined && max !== undefined && min > max)
    throw new CceError('invalid', 'spec.autoscaling.maxNodeCount: must be >= spec.autoscaling.minNodeCount');
  if (count !== undefined && count > nodeLimit)
    throw new CceError('tooManyNodes', `spec.initialNodeCount: ${count} exceeds the cluster flavor's limit of ${nodeLimit} nodes`);
  if (max !== undefined && max > nodeLimit)
    throw new CceError('tooManyNodes', `spec.autoscaling.maxNodeCount: ${max} exceeds the cluster flavor's limit of ${nodeLimit} nodes`);
}

function checkTemplate(t: unknown): void {
  const login = get(t, 'login');
  const ways = isObject(login) ? ['sshKey', 'userPassword'].filter((k) => login[k] !== undefined) : [];
  if (ways.length === 0) throw new CceError('invalid', 'spec.nodeTemplate.login: one of sshKey or userPassword is required');
  if (ways.length > 1) throw new CceError('invalid', 'spec.nodeTemplate.login: sshKey and userPassword are exclusive (give one)');
  for (const k of NOT_FOR_POOLS)
    if (get(t, k) !== undefined) throw new CceError('invalid', `spec.nodeTemplate.${k}: is not supported for node pool nodes`);
  const ip = get(t, 'publicIP');
  if (isObject(ip) && (ip.count === undefined) !== (ip.eip === undefined))
    throw new CceError('invalid', 'spec.nodeTemplate.publicIP: count and eip must be given together');
}

/** Validates a create body; returns it with the documented key spelling. */
export function validateCreateNodePool(raw: unknown, nodeLimit: number): JsonObject {
  const body = createBody(raw);
  checkTemplate(get(body, 'spec', 'nodeTemplate'));
  if (get(body, 'metadata', 'name') === 'DefaultPool') throw new CceError('invalid', 'metadata.name: DefaultPool is reserved');
  checkCounts(body, nodeLimit);
  return body;
}

/** Validates an update body against the pool as GET renders it (`current`); returns it normalised. */
export function validateUpdateNodePool(raw: unknown, nodeLimit: number, current: unknown): JsonObject {
  const body = updateBody(raw);
  refuseFixedChanges(body, current, updateNodePoolSchema, UPDATABLE);
  checkCounts(body, nodeLimit);
  return body;
}
