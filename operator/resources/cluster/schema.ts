/**
 * CceCluster spec and status schemas. Spec fields below `metadata` mirror the CCE create-cluster request (standard
 * CCE [003 §4.1.1] and Autopilot [004 §4.1.1]) with the API's own names, so a console body's `spec` pastes in.
 */
import { commonSpecProperties, commonStatusProperties, str } from '../common-schema.js';
import type { JsonSchema } from '../crd-builder.js';

const stringMap = (description: string) =>
  ({ type: 'object', description, maxProperties: 64, additionalProperties: { type: 'string', maxLength: 4096 } }) as const;

/**
 * CCE's cluster name rule [003 §4.1.1 表 4-4 metadata, line 761 of 003_24b9bd5b1c280adb.txt: "以小写字母开头,由小写字母、
 * 数字、中划线(-)组成,长度范围 4-128位,且不能以中划线(-)结尾"]: on spec.metadata.name (schema) and on the
 * metadata.name it defaults to (a CEL rule on the whole object, crd.ts).
 */
export const CLUSTER_NAME = { min: 4, max: 128, pattern: '^[a-z][a-z0-9-]*[a-z0-9]$' } as const;

const subnetList = {
  type: 'array',
  maxItems: 32,
  items: { type: 'object', required: ['subnetID'], properties: { subnetID: str('IPv4 subnet ID.', 64) } },
} as const satisfies JsonSchema;

