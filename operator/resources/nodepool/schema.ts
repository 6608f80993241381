/**
 * CceNodePool spec and status schemas. Spec fields below `metadata` mirror the CCE create-node-pool request
 * [003 §4.1.19, digest §3.5] with the API's own names, so a console body's `spec` pastes in. The pool belongs to a
 * cluster: `clusterRef.name` (a CceCluster in the same namespace, whose region/projectID/endpoint/credentials are the
 * defaults) or `clusterID` (a cluster the operator does not manage; then region and projectID are required).
 */
import { commonSpecProperties, commonStatusProperties, objectNameSchema, str } from '../common-schema.js';
import type { JsonSchema } from '../crd-builder.js';

/**
 * CCE's node pool name rule [003 §4.1.19 表 4-223 metadata, line 3918 of 003_24b9bd5b1c280adb.txt: "以小写字母开头,由小写
 * 字母、数字、中划线(-)组成,长度范围1-50位,且不能以中划线(-)结尾,且不允许创建名为DefaultPool 的节点池"] (DefaultPool has
 * capitals, so the pattern excludes it): on spec.metadata.name (schema) and the metadata.name it defaults to (crd.ts).
 */
export const POOL_NAME = { min: 1, max: 50, pattern: '^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$' } as const;

/**
 * Node counts: a pool cannot outgrow its cluster, and the largest cluster flavor manages 2000 nodes [003 §4.1.5
 * 表 4-50 flavor, line 1561: "cce.s2.xlarge: 超大规模多控制节点CCE集群 (最大2000节点)"; 表 4-224 initialNodeCount / 表 4-226
 * maxNodeCount: "不可大于集群规格对应的节点数量上限"].
 */
export const MAX_NODES = 2000;

const LABEL_KEY = '^([a-zA-Z0-9]([-a-zA-Z0-9.]{0,251}[a-zA-Z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$';
const LABEL_VALUE = '^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$';

const volume = (what: string, min: number, max: number) =>
  ({
    type: 'object',
    description: `${what} (GB: ${min}-${max}).`,
    required: ['size', 'volumetype'],
    properties: {
      size: { type: 'integer', minimum: min, maximum: max, description: 'Size in GB.' },
      // 003 表 4-80: SATA, SAS, SSD; GPSSD (general-purpose SSD) as the simulator accepts it.
      volumetype: {
        type: 'string',
        enum: ['SATA', 'SAS', 'SSD', 'GPSSD'],
        description: '`SATA` (common I/O), `SAS` (high I/O), `SSD` (ultra-high I/O), `GPSSD` (general-purpose SSD).',
      },
      extendParam: { type: 'object', description: 'e.g. `{"useType":"docker"}`.', 'x-kubernetes-preserve-unknown-fields': true },
      metadata: {
        type: 'object',
        description: 'Disk encryption.',
        // 003 表 4-85: "0 代表不加密,1代表加密"
        properties: {
          __system__encrypted: { type: 'string', enum: ['0', '1'], description: '`0` (not encrypted) or `1`.' },
          __system__cmkid: str('KMS key ID.', 64),
        },
      },
    },
  }) as const;

const taint = {
  type: 'object',
  required: ['key', 'effect'],
  properties: {
    key: { type: 'string', maxLength: 317, pattern: LABEL_KEY, description: 'Taint key (a label key).' },
    value: { type: 'string', maxLength: 63, pattern: LABEL_VALUE, description: 'Taint value (a label value).' },
    effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], description: 'Taint effect.' },
  },
} as const satisfies JsonSchema;

