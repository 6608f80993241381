/**
 * CceClusterRegistration spec and status schemas. A registration names a CceCluster (`clusterRef`) and one place
 * where work runs on it: a PaddleFlow server's cluster registry (`paddleflow`, its REST API below /api/paddleflow/v1
 * with PaddleFlow's own field names) or Argo CD (`argocd`, a declarative cluster Secret). What is registered about the
 * cluster (endpoint, version, kubeconfig, online/offline) comes from the CceCluster; the spec holds only what the
 * registry needs besides.
 */
import { commonSpecProperties, commonStatusProperties, objectNameSchema, str } from '../common-schema.js';
import type { JsonSchema } from '../crd-builder.js';

/** PaddleFlow's common.RegPatternClusterName (2-255 characters). */
export const PADDLEFLOW_NAME_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9-_]{0,253}[A-Za-z0-9_]$';
export const DNS1123_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const HTTP_URL_PATTERN = '^https?://[^\\s/?#]+(/[^\\s?#]*)?$';

/** Labels the operator sets on an Argo CD cluster Secret itself (spec.argocd.labels may not name them). */
export const ARGOCD_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export const registrationSpecSchema = {
  type: 'object',
  description: 'The CceCluster to register, and where: PaddleFlow (paddleflow) or Argo CD (argocd), exactly one.',
  required: ['clusterRef'],
  properties: {
    clusterRef: {
      type: 'object',
      description:
        'The CceCluster (same namespace) to register. It is registered once it is Ready and has exported its kubeconfig ' +
        '(its spec.kubeconfigSecretRef); its API endpoint (the External one when it has one), Kubernetes version and ' +
        'kubeconfig are what the registry gets, kept current as they change. When it is deleted, the registration is ' +
        'withdrawn (unless deletionPolicy is Orphan). Immutable.',
      required: ['name'],
      properties: { name: objectNameSchema('Name of the CceCluster (a Kubernetes object name).') },
    },
    deletionPolicy: {
      ...commonSpecProperties.deletionPolicy,
      description: '`Delete` removes the record from the registry when this object or its CceCluster is deleted; `Orphan` leaves it there.',
    },
    managementPolicy: {
      ...commonSpecProperties.managementPolicy,
      description:
        '`Full`: the operator creates, updates and removes the record. `ObserveOnly`: it only reads the record and reports drift.',
    },
    paddleflow: {
      type: 'object',
      description: "Register the cluster in a PaddleFlow server's cluster registry (one record, named clusterName).",
      required: ['server', 'credentialsSecretRef'],
      properties: {
        server: {
          type: 'string',
          maxLength: 512,
          pattern: HTTP_URL_PATTERN,
          description:
            'PaddleFlow server URL, e.g. `http://paddleflow-server.paddleflow:8999` (its API is below /api/paddleflow/v1). Immutable.',
        },
        credentialsSecretRef: {
          type: 'object',
          description:
            'Secret (same namespace) holding the PaddleFlow credentials: keys `username` and `password` (PaddleFlow lets ' +
            'only its root user manage clusters), or `token` (an `x-pf-authorization` token from /login). Never logged, ' +
            'never copied into status or Events; the Secret is protected by a finalizer while registrations use it.',
          required: ['name'],
          properties: { name: str('Name of the Secret.', 253) },
        },
        clusterName: {
          type: 'string',
          minLength: 2,
          maxLength: 255,
          pattern: PADDLEFLOW_NAME_PATTERN,
          description:
            "The record's name in PaddleFlow (`clusterName`, the key of every PaddleFlow call). Default: the CceCluster's name. " +
            'A record of this name that exists already is adopted. Immutable.',
        },
        description: {
          type: 'string',
          maxLength: 2048,
          description: "The record's `description`. Unset: PaddleFlow's is left alone (PaddleFlow's update ignores an empty one).",
        },
        namespaceList: {
          type: 'array',
          maxItems: 256,
          description: "The record's `namespaceList`: namespaces PaddleFlow may run jobs in. Unset: PaddleFlow's is left alone.",
          items: { type: 'string', maxLength: 63, pattern: DNS1123_LABEL_PATTERN, description: 'A namespace (a DNS-1123 label).' },
        },
        setting: {
          type: 'string',
          maxLength: 65536,
          description: "The record's `setting`: extra configuration, as PaddleFlow stores it. Unset: PaddleFlow's is left alone.",
        },
      },
    },
    argocd: {
      type: 'object',
      description:
        "Register the cluster in Argo CD: a cluster Secret (label argocd.argoproj.io/secret-type: cluster) in Argo CD's " +
        "namespace, named `cce-<this object's name>`, labelled as managed by cce-operator. A Secret of that name that " +
        'cce-operator did not create is never overwritten.',
      properties: {
        namespace: { ...str("Argo CD's namespace. Immutable.", 63), pattern: DNS1123_LABEL_PATTERN, default: 'argocd' },
        clusterName: str(
          "The cluster's `name` in Argo CD (what Applications' destination.name refers to). Default: the CceCluster's name.",
          253,
        ),
        project: str('The Argo CD project (AppProject) the cluster belongs to (`project`). Unset: a global cluster.', 253),
        labels: {
          type: 'object',
          description: 'Extra labels on the cluster Secret, e.g. for ApplicationSet cluster generators.',
          maxProperties: 32,
          additionalProperties: { type: 'string', maxLength: 63 },
        },
      },
    },
  },
} as const satisfies JsonSchema;

export const registrationStatusSchema = {
  type: 'object',
  description: 'The record in the registry as the operator last wrote and observed it, conditions.',
  properties: {
    ...commonStatusProperties,
    registrationID: str("The record's id in the registry: PaddleFlow's clusterId, or the Argo CD cluster Secret's uid.", 128),
    target: { type: 'string', enum: ['paddleflow', 'argocd'], description: 'Where the cluster is registered.' },
    recordName: str('The record: its PaddleFlow clusterName, or the Argo CD cluster Secret as <namespace>/<name>.', 512),
    registryStatus: str("PaddleFlow: the record's status, `online`, or `offline` while the CceCluster is hibernated.", 32),
    endpoint: str('The API endpoint the registry holds for the cluster.', 512),
    version: str('PaddleFlow: the Kubernetes version the record holds.', 64),
    pushed: {
      type: 'object',
      description:
        'What the operator last pushed to the registry (a hash of the record it sent; the credential enters only as its own hash).',
      properties: {
        hash: str("sha256 of the canonical JSON of the record sent, its credential replaced by the credential's hash.", 80),
        at: { type: 'string', format: 'date-time', description: 'When it was sent.' },
      },
    },
  },
} as const satisfies JsonSchema;
