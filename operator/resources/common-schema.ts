/** Schema pieces every kind shares: where the cloud is, how to authenticate, and what the operator may do. */
import type { JsonSchema } from './crd-builder.js';

export const str = (description: string, maxLength = 256) => ({ type: 'string', description, maxLength }) as const;

/** A Huawei Cloud project id (32 hex characters in the cloud; letters, digits, - and _ accepted): no control characters. */
/** A Kubernetes object name (DNS-1123 subdomain), e.g. a `clusterRef.name`: refused at apply, not waited on forever. */
export const objectNameSchema = (description: string) =>
  ({
    type: 'string',
    description,
    maxLength: 253,
    pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  }) as const;

export const PROJECT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
/** A region id, e.g. `cn-north-4` (the form operator/cloud/endpoints.ts puts into the regional endpoint's host). */
export const REGION_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';
/** An http(s) base URL (a bare host gets https://): no spaces, control characters, user info, query or fragment. */
export const ENDPOINT_PATTERN =
  '^([Hh][Tt][Tt][Pp][Ss]?://)?([^\\x00-\\x20\\x7f/?#@\\\\:\\[\\]]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[^\\x00-\\x20\\x7f?#\\\\]*)?$';

export const secretRefSchema = {
  type: 'object',
  description:
    'Secret in the same namespace holding Huawei Cloud credentials: keys `accessKey` and `secretKey` (optionally ' +
    '`securityToken` for temporary credentials), or `token` (an IAM token). When absent, the operator-wide ' +
    'default credentials are used (environment variables HW_ACCESS_KEY / HW_SECRET_KEY / HW_SECURITY_TOKEN, or ' +
    'HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK), and only with an endpoint the operator trusts.',
  required: ['name'],
  properties: { name: str('Name of the Secret.', 253) },
} as const satisfies JsonSchema;

/** Operator fields shared by all kinds (merged into each kind's spec properties). */
export const commonSpecProperties = {
  region: { ...str('Huawei Cloud region, e.g. `cn-north-4`. Selects the default CCE endpoint. Immutable.', 64), pattern: REGION_PATTERN },
  projectID: { ...str('Huawei Cloud project ID the resource lives in. Immutable.', 64), pattern: PROJECT_ID_PATTERN },
  endpoint: {
    ...str(
      'Override of the CCE API endpoint, e.g. `https://cce.cn-north-4.myhuaweicloud.com` or a simulator URL. ' +
        'Default: derived from `region` (or the operator flag --cce-endpoint). The operator-wide credentials are sent ' +
        "only to endpoints the operator trusts (the region's, --cce-endpoint, --trusted-endpoints): naming any other " +
        'endpoint requires `credentialsSecretRef` (else Stalled, reason UntrustedEndpoint).',
      512,
    ),
    pattern: ENDPOINT_PATTERN,
  },
  credentialsSecretRef: secretRefSchema,
  deletionPolicy: {
    type: 'string',
    enum: ['Delete', 'Orphan'],
    default: 'Delete',
    description: '`Delete` removes the cloud resource when this object is deleted; `Orphan` leaves it in the cloud.',
  },
  managementPolicy: {
    type: 'string',
    enum: ['Full', 'ObserveOnly'],
    default: 'Full',
    description: '`Full`: the operator creates, updates and deletes. `ObserveOnly`: it only reads and reports (never writes to the cloud).',
  },
} as const satisfies Record<string, JsonSchema>;

export const conditionsSchema = {
  type: 'array',
  description: 'kstatus-compatible conditions: Ready, Reconciling, Stalled, Synced.',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
  items: {
    type: 'object',
    required: ['type', 'status'],
    properties: {
      type: str('Condition type.', 64),
      status: { type: 'string', enum: ['True', 'False', 'Unknown'], description: 'True, False or Unknown.' },
      reason: str('Machine-readable reason (CamelCase).', 128),
      message: str('Human-readable message; carries the CCE error code when a cloud call failed.', 4096),
      lastTransitionTime: { type: 'string', format: 'date-time', description: 'When the status last changed.' },
      observedGeneration: { type: 'integer', description: 'The metadata.generation the condition describes.' },
    },
  },
} as const satisfies JsonSchema;

/** Status fields shared by all kinds. */
export const commonStatusProperties = {
  phase: str("The cloud's own phase of the resource.", 64),
  jobID: str('ID of the CCE job in flight, while one runs.', 128),
  observedGeneration: { type: 'integer', description: 'The metadata.generation this status describes.' },
  lastSyncTime: { type: 'string', format: 'date-time', description: 'When the cloud was last observed.' },
  conditions: conditionsSchema,
  unobservedFields: {
    type: 'array',
    description: 'Spec fields the CCE API never returns, so drift on them cannot be seen (changes to them are still applied).',
    items: str('A spec field path.', 256),
  },
  appliedHashes: {
    type: 'object',
    description:
      'For each mutable spec field the CCE API never returns: the hash of the value last applied (a spec change to it ' +
      'is applied when its hash differs; a field without a hash, e.g. after adoption, is applied once).',
    additionalProperties: str('sha256 of the canonical JSON of the applied value.', 80),
  },
  lastUpdate: {
    type: 'object',
    description:
      'The last update the operator sent (the convergence guard: when it finished and the same fields still differ, ' +
      'it is retried after a growing delay, reported as Synced=False reason NotConverged).',
    properties: {
      family: str('The API family: update, upgrade, hibernate or tags.', 32),
      fields: { type: 'array', description: 'The spec fields it changed.', items: str('A spec field path.', 256) },
      fingerprint: str('Hash of the fields and values it sent.', 80),
      attempts: { type: 'integer', description: 'How often this same update was sent.' },
      at: { type: 'string', format: 'date-time', description: 'When it was last sent.' },
    },
  },
} as const satisfies Record<string, JsonSchema>;