export const clusterSpecSchema = {
  type: 'object',
  description:
    'The desired cluster: where it lives (region, projectID, endpoint, credentials), how the operator manages it, and the CCE ' +
    "create-cluster API's own fields.",
  required: ['region', 'projectID', 'flavor', 'hostNetwork', 'containerNetwork'],
  properties: {
    ...commonSpecProperties,
    clusterID: str('ID of an existing CCE cluster to adopt instead of creating one. Can be set once; immutable afterwards.', 64),
    hibernate: { type: 'boolean', default: false, description: 'Hibernate (true) or wake (false) the cluster. Standard CCE only.' },
    kubeconfigSecretRef: {
      type: 'object',
      description:
        "Export the cluster's kubeconfig (from the certificate API) into this Secret in the same namespace. The operator " +
        'creates the Secret (label app.kubernetes.io/managed-by=cce-operator, owned by this CceCluster) and rewrites only ' +
        'a Secret it created for this CceCluster: naming any other existing Secret is refused (Stalled, reason ' +
        'SecretNotOwned) and that Secret is left untouched.',
      required: ['name'],
      properties: {
        name: {
          ...str('Secret name (a DNS subdomain).', 253),
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
        },
        key: { type: 'string', default: 'kubeconfig', maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$', description: 'Key in the Secret.' },
        duration: { type: 'integer', minimum: 1, maximum: 1825, default: 30, description: 'Certificate validity in days.' },
        endpoint: {
          type: 'string',
          enum: ['External', 'Internal'],
          description:
            "Which API server address the exported kubeconfig uses (status.endpoints): `External` (the master EIP's) or " +
            '`Internal` (in the VPC). Default: External when the cluster has one, else Internal. The kubeconfig is ' +
            'exported again when the address it should use changes (e.g. an EIP is bound or unbound).',
        },
        rotateBeforeDays: {
          type: 'integer',
          minimum: 0,
          maximum: 1824,
          default: 7,
          description: 'Rotate this many days before expiry; less than `duration` (each certificate call issues a new certificate).',
        },
      },
    },
    masterEIP: {
      type: 'object',
      description:
        'Public access to the API server: the elastic IP (by its ID) bound to it (`PUT .../clusters/{id}/mastereip`, ' +
        '004 §4.1.8). Removing the field unbinds the EIP the operator bound; an EIP bound outside the operator is left ' +
        'alone while the field is absent. status.endpoints shows the resulting External address.',
      required: ['id'],
      properties: { id: { ...str('ID of the elastic IP to bind (it must exist and be unbound).', 64), minLength: 1 } },
    },
    upgradePolicy: {
      type: 'object',
      description:
        'How CCE upgrades the cluster when spec.version changes (the upgrade, pre-check and snapshot APIs, 004 §4.3). ' +
        "Read when each upgrade step starts; the whole path is planned from the cloud's upgrade paths first.",
      properties: {
        userDefinedStep: {
          type: 'integer',
          minimum: 1,
          maximum: 40,
          description: 'Nodes upgraded at a time (strategy.inPlaceRollingUpdate.userDefinedStep, 1-40). Default 20, as CCE recommends.',
        },
        nodePoolOrder: {
          type: 'object',
          maxProperties: 64,
          description:
            'Node pool upgrade priority by node pool ID (`DefaultPool` for the default pool): higher numbers go first; ' +
            'pools not listed have priority 0 (last).',
          additionalProperties: { type: 'integer', minimum: 0, maximum: 1000 },
        },
        nodeOrder: {
          type: 'object',
          maxProperties: 64,
          description: 'Node upgrade order within each node pool (key: node pool ID or `DefaultPool`), as the upgrade API takes it.',
          additionalProperties: {
            type: 'array',
            maxItems: 32,
            items: {
              type: 'object',
              required: ['nodeSelector', 'priority'],
              properties: {
                nodeSelector: {
                  type: 'object',
                  description: 'The nodes this entry orders, by a node label.',
                  required: ['key', 'operator'],
                  properties: {
                    key: str('Node label key.', 317),
                    value: {
                      type: 'array',
                      maxItems: 64,
                      description: 'Label values the operator matches.',
                      items: str('Label value.', 63),
                    },
                    operator: str('Label operator, e.g. `In`.', 32),
                  },
                },
                priority: { type: 'integer', minimum: 0, maximum: 1000, description: 'Higher goes first; 0 is the lowest.' },
              },
            },
          },
        },
        addons: {
          type: 'array',
          maxItems: 32,
          description:
            'Add-on target versions for the step that reaches spec.version (operation `patch`); each version must match ' +
            'that cluster version (see the add-on templates). Intermediate steps upgrade add-ons as CCE chooses.',
          items: {
            type: 'object',
            required: ['addonTemplateName', 'version'],
            properties: { addonTemplateName: str('Add-on template name, e.g. `coredns`.', 64), version: str('Target add-on version.', 32) },
          },
        },
        skippedCheckItemList: {
          type: 'array',
          maxItems: 64,
          description:
            'Pre-check items to skip, by the check names the cloud reports (status.upgrade.failedCheckItems); node checks may be limited to nodes by UID.',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: str('Check item name.', 128),
              resourceSelector: {
                type: 'object',
                description: 'Skip the item only for these nodes (node checks).',
                required: ['key', 'operator'],
                properties: {
                  key: { type: 'string', enum: ['node.uid'], description: 'Only `node.uid`.' },
                  values: { type: 'array', maxItems: 256, description: 'Node UIDs.', items: str('Node UID.', 64) },
                  operator: { type: 'string', enum: ['In'], description: 'Only `In`.' },
                },
              },
            },
          },
        },
        snapshot: {
          type: 'boolean',
          default: false,
          description: 'Back up the control plane (master snapshot, 004 §4.3.9) after each pre-check, before the upgrade call.',
        },
      },
    },
    deleteOptions: {
      type: 'object',
      description: 'Query options of the CCE delete-cluster call (sent as given): what to delete with the cluster.',
      properties: {
        delete_efs: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's SFS Turbo volumes: true/try/block/false/skip.",
        },
        delete_eni: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's ENIs: true/try/block/false/skip.",
        },
        delete_evs: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's EVS disks: true/try/block/false/skip.",
        },
        delete_net: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's network resources (security groups, ...): true/try/block/false/skip.",
        },
        delete_obs: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's OBS buckets: true/try/block/false/skip.",
        },
        delete_sfs: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's SFS file systems: true/try/block/false/skip.",
        },
        delete_sfs30: {
          type: 'string',
          enum: ['true', 'block', 'try', 'false', 'skip'],
          description: "Delete the cluster's SFS 3.0 file systems: true/try/block/false/skip.",
        },
        lts_reclaim_policy: {
          type: 'string',
          enum: ['Delete_Log_Group', 'Delete_Master_Log_Stream', 'Retain'],
          description: "What happens to the cluster's LTS logs.",
        },
      },
    },
    metadata: {
      type: 'object',
      description: "The cloud cluster's metadata. `name` defaults to this object's name.",
      properties: {
        name: {
          type: 'string',
          minLength: CLUSTER_NAME.min,
          maxLength: CLUSTER_NAME.max,
          pattern: CLUSTER_NAME.pattern,
          description: 'Cluster name: 4-128 chars, lower-case letters, digits and -, starting with a letter, not ending with -.',
        },
        alias: str('Display name (Autopilot; updatable).', 128),
        labels: stringMap('Cluster labels (system-managed by CCE; not persisted by the API).'),
        annotations: stringMap('Creation annotations, e.g. `cluster.install.addons/install` (not persisted by the API).'),
      },
    },
    category: { type: 'string', enum: ['CCE', 'Turbo'], description: 'CCE or Turbo (Autopilot: Turbo only).' },
    type: { type: 'string', enum: ['VirtualMachine', 'ARM64'], description: 'Master architecture.' },
    flavor: str('Cluster flavor, e.g. `cce.s1.small`, `cce.s2.medium`, or `cce.autopilot.cluster` for Autopilot.', 64),
    version: {
      type: 'string',
      maxLength: 32,
      pattern: '^v[0-9]+\\.[0-9]+(\\.[0-9]+)?(-r[0-9]+)?$',
      description: 'Kubernetes version, e.g. `v1.29` (Autopilot) or `v1.28.3-r0`. Changing it upgrades the cluster, one minor at a time.',
    },
    description: { type: 'string', maxLength: 200, description: 'Description (updatable).' },
    ipv6enable: { type: 'boolean', description: 'IPv6 support (standard CCE).' },
    hostNetwork: {
      type: 'object',
      description: 'The control plane network: VPC, subnet and default node security group. Immutable.',
      required: ['vpc'],
      properties: {
        vpc: str('VPC ID of the control plane.', 64),
        subnet: str('Subnet network ID of the control plane.', 64),
        securityGroup: str('Default node security group ID.', 64),
      },
    },
    containerNetwork: {
      type: 'object',
      description: 'The container network: model and CIDR. Immutable.',
      required: ['mode'],
      properties: {
        mode: {
          type: 'string',
          enum: ['overlay_l2', 'vpc-router', 'underlay_ipvlan', 'eni'],
          description: 'Container network model (Autopilot: eni).',
        },
        cidr: str('Container CIDR.', 64),
      },
    },
    eniNetwork: {
      type: 'object',
      description: 'ENI network (Autopilot, and standard CCE Turbo clusters): the container subnets.',
      properties: { subnets: { ...subnetList, description: 'IPv4 subnets of the containers; entries can be added, never removed.' } },
    },
    serviceNetwork: { type: 'object', description: 'The Service network. Immutable.', properties: { IPv4CIDR: str('Service CIDR.', 64) } },
    authentication: {
      type: 'object',
      description: "The cluster's authentication. Immutable.",
      properties: {
        mode: { type: 'string', enum: ['rbac', 'authenticating_proxy', 'x509'], description: 'Authentication mode (`rbac` by default).' },
        authenticatingProxy: {
          type: 'object',
          description: 'With mode authenticating_proxy: the proxy CA.',
          properties: { ca: str('Base64 CA certificate.', 1048576) },
        },
      },
    },
    billingMode: { type: 'integer', enum: [0], description: 'Billing mode: 0 = on demand.' },
    masters: {
      type: 'array',
      maxItems: 3,
      description: 'Control plane nodes: their availability zones (one, or three for a multi-AZ control plane). Immutable.',
      items: {
        type: 'object',
        required: ['availabilityZone'],
        properties: { availabilityZone: str('AZ.', 64), flavor: str('Flavor.', 64), faultDomain: str('Fault domain.', 64) },
      },
    },
    kubernetesSvcIpRange: str('Service CIDR (deprecated on Autopilot: use serviceNetwork).', 64),
    clusterTags: {
      type: 'array',
      maxItems: 20,
      description: 'Cluster resource tags (kept in sync through the tags API).',
      items: { type: 'object', required: ['key'], properties: { key: str('Tag key.', 128), value: str('Tag value.', 255) } },
    },
    kubeProxyMode: { type: 'string', enum: ['iptables', 'ipvs'], description: 'kube-proxy forwarding mode. Immutable.' },
    extendParam: stringMap('extendParam key/values, e.g. clusterAZ, enterpriseProjectId.'),
    enableSnat: { type: 'boolean', description: 'Autopilot: configure SNAT at creation.' },
    enableSWRImageAccess: { type: 'boolean', description: 'Autopilot: configure image access at creation.' },
    enableAutopilot: {
      type: 'boolean',
      default: false,
      description: 'true = a CCE Autopilot cluster (Autopilot API and fixed values). Immutable.',
    },
    customSan: {
      type: 'array',
      maxItems: 32,
      description: "Extra subject alternative names of the API server's certificate (updatable).",
      items: str('SAN (IP or domain).', 253),
    },
  },
} as const satisfies JsonSchema;