export const nodeTemplateSchema = {
  type: 'object',
  description: 'Template of every node in the pool (the CCE node spec). Only `k8sTags` and `taints` can change later.',
  required: ['flavor', 'az', 'login', 'rootVolume', 'dataVolumes'],
  properties: {
    flavor: { type: 'string', minLength: 1, maxLength: 50, description: 'ECS flavor, e.g. `s6.large.2`.' },
    az: { type: 'string', minLength: 1, maxLength: 200, description: 'Availability zone, or `random`.' },
    os: str('Node OS, e.g. `EulerOS 2.9`.', 64),
    login: {
      type: 'object',
      description:
        'Exactly one of `sshKey` (key-pair name) or `userPassword` (the password from a Secret: never in the spec, where ' +
        'everyone who can read the CceNodePool would read it).',
      properties: {
        sshKey: str('Key-pair name.', 64),
        userPassword: {
          type: 'object',
          description: 'Log in with a password, held in a Secret (never in the spec).',
          properties: {
            username: { type: 'string', default: 'root', maxLength: 32, description: 'User name (root).' },
            passwordSecretRef: {
              type: 'object',
              description:
                'Secret in the same namespace holding the password salted and base64-encoded as the API requires ' +
                '(salted SHA-512 crypt, base64). Read only when the pool is created.',
              required: ['name'],
              properties: {
                name: str('Name of the Secret.', 253),
                key: {
                  type: 'string',
                  default: 'password',
                  maxLength: 253,
                  pattern: '^[-._a-zA-Z0-9]+$',
                  description: 'Key in the Secret.',
                },
              },
            },
            password: str(
              'Not accepted (a password in the spec is readable by everyone who can read the object): use passwordSecretRef.',
              1024,
            ),
          },
          'x-kubernetes-validations': [
            {
              rule: '!has(self.password)',
              message:
                'spec.nodeTemplate.login.userPassword.password is not accepted: put the password in a Secret and name it in ' +
                'spec.nodeTemplate.login.userPassword.passwordSecretRef',
              reason: 'FieldValueForbidden',
            },
            {
              rule: 'has(self.passwordSecretRef)',
              message: 'spec.nodeTemplate.login.userPassword.passwordSecretRef is required (the Secret holding the password)',
              reason: 'FieldValueRequired',
            },
          ],
        },
      },
    },
    rootVolume: volume('System disk', 40, 1024),
    dataVolumes: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      description: 'Data disks of each node (the first one holds the container runtime and kubelet).',
      items: volume('Data disk', 100, 32768),
    },
    publicIP: {
      type: 'object',
      description: 'Elastic IPs for the nodes: existing ones (ids) or new ones (count + eip).',
      properties: {
        ids: { type: 'array', maxItems: 32, description: 'IDs of existing EIPs to bind.', items: str('EIP ID.', 64) },
        count: { type: 'integer', minimum: 1, maximum: MAX_NODES, description: 'Number of EIPs to create.' },
        eip: {
          type: 'object',
          description: 'The EIPs to create.',
          required: ['iptype'],
          properties: {
            iptype: str('e.g. `5_bgp`.', 32),
            bandwidth: {
              type: 'object',
              description: 'Their bandwidth.',
              properties: {
                size: { type: 'integer', minimum: 1, description: 'Bandwidth in Mbit/s.' },
                sharetype: str('e.g. `PER`.', 16),
                chargemode: str('e.g. `traffic`.', 16),
              },
            },
          },
        },
      },
    },
    billingMode: { type: 'integer', enum: [0], description: '0 = on demand (003 表 4-75: the only value; cannot be changed).' },
    nodeNicSpec: {
      type: 'object',
      description: "The nodes' network interfaces.",
      properties: {
        primaryNic: {
          type: 'object',
          description: 'The primary NIC.',
          properties: { subnetId: str('Subnet (network ID) of the primary NIC.', 64) },
        },
      },
    },
    extendParam: {
      type: 'object',
      description: 'e.g. `maxPods`, `alpha.cce/preInstall`, `alpha.cce/postInstall` (base64), `alpha.cce/NodeImageID`.',
      'x-kubernetes-preserve-unknown-fields': true,
    },
    userTags: {
      type: 'array',
      maxItems: 20,
      description: 'Cloud resource tags of the nodes.',
      items: { type: 'object', required: ['key'], properties: { key: str('Tag key.', 128), value: str('Tag value.', 255) } },
    },
    k8sTags: {
      type: 'object',
      description: "Kubernetes labels of the pool's nodes (at most 20; updatable).",
      maxProperties: 20,
      additionalProperties: { type: 'string', maxLength: 63, pattern: LABEL_VALUE },
    },
    taints: { type: 'array', maxItems: 20, description: "Kubernetes taints of the pool's nodes (updatable).", items: taint },
    runtime: {
      type: 'object',
      description: 'Container runtime of the nodes.',
      properties: { name: { type: 'string', enum: ['docker', 'containerd'], description: 'docker or containerd.' } },
    },
    faultDomain: str('ECS fault domain.', 64),
  },
} as const satisfies JsonSchema;

