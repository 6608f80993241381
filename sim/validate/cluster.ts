/**
 * Standard CCE cluster bodies: create (POST, seed 003 §4.1.1 T4-3..T4-20) and update (PUT, §4.1.4 T4-43/T4-44).
 * Enums are the union of seeds 003 and 001.
 */
import { CceError } from '../errors.js';
import { get, isObject, str, type JsonObject } from '../json.js';
import { findVersion, latest } from '../versions.js';
import { CLUSTER_NAME, S, bodyValidator, partial, refuseFixedChanges, type Schema } from './schema.js';
import { tagListSchema } from './tags.js';

export const CLUSTER_TYPES = ['VirtualMachine', 'ARM64', 'BareMetal', 'Windows'] as const;
export const CATEGORIES = ['CCE', 'Turbo'] as const;
export const NETWORK_MODES = ['overlay_l2', 'vpc-router', 'underlay_ipvlan', 'eni'] as const;
export const AUTH_MODES = ['rbac', 'authenticating_proxy', 'x509'] as const;
/** The add-on list annotation read at creation [003 T4-5]. */
export const INSTALL_ADDONS = 'cluster.install.addons/install';

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
/** `<rootVol.dssPoolID>.<rootVol.volType>;<dataVol.dssPoolID>.<dataVol.volType>` [003 T4-20]. */
const DSS_VOLUMES = '^[^.;]+\\.[^.;]+;[^.;]+\\.[^.;]+$';

/** masterSpec [003 T4-17]: typed as one object; accepted as an array of them too (the public cloud's form). */
const masterSpec = S.obj({ availabilityZone: S.str({ minLength: 1 }), flavor: S.str({ minLength: 1 }), faultDomain: S.str() }, [
  'availabilityZone',
  'flavor',
]);

const metadata = S.obj({ name: S.str({ minLength: 4, maxLength: 128, pattern: CLUSTER_NAME }), labels: S.map(), annotations: S.map() }, [
  'name',
]);

const spec = S.obj(
  {
    category: S.enumOf(CATEGORIES),
    type: S.enumOf(CLUSTER_TYPES),
    flavor: S.enumOf(Object.keys(FLAVOR_NODES)),
    version: S.str({ pattern: '^v\\d+\\.\\d+(\\.\\d+(-r\\d+)?)?$' }),
    description: S.str({ maxLength: 200 }),
    ipv6enable: S.bool(),
    hostNetwork: S.obj({ vpc: S.str({ maxLength: 64 }), subnet: S.str({ maxLength: 64 }) }, ['vpc', 'subnet']),
    containerNetwork: S.obj({ mode: S.enumOf(NETWORK_MODES), cidr: S.str({ maxLength: 64, pattern: CIDR }) }, ['mode']),
    authentication: S.obj({
      mode: S.enumOf(AUTH_MODES),
      authenticatingProxy: S.obj({ ca: S.str({ maxLength: 1048576 }) }),
    }),
    kubernetesSvcIpRange: S.str({ pattern: CIDR }),
    masters: { anyOf: [masterSpec, S.arr(masterSpec, { minItems: 1 })] },
    billingMode: S.int(),
    extendParam: S.obj({
      clusterAZ: S.str(),
      dssMasterVolumes: S.str({ pattern: DSS_VOLUMES }),
      enterpriseProjectId: S.str(),
      patchVersion: S.str(),
      upgradefrom: S.str(),
      clusterExternalIP: S.str(),
    }),
    clusterTags: tagListSchema,
  },
  ['type', 'flavor', 'hostNetwork', 'containerNetwork'],
);

export const createClusterSchema: Schema = S.obj({ kind: { const: 'Cluster' }, apiVersion: { const: 'v3' }, metadata, spec }, [
  'kind',
  'apiVersion',
  'metadata',
  'spec',
]);
const createBody = bodyValidator(createClusterSchema);

/** AddonTemplate [003 T4-6]: the annotation's value is a JSON array of these, serialised as a string. */
const addonTemplate = bodyValidator(
  S.obj({ addonTemplateName: S.str({ minLength: 1 }), version: S.str(), values: { type: 'object' } }, ['addonTemplateName']),
);

