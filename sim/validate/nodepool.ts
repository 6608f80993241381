/** Node pool bodies (standard CCE only): create (POST) and update (PUT). */
import { CceError } from '../errors.js';
import { get, isObject, num } from '../json.js';
import { S, validator, type Schema } from './schema.js';

export const VOLUME_TYPES = ['SATA', 'SAS', 'SSD', 'GPSSD'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const LABEL_KEY = '^([a-zA-Z0-9]([-a-zA-Z0-9.]{0,251}[a-zA-Z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$';
const LABEL_VALUE = '^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$';

const volume = (min: number, max: number): Schema =>
  S.obj({ size: S.int({ minimum: min, maximum: max }), volumetype: S.enumOf(VOLUME_TYPES), extendParam: { type: 'object' } }, ['size', 'volumetype']);
const k8sTags: Schema = { type: 'object', maxProperties: 20, propertyNames: { pattern: LABEL_KEY }, additionalProperties: S.str({ pattern: LABEL_VALUE }) };
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
const login: Schema = {
  type: 'object',
  properties: { sshKey: S.str({ minLength: 1 }), userPassword: S.obj({ username: S.str(), password: S.str({ minLength: 1 }) }, ['password']) },
};

const nodeTemplate: Schema = S.obj(
  {
    flavor: S.str({ minLength: 1, maxLength: 50 }),
    az: S.str({ minLength: 1, maxLength: 200 }),
    os: S.str(),
    login,
    rootVolume: volume(40, 1024),
    dataVolumes: S.arr(volume(100, 32768), { minItems: 1 }),
    k8sTags,
    taints,
    extendParam: S.obj({ maxPods: S.int({ minimum: 16, maximum: 256 }) }),
    billingMode: S.int(),
  },
  ['flavor', 'az', 'login', 'rootVolume', 'dataVolumes'],
);

const createSchema = validator(
  S.obj(
    {
      kind: { const: 'NodePool' },
      apiVersion: { const: 'v3' },
      metadata: S.obj({ name: S.str({ minLength: 1, maxLength: 50, pattern: '^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$' }) }, ['name']),
      spec: S.obj(
        { type: S.enumOf(['vm']), nodeTemplate, initialNodeCount: S.int({ minimum: 0 }), autoscaling, nodeManagement: { type: 'object' } },
        ['nodeTemplate', 'initialNodeCount'],
      ),
    },
    ['kind', 'apiVersion', 'metadata', 'spec'],
  ),
);

const updateSchema = validator(
  S.obj(
    {
      spec: S.obj({ initialNodeCount: S.int({ minimum: 0 }), autoscaling, nodeTemplate: S.obj({ k8sTags, taints }) }),
    },
    ['spec'],
  ),
);

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

export function validateCreateNodePool(body: unknown, nodeLimit: number): void {
  createSchema(body);
  const login = get(body, 'spec', 'nodeTemplate', 'login');
  if (!isObject(login) || (login.sshKey === undefined && login.userPassword === undefined))
    throw new CceError('invalid', 'spec.nodeTemplate.login: one of sshKey or userPassword is required');
  if (get(body, 'metadata', 'name') === 'DefaultPool') throw new CceError('invalid', 'metadata.name: DefaultPool is reserved');
  checkCounts(body, nodeLimit);
}

export function validateUpdateNodePool(body: unknown, nodeLimit: number): void {
  updateSchema(body);
  if (!isObject(get(body, 'spec'))) throw new CceError('invalid', 'spec: is required');
  checkCounts(body, nodeLimit);
}
