/** Standard CCE cluster bodies: create (POST) and update (PUT). Enums are the union of seeds 003 and 001. */
import { CceError } from '../errors.js';
import { str } from '../json.js';
import { findVersion } from '../versions.js';
import { CLUSTER_NAME, S, validator } from './schema.js';
import { tagListSchema } from './tags.js';

export const CLUSTER_TYPES = ['VirtualMachine', 'ARM64', 'BareMetal', 'Windows'] as const;
export const CATEGORIES = ['CCE', 'Turbo'] as const;
export const NETWORK_MODES = ['overlay_l2', 'vpc-router', 'underlay_ipvlan', 'eni'] as const;
export const AUTH_MODES = ['rbac', 'authenticating_proxy', 'x509'] as const;

/** Node limit per cluster flavor (`s1` single master, `s2` HA, `dec` dedicated). */
export const FLAVOR_NODES: Record<string, number> = {};
for (const prefix of ['cce.', 'cce.dec.']) {
  for (const s of ['s1', 's2']) {
    FLAVOR_NODES[`${prefix}${s}.small`] = 50;
    FLAVOR_NODES[`${prefix}${s}.medium`] = 200;
    FLAVOR_NODES[`${prefix}${s}.large`] = 1000;
  }
  FLAVOR_NODES[`${prefix}s2.xlarge`] = 2000;
}
FLAVOR_NODES['cce.t1.small'] = 50;

const CIDR = '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$';

const createSchema = validator(
  S.obj(
    {
      kind: { const: 'Cluster' },
      apiVersion: { const: 'v3' },
      metadata: S.obj(
        {
          name: S.str({ minLength: 4, maxLength: 128, pattern: CLUSTER_NAME }),
          labels: S.map(),
          annotations: S.map(),
        },
        ['name'],
      ),
      spec: S.obj(
        {
          category: S.enumOf(CATEGORIES),
          type: S.enumOf(CLUSTER_TYPES),
          flavor: S.enumOf(Object.keys(FLAVOR_NODES)),
          version: S.str({ pattern: '^v\\d+\\.\\d+(\\.\\d+(-r\\d+)?)?$' }),
          description: S.str({ maxLength: 200 }),
          ipv6enable: S.bool(),
          hostNetwork: S.obj({ vpc: S.str({ maxLength: 64 }), subnet: S.str({ maxLength: 64 }) }, ['vpc', 'subnet']),
          containerNetwork: S.obj(
            { mode: S.enumOf(NETWORK_MODES), cidr: S.str({ maxLength: 64, pattern: CIDR }) },
            ['mode'],
          ),
          authentication: S.obj({
            mode: S.enumOf(AUTH_MODES),
            authenticatingProxy: S.obj({ ca: S.str({ maxLength: 1048576 }) }),
          }),
          kubernetesSvcIpRange: S.str({ pattern: CIDR }),
          billingMode: S.int(),
          extendParam: { type: 'object' },
          clusterTags: tagListSchema,
        },
        ['type', 'flavor', 'hostNetwork', 'containerNetwork'],
      ),
    },
    ['kind', 'apiVersion', 'metadata', 'spec'],
  ),
);

/** Validates a standard create body; throws CceError naming the field. */
export function validateCreateCluster(body: unknown): void {
  createSchema(body);
  if (str(body, 'spec', 'authentication', 'mode') === 'authenticating_proxy' && !str(body, 'spec', 'authentication', 'authenticatingProxy', 'ca'))
    throw new CceError('invalid', 'spec.authentication.authenticatingProxy.ca: is required when mode is authenticating_proxy');
  if (str(body, 'spec', 'containerNetwork', 'mode') === 'eni' && str(body, 'spec', 'category') !== 'Turbo')
    throw new CceError('invalid', 'spec.containerNetwork.mode: eni requires spec.category Turbo');
  const version = str(body, 'spec', 'version');
  if (version !== undefined && !findVersion(false, version))
    throw new CceError('version', `spec.version: ${version} is not offered`);
}

const updateSchema = validator(
  S.obj({ spec: S.obj({ description: S.str({ maxLength: 200 }) }), metadata: { type: 'object' } }, ['spec']),
);

export function validateUpdateCluster(body: unknown): void {
  updateSchema(body);
}