export const nodePoolSpecSchema = {
  type: 'object',
  description: "The desired node pool: its cluster (clusterRef or clusterID), and the CCE node pool API's own fields.",
  required: ['nodeTemplate', 'initialNodeCount'],
  properties: {
    ...commonSpecProperties,
    region: str("Huawei Cloud region. Default: the referenced CceCluster's. Required with `clusterID`. Immutable.", 64),
    projectID: str("Huawei Cloud project ID. Default: the referenced CceCluster's. Required with `clusterID`. Immutable.", 64),
    clusterRef: {
      type: 'object',
      description: 'The CceCluster (same namespace) this pool belongs to. Immutable.',
      required: ['name'],
      properties: { name: objectNameSchema('Name of the CceCluster (a Kubernetes object name).') },
    },
    clusterID: str('ID of a CCE cluster the operator does not manage (instead of `clusterRef`). Immutable.', 64),
    nodePoolID: str('ID of an existing node pool to adopt instead of creating one. Can be set once; immutable afterwards.', 128),
    version: {
      type: 'string',
      maxLength: 32,
      pattern: '^v[0-9]+\\.[0-9]+(\\.[0-9]+)?(-r[0-9]+)?$',
      description:
        "Kubernetes version the pool's nodes should run. CCE has no node-pool version API: nodes are upgraded by their " +
        "cluster's upgrade. A version ahead of the cluster waits (reason WaitingForClusterUpgrade) until the cluster has " +
        'been upgraded to it; the pool is Ready once the cluster runs it.',
    },
    metadata: {
      type: 'object',
      description: "The cloud node pool's metadata. `name` defaults to this object's name.",
      properties: {
        name: {
          type: 'string',
          minLength: POOL_NAME.min,
          maxLength: POOL_NAME.max,
          pattern: POOL_NAME.pattern,
          description:
            'Pool name: 1-50 chars, lower-case letters, digits and -, starting with a letter, not ending with -. `DefaultPool` is reserved.',
        },
      },
    },
    type: { type: 'string', enum: ['vm'], default: 'vm', description: 'Node type (only virtual machines).' },
    nodeTemplate: nodeTemplateSchema,
    initialNodeCount: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_NODES,
      description: 'Node count. Changing it scales the pool — unless autoscaling is enabled: then the autoscaler owns the count.',
    },
    autoscaling: {
      type: 'object',
      description: 'Autoscaling settings (updatable).',
      properties: {
        enable: { type: 'boolean', description: 'Let the CCE autoscaler own the node count.' },
        minNodeCount: { type: 'integer', minimum: 0, maximum: MAX_NODES, description: 'Fewest nodes the autoscaler keeps.' },
        maxNodeCount: {
          type: 'integer',
          minimum: 0,
          maximum: MAX_NODES,
          description: 'Most nodes the autoscaler adds (at most the cluster flavor allows).',
        },
        scaleDownCooldownTime: { type: 'integer', minimum: 0, description: 'Minutes a scaled-up node is protected from scale-down.' },
        priority: { type: 'integer', description: 'Higher is preferred when scaling up.' },
      },
    },
    nodeManagement: {
      type: 'object',
      description: 'Node placement: the ECS server group. Immutable.',
      properties: { serverGroupReference: str('ECS server group ID for every node.', 64) },
    },
    podSecurityGroups: {
      type: 'array',
      maxItems: 5,
      description: 'Security groups of the pods on these nodes (CCE Turbo).',
      items: { type: 'object', required: ['id'], properties: { id: str('Security group ID.', 64) } },
    },
    faultDomain: str('ECS fault domain.', 64),
  },
} as const satisfies JsonSchema;

export const nodePoolStatusSchema = {
  type: 'object',
  description: 'What the operator last observed in the cloud and did: state, node counts, conditions.',
  properties: {
    ...commonStatusProperties,
    phase: str('The cloud\'s own phase: `""` (normal), Synchronizing, Synchronized, SoldOut, Deleting, Error.', 64),
    state: str("The phase for display: the cloud's phase, or `Normal` when the cloud reports the empty (normal) phase.", 64),
    nodePoolID: str('CCE node pool ID (metadata.uid).', 128),
    clusterID: str('CCE cluster ID the pool lives in.', 64),
    currentNode: { type: 'integer', description: "Nodes now in the pool (the cloud's status.currentNode)." },
    desiredNode: { type: 'integer', description: "Nodes wanted: spec.initialNodeCount, or the autoscaler's count when autoscaling." },
    nodes: str('`current/desired`, for the Nodes column.', 32),
    currentVersion: str("Kubernetes version of the pool's cluster (nodes follow their cluster).", 64),
    nodeStatus: {
      type: 'object',
      description: "The pool's nodes as the list-nodes API reports them (one call per observation, none per node).",
      properties: {
        phases: {
          type: 'object',
          description: 'Node count per cloud phase (Active, Build, Installing, Abnormal, Deleting, ...).',
          additionalProperties: { type: 'integer' },
        },
        unhealthy: {
          type: 'array',
          maxItems: 5,
          description: 'At most 5 nodes that are not Active, the faulty ones (e.g. Abnormal) before those under way.',
          items: {
            type: 'object',
            properties: { name: str('Node name.', 253), privateIP: str('Private IP.', 64), phase: str('Cloud phase.', 32) },
          },
        },
      },
    },
  },
} as const satisfies JsonSchema;
