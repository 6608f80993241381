/**
 * CCE Autopilot cluster bodies: create (fixed values per seed 004 §4.1.1 T4-3..T4-15) and update (§4.1.4
 * T4-72..T4-76: description, customSan, eniNetwork.subnets, metadata.alias).
 */
import { CceError } from '../errors.js';
import { get, str, type JsonObject } from '../json.js';
import { findVersion } from '../versions.js';
import { checkInstallAddons } from './cluster.js';
import { CLUSTER_NAME, S, bodyValidator, partial, refuseFixedChanges, type Schema } from './schema.js';
import { tagListSchema } from './tags.js';

const NAME = S.str({ minLength: 4, maxLength: 128, pattern: CLUSTER_NAME });
const CIDR = '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$';
const subnets = S.arr(S.obj({ subnetID: S.str({ minLength: 1 }) }, ['subnetID']));
/** Characters the description must not contain: ~$%^&*<>[]{}()'"#\ */
const DESCRIPTION = '^[^~$%^&*<>\\[\\]{}()\'"#\\\\]*$';

const metadata = S.obj({ name: NAME, alias: NAME, annotations: S.map(), labels: S.map() }, ['name']);
const spec = S.obj(
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
);

export const createAutopilotClusterSchema: Schema = S.obj(
  { kind: S.enumOf(['Cluster', 'cluster']), apiVersion: { const: 'v3' }, metadata, spec },
  ['kind', 'apiVersion', 'metadata', 'spec'],
);
const createBody = bodyValidator(createAutopilotClusterSchema);

export function validateCreateAutopilotCluster(raw: unknown): JsonObject {
  const body = createBody(raw);
  checkInstallAddons(get(body, 'metadata', 'annotations'));
  const version = str(body, 'spec', 'version');
  if (version !== undefined && !findVersion(true, version)) throw new CceError('version', `spec.version: ${version} is not offered`);
  return body;
}

/** `spec` required; `metadata.alias` may be empty (= unchanged). Other create fields may only be echoed unchanged. */
export const updateAutopilotClusterSchema: Schema = S.obj(
  {
    spec: S.obj({ ...(partial(spec).properties as Record<string, Schema>), eniNetwork: S.obj({ subnets }) }),
    metadata: S.obj({ ...(partial(metadata).properties as Record<string, Schema>), alias: { anyOf: [NAME, { const: '' }] } }),
  },
  ['spec'],
);
const updateBody = bodyValidator(updateAutopilotClusterSchema);
const UPDATABLE = {
  updatable: ['spec.description', 'spec.customSan', 'spec.eniNetwork.subnets', 'metadata.alias'],
  ignored: ['metadata.labels', 'metadata.annotations'],
};

/** Validates an update body against the cluster as GET renders it (`current`); returns it normalised. */
export function validateUpdateAutopilotCluster(raw: unknown, current: unknown): JsonObject {
  const body = updateBody(raw);
  refuseFixedChanges(body, current, updateAutopilotClusterSchema, UPDATABLE);
  return body;
}