/** Checks `cluster.install.addons/install` (any flavour): a JSON array of AddonTemplate objects. */
export function checkInstallAddons(annotations: unknown): void {
  const raw = isObject(annotations) ? annotations[INSTALL_ADDONS] : undefined;
  if (typeof raw !== 'string') return;
  const field = `metadata.annotations.${INSTALL_ADDONS}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CceError('invalid', `${field}: must be a JSON array of AddonTemplate objects`);
  }
  if (!Array.isArray(parsed)) throw new CceError('invalid', `${field}: must be a JSON array of AddonTemplate objects`);
  parsed.forEach((item, i) => {
    try {
      addonTemplate(item);
    } catch (e) {
      if (e instanceof CceError) throw new CceError('invalid', `${field}[${i}].${e.detail}`);
      throw e;
    }
  });
}

/** The k8s minor a create body asks for (the newest offered when it names none). */
function minorOf(version: string | undefined): number {
  const v = version ?? latest(false).baseline;
  return Number(/^v\d+\.(\d+)/.exec(v)?.[1] ?? 0);
}

/** Validates a standard create body; returns it with the documented key spelling. Throws CceError naming the field. */
export function validateCreateCluster(raw: unknown): JsonObject {
  const body = createBody(raw);
  const mode = str(body, 'spec', 'authentication', 'mode');
  if (mode === 'authenticating_proxy' && !str(body, 'spec', 'authentication', 'authenticatingProxy', 'ca'))
    throw new CceError('invalid', 'spec.authentication.authenticatingProxy.ca: is required when mode is authenticating_proxy');
  if (mode === 'x509' && minorOf(str(body, 'spec', 'version')) >= 13)
    throw new CceError(
      'invalid',
      'spec.authentication.mode: x509 is supported only by clusters v1.11 and earlier (v1.13+: rbac, authenticating_proxy)',
    );
  if (str(body, 'spec', 'containerNetwork', 'mode') === 'eni' && str(body, 'spec', 'category') !== 'Turbo')
    throw new CceError('invalid', 'spec.containerNetwork.mode: eni requires spec.category Turbo');
  const flavor = str(body, 'spec', 'flavor') as string;
  const dedicated = flavor.startsWith('cce.dec.');
  const az = str(body, 'spec', 'extendParam', 'clusterAZ');
  const dss = get(body, 'spec', 'extendParam', 'dssMasterVolumes');
  if (dedicated && !az) throw new CceError('invalid', 'spec.extendParam.clusterAZ: is required for a dedicated (cce.dec.*) cluster');
  if (dedicated && dss === undefined)
    throw new CceError('invalid', 'spec.extendParam.dssMasterVolumes: is required for a dedicated (cce.dec.*) cluster');
  if (!dedicated && dss !== undefined)
    throw new CceError('invalid', 'spec.extendParam.dssMasterVolumes: is supported only by dedicated (cce.dec.*) clusters');
  if (az === 'multi_az' && !flavor.includes('.s2.'))
    throw new CceError('invalid', `spec.extendParam.clusterAZ: multi_az needs a high-availability (s2) flavor, not ${flavor}`);
  checkInstallAddons(get(body, 'metadata', 'annotations'));
  const version = str(body, 'spec', 'version');
  if (version !== undefined && !findVersion(false, version)) throw new CceError('version', `spec.version: ${version} is not offered`);
  return body;
}

/** The update body [003 T4-43]: `spec` required; only `spec.description` [T4-44] may change. */
export const updateClusterSchema: Schema = S.obj({ spec: partial(spec), metadata: partial(metadata) }, ['spec']);
const updateBody = bodyValidator(updateClusterSchema);
const UPDATABLE = { updatable: ['spec.description'], ignored: ['metadata.labels', 'metadata.annotations'] };

/** Validates a standard update body against the cluster as GET renders it (`current`); returns it normalised. */
export function validateUpdateCluster(raw: unknown, current: unknown): JsonObject {
  const body = updateBody(raw);
  refuseFixedChanges(body, current, updateClusterSchema, UPDATABLE);
  return body;
}