export const clusterStatusSchema = {
  type: 'object',
  description:
    'What the operator last observed in the cloud and did: phase, IDs, versions, endpoints, the upgrade in progress, conditions.',
  properties: {
    ...commonStatusProperties,
    clusterID: str('CCE cluster ID (metadata.uid).', 64),
    currentVersion: str('Kubernetes version the cloud reports.', 64),
    platformVersion: str('CCE platform version.', 64),
    endpoints: {
      type: 'array',
      description: "The API server's addresses as the cloud reports them: Internal (in the VPC) and, with a master EIP, External.",
      items: { type: 'object', properties: { url: str('kube-apiserver URL.', 512), type: str('Internal or External.', 32) } },
    },
    appliedMasterEIP: str('The master EIP the operator bound (unbound when spec.masterEIP is removed).', 64),
    upgrade: {
      type: 'object',
      description: 'The upgrade in progress (one minor version at a time).',
      properties: {
        path: {
          type: 'array',
          maxItems: 32,
          description: "The planned path: each step's target version, in order, ending at spec.version (from the cloud's upgrade paths).",
          items: str('Target version of a step.', 64),
        },
        targetVersion: str('Version of the current step.', 64),
        step: { type: 'string', enum: ['PreCheck', 'Snapshot', 'Upgrade', 'PostCheck'], description: 'The stage of the current step.' },
        taskID: str('Upgrade, pre-check or snapshot task ID.', 128),
        failedCheckItems: {
          type: 'array',
          maxItems: 64,
          description:
            'The pre-check items that did not pass, by the names the cloud returns (skip one with upgradePolicy.skippedCheckItemList).',
          items: {
            type: 'object',
            properties: {
              name: str('Check item name.', 128),
              kind: str('Check item kind.', 64),
              phase: str('Its phase, e.g. Failed.', 32),
              message: str("The cloud's message.", 1024),
            },
          },
        },
        fromVersion: str('Version the cluster ran when this step started (the post-check names it).', 64),
        retried: str('The value of annotation cce.operator.dev/retry-upgrade last acted on.', 256),
      },
    },
    appliedClusterTags: {
      type: 'array',
      description: 'Cluster tags as last applied (the cluster API does not return them).',
      items: { type: 'object', required: ['key'], properties: { key: str('Tag key.', 128), value: str('Tag value.', 255) } },
    },
    kubeconfig: {
      type: 'object',
      description: 'The exported kubeconfig (spec.kubeconfigSecretRef): where it is and when its certificate expires.',
      properties: {
        secretName: str('Secret holding the kubeconfig.', 253),
        server: str('The API server address the exported kubeconfig uses.', 512),
        endpointType: str('Which of status.endpoints that is: External or Internal.', 32),
        expiresAt: { type: 'string', format: 'date-time', description: 'When the certificate expires.' },
        fetchedAt: { type: 'string', format: 'date-time', description: 'When the certificate was fetched.' },
      },
    },
  },
} as const satisfies JsonSchema;
