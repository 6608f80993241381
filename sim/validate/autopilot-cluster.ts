/** CCE Autopilot cluster bodies: create (fixed values per seed 004) and update. */
import { CceError } from '../errors.js';
import { str } from '../json.js';
import { findVersion } from '../versions.js';
import { CLUSTER_NAME, S, validator } from './schema.js';
import { tagListSchema } from './tags.js';

const NAME = S.str({ minLength: 4, maxLength: 128, pattern: CLUSTER_NAME });
const CIDR = '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$';
const subnets = S.arr(S.obj({ subnetID: S.str({ minLength: 1 }) }, ['subnetID']));
/** Characters the description must not contain: ~$%^&*<>[]{}()'"#\ */
const DESCRIPTION = '^[^~$%^&*<>\\[\\]{}()\'"#\\\\]*$';

const createSchema = validator(
  S.obj(
    {
      kind: S.enumOf(['Cluster', 'cluster']),
      apiVersion: { const: 'v3' },
      metadata: S.obj({ name: NAME, alias: NAME, annotations: S.map() }, ['name']),
      spec: S.obj(
        {
          category: { const: 'Turbo' },
          type: { const: 'VirtualMachine' },
          flavor: { const: 'cce.autopilot.cluster' },
          version: S.str({ pattern: '^v\\d+\\.\\d+(\\.\\d+(-r\\d+)?)?$' }),
          description: S.str({ maxLength: 200, pattern: DESCRIPTION }),
          customSan: S.arr(S.str(), { maxItems: 0 }),
          enableSnat: S.bool(),
          enableSWRImageAccess: S.bool(),
          enableAutopilot: S.bool(),
          ipv6enable: { const: false },
          hostNetwork: S.obj({ vpc: S.str({ minLength: 1 }), subnet: S.str() }, ['vpc']),
          containerNetwork: S.obj({ mode: { const: 'eni' } }, ['mode']),
          eniNetwork: S.obj({ subnets }, ['subnets']),
          serviceNetwork: S.obj({ IPv4CIDR: S.str({ pattern: CIDR }) }),
          authentication: S.obj({ mode: { const: 'rbac' } }),
          billingMode: { const: 0 },
          kubernetesSvcIpRange: S.str({ pattern: CIDR }),
          clusterTags: tagListSchema,
          kubeProxyMode: { const: 'iptables' },
          extendParam: S.obj({ enterpriseProjectId: S.str(), upgradefrom: S.str() }),
          configurationsOverride: S.arr({ type: 'object' }, { maxItems: 0 }),
        },
        ['flavor', 'hostNetwork', 'containerNetwork'],
      ),
    },
    ['kind', 'apiVersion', 'metadata', 'spec'],
  ),
);

export function validateCreateAutopilotCluster(body: unknown): void {
  createSchema(body);
  const version = str(body, 'spec', 'version');
  if (version !== undefined && !findVersion(true, version))
    throw new CceError('version', `spec.version: ${version} is not offered`);
}

const updateSchema = validator(
  S.obj(
    {
      spec: S.obj({
        description: S.str({ maxLength: 200, pattern: DESCRIPTION }),
        customSan: S.arr(S.str(), { maxItems: 0 }),
        eniNetwork: S.obj({ subnets }),
      }),
      metadata: S.obj({ alias: { anyOf: [NAME, { const: '' }] } }),
    },
    ['spec'],
  ),
);

export function validateUpdateAutopilotCluster(body: unknown): void {
  updateSchema(body);
}
