/**
 * CceAddon spec and status schemas. `addonTemplateName`, `version` and `values` carry the CCE add-on API's own
 * names [003 §4.3.1, 004 §4.2.1]; the cluster is named by `clusterRef` (a CceCluster in the same namespace, whose
 * region, project, endpoint, credentials and Autopilot-ness are inherited) or by `clusterID` (an unmanaged cluster).
 */
import { commonSpecProperties, commonStatusProperties, objectNameSchema, str } from '../common-schema.js';
import type { JsonSchema } from '../crd-builder.js';

const freeForm = (description: string) => ({ type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true }) as const;

export const addonSpecSchema = {
  type: 'object',
  description: 'The desired add-on: its cluster (clusterRef or clusterID), template, version and values.',
  required: ['addonTemplateName'],
  properties: {
    ...commonSpecProperties,
    clusterRef: {
      type: 'object',
      description:
        'The CceCluster (same namespace) the add-on is installed in. Its region, projectID, endpoint, credentials and ' +
        'Autopilot-ness are used unless given here. The add-on waits until that cluster is Ready. Immutable.',
      required: ['name'],
      properties: { name: objectNameSchema('Name of the CceCluster (a Kubernetes object name).') },
    },
    clusterID: str('ID of a CCE cluster not managed by a CceCluster object (then region and projectID are required). Immutable.', 64),
    autopilot: {
      type: 'boolean',
      description:
        'With clusterID: the cluster is a CCE Autopilot cluster (Autopilot add-on API). With clusterRef it is inherited. Immutable.',
    },
    addonTemplateName: {
      // 2-30 characters [003 §4.3.2 表 4-308 addon_template_name, line 5463 of 003_24b9bd5b1c280adb.txt: "最小长度: 2
      // 最大长度: 30"]; the pattern only keeps out what no template name has (spaces, control characters, URL syntax).
      type: 'string',
      minLength: 2,
      maxLength: 30,
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      description: 'Add-on template name, e.g. `coredns`, `metrics-server`, `everest`. One instance per template per cluster. Immutable.',
    },
    version: {
      type: 'string',
      maxLength: 64,
      description:
        'Add-on version, e.g. `1.3.60`; must be one the cloud lists for the template. Changing it upgrades the add-on. ' +
        'On Autopilot, setting it back to `status.previousVersion` rolls back (only when the cloud reports the instance ' +
        'rollbackable). Default at install: the newest version supporting the cluster.',
    },
    values: {
      type: 'object',
      description:
        'Add-on parameters (`spec.values` of the API): the full desired set, keys not given take the template defaults. ' +
        "The API does not return them as written, so they are applied when they change here (see status.appliedHashes['spec.values']). " +
        "When absent, the operator leaves the cloud's values alone.",
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        basic: freeForm('Basic parameters (e.g. swr_addr, image_version).'),
        custom: freeForm('Custom parameters of the template.'),
        flavor: freeForm("Resource flavor (replicas, resources), one of the template's `parameters` flavors."),
      },
    },
    addonID: str(
      'ID of an existing add-on instance to adopt (otherwise the instance of the same template in the cluster is adopted). Set once.',
      64,
    ),
  },
} as const satisfies JsonSchema;

export const addonStatusSchema = {
  type: 'object',
  description: 'What the operator last observed in the cloud and did: the instance, its version, conditions.',
  properties: {
    ...commonStatusProperties,
    status: str("The instance's `status.status` as the cloud reports it (installing, running, upgrading, ...).", 64),
    addonID: str('Add-on instance ID (metadata.uid).', 64),
    clusterID: str('ID of the cluster the instance lives in.', 64),
    currentVersion: str('Add-on version the cloud reports.', 64),
    previousVersion: str('Version before the last upgrade or rollback (Autopilot).', 64),
    rollbackable: { type: 'boolean', description: 'The cloud reports the instance can roll back to previousVersion (Autopilot).' },
    cloudReason: str("The instance's `status.Reason` as the cloud reports it.", 1024),
  },
} as const satisfies JsonSchema;
