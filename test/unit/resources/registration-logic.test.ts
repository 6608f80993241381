// CceClusterRegistration's own logic, table-driven: the record bodies (PaddleFlow, Argo CD), the field rows through
// fieldDiffs, the gate, the kubeconfig handling, the registry clients' error typing and token handling, the verbs
// against fake registries, and the withdraw hook through the managed ladder.
import type { V1Secret } from '@kubernetes/client-node';
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { CLUSTER_RESOURCE } from '../../../operator/resources/cluster-ref.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { CredentialsError } from '../../../operator/resources/credentials.js';
import { fieldDiffs, valueHash } from '../../../operator/resources/field-diff.js';
import { celName, celRules, unobservedFields } from '../../../operator/resources/field-rules.js';
import type { ManagedKind } from '../../../operator/resources/managed/kind.js';
import { FINALIZER, ManagedReason } from '../../../operator/resources/managed/reasons.js';
import { CACHE_LAG_RETRY_MS, managedController } from '../../../operator/resources/managed/reconciler.js';
import type { ArgoSecrets } from '../../../operator/resources/registration/argocd-client.js';
import { paddleflowCredentials } from '../../../operator/resources/registration/clients.js';
import { cceclusterregistrationCrd } from '../../../operator/resources/registration/crd.js';
import {
  argocdExternal,
  argocdSecret,
  fromSecret,
  paddleflowBody,
  paddleflowExternal,
  pushedHash,
  type PaddleFlowApi,
} from '../../../operator/resources/registration/external.js';
import { KUBECONFIG_ROW, kubeconfigIdentity, registrationFields } from '../../../operator/resources/registration/fields.js';
import { pickEndpoint, registrationGate, registrationTarget } from '../../../operator/resources/registration/gate.js';
import { registrationKind } from '../../../operator/resources/registration/kind.js';
import {
  argocdConfig,
  contextFor,
  paddleflowCredential,
  parseKubeconfig,
  type Kubeconfig,
} from '../../../operator/resources/registration/kubeconfig.js';
import { PaddleFlowClient, paddleflowError, type PfClusterInfo } from '../../../operator/resources/registration/paddleflow-client.js';
import { Reason } from '../../../operator/resources/registration/reasons.js';
import type { CceClusterRegistration, Registered, RegistrationScope } from '../../../operator/resources/registration/types.js';
import type { Terminal, Transient } from '../../../operator/runtime/result.js';
import { World } from './managed/harness.js';

// ---- fixtures ----

const KUBECONFIG = JSON.stringify({
  kind: 'Config',
  apiVersion: 'v1',
  clusters: [
    { name: 'internalCluster', cluster: { server: 'https://192.168.1.11:5443', 'certificate-authority-data': 'Q0E=' } },
    { name: 'externalCluster', cluster: { server: 'https://100.1.2.3:5443', 'insecure-skip-tls-verify': true } },
  ],
  users: [{ name: 'user', user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' } }],
  contexts: [
    { name: 'internal', context: { cluster: 'internalCluster', user: 'user' } },
    { name: 'external', context: { cluster: 'externalCluster', user: 'user' } },
  ],
  'current-context': 'internal',
});
const kc = parseKubeconfig(KUBECONFIG) as Kubeconfig;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

type PfSpec = NonNullable<CceClusterRegistration['spec']['paddleflow']>;
type ArgoSpec = NonNullable<CceClusterRegistration['spec']['argocd']>;

const pfReg = (
  pf: Partial<PfSpec> = {},
  extra: Partial<CceClusterRegistration['spec']> = {},
  status?: CceClusterRegistration['status'],
): CceClusterRegistration => ({
  apiVersion: 'cce.operator.dev/v1alpha1',
  kind: 'CceClusterRegistration',
  metadata: { name: 'reg', namespace: 'ns', uid: 'uid-reg', generation: 1 },
  spec: {
    clusterRef: { name: 'demo' },
    deletionPolicy: 'Delete',
    managementPolicy: 'Full',
    paddleflow: { server: 'http://pf:8999', credentialsSecretRef: { name: 'pf' }, ...pf },
    ...extra,
  },
  ...(status ? { status } : {}),
});
const argoReg = (a: ArgoSpec = {}, status?: CceClusterRegistration['status']): CceClusterRegistration => ({
  apiVersion: 'cce.operator.dev/v1alpha1',
  kind: 'CceClusterRegistration',
  metadata: { name: 'reg', namespace: 'ns', uid: 'uid-reg', generation: 1 },
  spec: { clusterRef: { name: 'demo' }, deletionPolicy: 'Delete', managementPolicy: 'Full', argocd: a },
  ...(status ? { status } : {}),
});
const view = (extra: Partial<NonNullable<RegistrationScope['cluster']>> = {}): NonNullable<RegistrationScope['cluster']> => ({
  endpoint: 'https://192.168.1.11:5443',
  version: 'v1.28.15-r0',
  hibernated: false,
  kubeconfig: KUBECONFIG,
  issuedAt: '2026-12-05T00:00:00Z',
  ...extra,
});
/** `null`: the gate gives no cluster (held). */
const pfScope = (c: Partial<NonNullable<RegistrationScope['cluster']>> | null = {}): RegistrationScope => ({
  target: 'paddleflow',
  name: 'demo',
  ...(c ? { cluster: view(c) } : {}),
});
const argoScope = (c: Partial<NonNullable<RegistrationScope['cluster']>> | null = {}): RegistrationScope => ({
  target: 'argocd',
  name: 'cce-reg',
  namespace: 'argocd',
  ...(c ? { cluster: view(c) } : {}),
});
const pfRecord = (extra: Partial<Registered> = {}): Registered => ({
  target: 'paddleflow',
  id: 'cluster-1',
  name: 'demo',
  endpoint: 'https://192.168.1.11:5443',
  clusterType: 'kubernetes',
  version: 'v1.28.15-r0',
  source: 'CCE',
  status: 'online',
  description: '',
  setting: '',
  namespaceList: [],
  ...extra,
});
const argoRecord = (extra: Partial<Registered> = {}): Registered => ({
  target: 'argocd',
  id: 'secret-uid',
  name: 'demo',
  endpoint: 'https://192.168.1.11:5443',
  project: '',
  labels: {},
  secret: 'argocd/cce-reg',
  managed: true,
  deleting: false,
  ...extra,
});
/** The applied hashes of a registration whose kubeconfig (as in `scope`) was pushed. */
const pushed = (scope: RegistrationScope) => ({ appliedHashes: { [KUBECONFIG_ROW]: valueHash(kubeconfigIdentity(scope)) } });

const cluster = (
  o: {
    ready?: boolean;
    deleting?: boolean;
    ref?: boolean;
    exported?: boolean;
    phase?: string;
    endpoints?: { url: string; type: string }[];
  } = {},
): CceCluster => ({
  apiVersion: 'cce.operator.dev/v1alpha1',
  kind: 'CceCluster',
  metadata: {
    name: 'demo',
    namespace: 'ns',
    generation: 2,
    ...(o.deleting ? { deletionTimestamp: new Date('2026-12-05T00:00:00Z') } : {}),
  },
  spec: {
    region: 'r',
    projectID: 'p',
    flavor: 'cce.s1.small',
    version: 'v1.28',
    hostNetwork: { vpc: 'v' },
    containerNetwork: { mode: 'overlay_l2' },
    enableAutopilot: false,
    hibernate: false,
    ...(o.ref === false ? {} : { kubeconfigSecretRef: { name: 'demo-kubeconfig' } }),
  },
  status: {
    clusterID: 'cid',
    currentVersion: 'v1.28.15-r0',
    phase: o.phase ?? 'Available',
    endpoints: o.endpoints ?? [{ url: 'https://192.168.1.11:5443', type: 'Internal' }],
    ...(o.exported === false ? {} : { kubeconfig: { secretName: 'demo-kubeconfig', fetchedAt: '2026-12-05T00:00:00Z' } }),
    conditions: [
      {
        type: 'Ready',
        status: o.ready === false ? 'False' : 'True',
        reason: o.ready === false ? 'Upgrading' : 'Available',
        message: '',
        observedGeneration: 2,
        lastTransitionTime: '2026-12-05T00:00:00Z',
      },
    ],
  },
});

// ---- the record bodies ----

describe('resources/registration: the PaddleFlow record body', () => {
  const cases = {
    'awake cluster, create': {
      reason:
        'the cluster as it is: endpoint, kubernetes + version, source CCE, online, the kubeconfig as exported (base64); optional fields absent',
      obj: pfReg(),
      scope: pfScope(),
      credential: true,
      want: {
        clusterName: 'demo',
        endpoint: 'https://192.168.1.11:5443',
        clusterType: 'kubernetes',
        version: 'v1.28.15-r0',
        source: 'CCE',
        status: 'online',
        credential: b64(KUBECONFIG),
      },
    },
    hibernated: {
      reason: 'a hibernated cluster is offline',
      obj: pfReg(),
      scope: pfScope({ hibernated: true }),
      credential: false,
      want: {
        clusterName: 'demo',
        endpoint: 'https://192.168.1.11:5443',
        clusterType: 'kubernetes',
        version: 'v1.28.15-r0',
        source: 'CCE',
        status: 'offline',
      },
    },
    'spec fields': {
      reason: "the spec's description, setting and namespaceList go as given (empty ones too)",
      obj: pfReg({ description: 'gpu pool', setting: '{"a":1}', namespaceList: ['default', 'paddle'] }),
      scope: pfScope(),
      credential: false,
      want: {
        clusterName: 'demo',
        endpoint: 'https://192.168.1.11:5443',
        clusterType: 'kubernetes',
        version: 'v1.28.15-r0',
        source: 'CCE',
        status: 'online',
        description: 'gpu pool',
        setting: '{"a":1}',
        namespaceList: ['default', 'paddle'],
      },
    },
    'external endpoint': {
      reason: "the kubeconfig's current context is switched to the one serving the registered endpoint",
      obj: pfReg(),
      scope: pfScope({ endpoint: 'https://100.1.2.3:5443' }),
      credential: true,
      want: {
        clusterName: 'demo',
        endpoint: 'https://100.1.2.3:5443',
        clusterType: 'kubernetes',
        version: 'v1.28.15-r0',
        source: 'CCE',
        status: 'online',
        credential: b64(stringify({ ...JSON.parse(KUBECONFIG), 'current-context': 'external' })),
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(paddleflowBody(c.obj, c.scope, c.credential)).to.deep.equal(c.want));
  }
  it('status.pushed.hash never carries the credential, and changes with it', () => {
    const body = paddleflowBody(pfReg(), pfScope(), true);
    const rotated = paddleflowBody(pfReg(), pfScope({ kubeconfig: KUBECONFIG.replace('Q0VSVA==', 'TkVX') }), true);
    expect({
      hash: pushedHash(body),
      same: pushedHash(body) === pushedHash(rotated),
      leaks: pushedHash(body).includes(b64(KUBECONFIG).slice(0, 12)),
    }).to.deep.equal({
      hash: valueHash({ ...body, credential: `sha256:${sha(body.credential as string)}` }),
      same: false,
      leaks: false,
    });
  });
});

describe('resources/registration: the Argo CD cluster Secret', () => {
  const secret = (data: Record<string, string>, labels: Record<string, string> = {}): V1Secret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'cce-reg',
      namespace: 'argocd',
      labels: { ...labels, 'argocd.argoproj.io/secret-type': 'cluster', 'app.kubernetes.io/managed-by': 'cce-operator' },
      annotations: { 'cce.operator.dev/registration': 'ns/reg' },
    },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  });
  const config = JSON.stringify({ tlsClientConfig: { insecure: false, caData: 'Q0E=', certData: 'Q0VSVA==', keyData: 'S0VZ' } });
  const cases = {
    defaults: {
      reason: "name = the CceCluster's, server = the endpoint, config = the TLS client config of its kubeconfig context, no project",
      obj: argoReg(),
      want: secret({ name: 'demo', server: 'https://192.168.1.11:5443', config }),
    },
    'name, project, labels': {
      reason: 'the spec names the cluster and its project; its labels join the two the operator sets',
      obj: argoReg({ clusterName: 'prod-1', project: 'team-a', labels: { env: 'prod' } }),
      want: secret({ name: 'prod-1', server: 'https://192.168.1.11:5443', config, project: 'team-a' }, { env: 'prod' }),
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(argocdSecret(c.obj, argoScope())).to.deep.equal(c.want));
  }
  it("reads back as the record it wrote (labels beyond the operator's own, the decoded fields)", () => {
    const s = argocdSecret(argoReg({ project: 'p', labels: { env: 'prod' } }), argoScope());
    s.metadata = { ...s.metadata, uid: 'u-1', resourceVersion: '7' };
    expect(fromSecret(s)).to.deep.equal({
      target: 'argocd',
      id: 'u-1',
      name: 'demo',
      endpoint: 'https://192.168.1.11:5443',
      project: 'p',
      labels: { env: 'prod' },
      secret: 'argocd/cce-reg',
      managed: true,
      deleting: false,
      resourceVersion: '7',
    });
  });
});

describe('resources/registration: the exported kubeconfig', () => {
  const cases = {
    'internal endpoint': { reason: 'the context whose cluster serves it', endpoint: 'https://192.168.1.11:5443', want: 'internal' },
    'external endpoint': { reason: 'the context whose cluster serves it', endpoint: 'https://100.1.2.3:5443/', want: 'external' },
    'unknown endpoint': { reason: 'the current context', endpoint: 'https://elsewhere', want: 'internal' },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(contextFor(kc, c.endpoint)?.name).to.equal(c.want));
  }
  const configs = {
    'client certificate': {
      reason: 'CA, certificate and key as base64 PEM',
      endpoint: 'https://192.168.1.11:5443',
      want: { tlsClientConfig: { insecure: false, caData: 'Q0E=', certData: 'Q0VSVA==', keyData: 'S0VZ' } },
    },
    'insecure cluster': {
      reason: 'insecure-skip-tls-verify carries over',
      endpoint: 'https://100.1.2.3:5443',
      want: { tlsClientConfig: { insecure: true, certData: 'Q0VSVA==', keyData: 'S0VZ' } },
    },
  };
  for (const [name, c] of Object.entries(configs)) {
    it(`Argo CD config, ${name}: ${c.reason}`, () => expect(argocdConfig(kc, c.endpoint)).to.deep.equal(c.want));
  }
  it('Argo CD config of a token user: bearerToken', () => {
    const withToken = { ...kc, users: [{ name: 'user', user: { token: 't0k' } }] };
    expect(argocdConfig(withToken, 'https://192.168.1.11:5443')).to.deep.equal({
      bearerToken: 't0k',
      tlsClientConfig: { insecure: false, caData: 'Q0E=' },
    });
  });
  const problems = {
    'not YAML': { reason: 'named, never quoted', text: '{{{', want: { problem: 'is not YAML or JSON' } },
    'a list': { reason: 'not an object', text: '[1]', want: { problem: 'is not a kubeconfig object' } },
    'no contexts': {
      reason: 'nothing to connect with',
      text: '{"clusters":[{"name":"a","cluster":{}}]}',
      want: { problem: 'has no clusters or contexts' },
    },
  };
  for (const [name, c] of Object.entries(problems)) {
    it(`parse, ${name}: ${c.reason}`, () => expect(parseKubeconfig(c.text)).to.deep.equal(c.want));
  }
  it('the PaddleFlow credential is the exported text when its current context already serves the endpoint', () => {
    expect(paddleflowCredential(KUBECONFIG, kc, 'https://192.168.1.11:5443')).to.equal(b64(KUBECONFIG));
  });
});

// ---- the field table ----

describe('resources/registration: field rows through fieldDiffs', () => {
  const cases = {
    'in sync': {
      reason: 'the record holds the cluster as it is, the kubeconfig pushed',
      obj: pfReg({}, {}, pushed(pfScope())),
      r: pfRecord(),
      scope: pfScope(),
      observeOnly: false,
      want: [],
    },
    'endpoint moved': {
      reason: "the record's endpoint is compared with the cluster's",
      obj: pfReg({}, {}, pushed(pfScope())),
      r: pfRecord({ endpoint: 'https://old:5443' }),
      scope: pfScope(),
      observeOnly: false,
      want: [
        { path: 'cluster.endpoint', desired: 'https://192.168.1.11:5443', observed: 'https://old:5443', via: 'update', byHash: false },
      ],
    },
    'upgraded and hibernated': {
      reason: 'version and online/offline follow the cluster',
      obj: pfReg({}, {}, pushed(pfScope({ version: 'v1.29.8-r0', hibernated: true }))),
      r: pfRecord(),
      scope: pfScope({ version: 'v1.29.8-r0', hibernated: true }),
      observeOnly: false,
      want: [
        { path: 'cluster.version', desired: 'v1.29.8-r0', observed: 'v1.28.15-r0', via: 'update', byHash: false },
        { path: 'cluster.status', desired: 'offline', observed: 'online', via: 'update', byHash: false },
      ],
    },
    'kubeconfig rotated': {
      reason: 'a new export (even with the same content) is one hash difference; the hash holds no kubeconfig',
      obj: pfReg({}, {}, pushed(pfScope())),
      r: pfRecord(),
      scope: pfScope({ issuedAt: '2026-12-06T00:00:00Z' }),
      observeOnly: false,
      want: [
        {
          path: 'cluster.kubeconfig',
          desired: { sha256: sha(KUBECONFIG), issuedAt: '2026-12-06T00:00:00Z' },
          observed: valueHash({ sha256: sha(KUBECONFIG), issuedAt: '2026-12-05T00:00:00Z' }),
          via: 'update',
          byHash: true,
        },
      ],
    },
    'never pushed': {
      reason: 'an adopted record gets the kubeconfig once (no hash recorded)',
      obj: pfReg(),
      r: pfRecord(),
      scope: pfScope(),
      observeOnly: false,
      want: [
        {
          path: 'cluster.kubeconfig',
          desired: { sha256: sha(KUBECONFIG), issuedAt: '2026-12-05T00:00:00Z' },
          observed: undefined,
          via: 'update',
          byHash: true,
        },
      ],
    },
    'ObserveOnly': {
      reason: 'hash rows are skipped: nothing was pushed by this object',
      obj: pfReg(),
      r: pfRecord(),
      scope: pfScope(),
      observeOnly: true,
      want: [],
    },
    'spec fields': {
      reason: "description, namespaceList and setting are compared with the record's; source and type are the operator's",
      obj: pfReg({ description: 'd', namespaceList: ['a'], setting: 's' }, {}, pushed(pfScope())),
      r: pfRecord({ source: 'OnPremise' }),
      scope: pfScope(),
      observeOnly: false,
      want: [
        { path: 'spec.paddleflow.description', desired: 'd', observed: '', via: 'update', byHash: false },
        { path: 'spec.paddleflow.namespaceList', desired: ['a'], observed: [], via: 'update', byHash: false },
        { path: 'spec.paddleflow.setting', desired: 's', observed: '', via: 'update', byHash: false },
        {
          path: 'cluster.source',
          desired: { source: 'CCE', clusterType: 'kubernetes' },
          observed: { source: 'OnPremise', clusterType: 'kubernetes' },
          via: 'update',
          byHash: false,
        },
      ],
    },
    'cluster held': {
      reason: 'without the cluster in the scope only the spec rows are compared',
      obj: pfReg({ description: 'd' }),
      r: pfRecord({ endpoint: 'https://old:5443' }),
      scope: pfScope(null),
      observeOnly: false,
      want: [{ path: 'spec.paddleflow.description', desired: 'd', observed: '', via: 'update', byHash: false }],
    },
    'Argo CD': {
      reason: "PaddleFlow's rows do not apply; name, project and labels are the Secret's",
      obj: argoReg({ clusterName: 'prod', project: 'p', labels: { env: 'prod' } }, pushed(argoScope())),
      r: argoRecord(),
      scope: argoScope(),
      observeOnly: false,
      want: [
        { path: 'spec.argocd.clusterName', desired: 'prod', observed: 'demo', via: 'update', byHash: false },
        { path: 'spec.argocd.project', desired: 'p', observed: '', via: 'update', byHash: false },
        { path: 'spec.argocd.labels', desired: { env: 'prod' }, observed: {}, via: 'update', byHash: false },
      ],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(fieldDiffs(registrationFields, c.obj, c.r, c.observeOnly, c.scope)).to.deep.equal(c.want));
  }
  it('generates CEL only for spec rows, and lists the kubeconfig as unobserved', () => {
    expect({
      cel: celRules(registrationFields).map((r) => r.message),
      unobserved: unobservedFields(registrationFields),
      crdRules: cceclusterregistrationCrd.spec.versions[0]?.schema.openAPIV3Schema.properties?.spec?.['x-kubernetes-validations']?.length,
    }).to.deep.equal({
      cel: [
        'spec.clusterRef is immutable',
        'spec.paddleflow.server is immutable',
        'spec.paddleflow.clusterName is immutable',
        'spec.argocd.namespace is immutable',
      ],
      unobserved: ['cluster.kubeconfig'],
      crdRules: 7,
    });
  });
  const names = {
    plain: { reason: 'as is', name: 'server', want: 'server' },
    'reserved word': { reason: 'Kubernetes escapes CEL keywords (namespace is one)', name: 'namespace', want: '__namespace__' },
    punctuation: {
      reason: 'dashes, slashes and double underscores are escaped',
      name: 'a-b/c__d',
      want: 'a__dash__b__slash__c__underscores__d',
    },
  };
  for (const [name, c] of Object.entries(names)) {
    it(`CEL property name, ${name}: ${c.reason}`, () => expect(celName(c.name)).to.equal(c.want));
  }
  it('the immutable rule of spec.argocd.namespace writes the CEL keyword escaped', () => {
    expect(celRules(registrationFields).find((r) => r.message === 'spec.argocd.namespace is immutable')?.rule).to.equal(
      '(has(self.argocd) && has(self.argocd.__namespace__)) == (has(oldSelf.argocd) && has(oldSelf.argocd.__namespace__)) && ' +
        '(!(has(self.argocd) && has(self.argocd.__namespace__)) || self.argocd.__namespace__ == oldSelf.argocd.__namespace__)',
    );
  });
  it("a PaddleFlow field cleared in the spec names PaddleFlow's limitation", () => {
    const row = registrationFields.find((f) => f.path === 'paddleflow.description');
    expect([row?.limitation?.(pfReg({ description: '' })), row?.limitation?.(pfReg({ description: 'x' }))]).to.deep.equal([
      "PaddleFlow's update leaves description as it is when sent empty: clear it in PaddleFlow, or unset spec.paddleflow.description",
      undefined,
    ]);
  });
});

// ---- target and gate ----

describe('resources/registration: target and gate', () => {
  const secrets = (data: Record<string, string> | undefined) => ({ read: async () => data });
  const kubeconfigSecret = { kubeconfig: KUBECONFIG };
  const ctxWith = (c: CceCluster | undefined) => ({ lookup: <T>() => c as T | undefined });
  const recorded = { registrationID: 'cluster-1' };
  const deleting = (o: CceClusterRegistration): CceClusterRegistration => ({
    ...o,
    metadata: { ...o.metadata, deletionTimestamp: new Date('2026-12-05T00:00:00Z') },
  });
  const held = (reason: string, message: string) => ({ state: 'hold', scope: pfScope(null), reason, message });
  const wait = (reason: string, message: string) => ({ state: 'wait', reason, message });
  const cases = {
    'deleting registration': {
      reason: 'only the record name is needed, whatever the cluster',
      obj: deleting(pfReg()),
      cluster: undefined,
      data: undefined,
      want: { state: 'go', scope: pfScope(null) },
    },
    'no cluster, nothing recorded': {
      reason: 'a wait, without calling the registry',
      obj: pfReg(),
      cluster: undefined,
      data: undefined,
      want: wait('WaitingForCluster', 'CceCluster demo does not exist in namespace ns: nothing to register'),
    },
    'cluster gone, record known': {
      reason: 'hold with the withdrawal (kind.ts removes the record)',
      obj: pfReg({}, {}, recorded),
      cluster: undefined,
      data: undefined,
      want: {
        state: 'hold',
        scope: { ...pfScope(null), withdraw: 'CceCluster demo does not exist in namespace ns' },
        reason: 'WaitingForCluster',
        message: 'CceCluster demo does not exist in namespace ns: withdrawing its registration',
      },
    },
    'cluster being deleted, Orphan': {
      reason: 'the record is left',
      obj: pfReg({}, { deletionPolicy: 'Orphan' }, recorded),
      cluster: cluster({ deleting: true }),
      data: undefined,
      want: held('WaitingForCluster', 'CceCluster demo is being deleted; deletionPolicy Orphan: the record is left in the registry'),
    },
    'cluster not Ready, record known': {
      reason: 'observed, changes held',
      obj: pfReg({}, {}, recorded),
      cluster: cluster({ ready: false }),
      data: kubeconfigSecret,
      want: held('WaitingForCluster', 'CceCluster demo is not Ready yet'),
    },
    'cluster not Ready, nothing recorded': {
      reason: 'a wait',
      obj: pfReg(),
      cluster: cluster({ ready: false }),
      data: kubeconfigSecret,
      want: wait('WaitingForCluster', 'CceCluster demo is not Ready yet'),
    },
    'no kubeconfig export': {
      reason: "the CceCluster's spec must name a kubeconfig Secret",
      obj: pfReg(),
      cluster: cluster({ ref: false }),
      data: kubeconfigSecret,
      want: wait('WaitingForKubeconfig', 'CceCluster demo exports no kubeconfig: set its spec.kubeconfigSecretRef'),
    },
    'not exported yet': {
      reason: 'status.kubeconfig names the Secret once written',
      obj: pfReg(),
      cluster: cluster({ exported: false }),
      data: kubeconfigSecret,
      want: wait('WaitingForKubeconfig', 'waiting for CceCluster demo to export its kubeconfig to Secret demo-kubeconfig'),
    },
    'Secret without the key': {
      reason: 'named, never read out',
      obj: pfReg(),
      cluster: cluster(),
      data: { other: 'x' },
      want: wait('WaitingForKubeconfig', 'Secret ns/demo-kubeconfig (the kubeconfig of CceCluster demo) has no key kubeconfig'),
    },
    'not a kubeconfig': {
      reason: 'what is wrong, not the content',
      obj: pfReg({}, {}, recorded),
      cluster: cluster(),
      data: { kubeconfig: '[]' },
      want: held('WaitingForKubeconfig', 'the kubeconfig in Secret ns/demo-kubeconfig (key kubeconfig) is not a kubeconfig object'),
    },
    'Ready and exported': {
      reason: 'go, with the cluster to register',
      obj: pfReg(),
      cluster: cluster(),
      data: kubeconfigSecret,
      want: { state: 'go', scope: pfScope() },
    },
    'hibernated, External endpoint': {
      reason: 'the External endpoint wins; Hibernation means offline',
      obj: pfReg(),
      cluster: cluster({
        phase: 'Hibernation',
        endpoints: [
          { url: 'https://192.168.1.11:5443', type: 'Internal' },
          { url: 'https://100.1.2.3:5443', type: 'External' },
        ],
      }),
      data: kubeconfigSecret,
      want: { state: 'go', scope: pfScope({ endpoint: 'https://100.1.2.3:5443', hibernated: true }) },
    },
    'Argo CD': {
      reason: "the Secret in Argo CD's namespace, named after the registration",
      obj: argoReg(),
      cluster: cluster(),
      data: kubeconfigSecret,
      want: { state: 'go', scope: argoScope() },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () =>
      expect(await registrationGate(c.obj, ctxWith(c.cluster), secrets(c.data))).to.deep.equal(c.want));
  }
  const targets = {
    paddleflow: {
      reason: 'the server and its credentials Secret (protected and watched by the ladder)',
      obj: pfReg(),
      want: { target: { registry: 'paddleflow', server: 'http://pf:8999', credentialsSecretRef: { name: 'pf' } } },
    },
    argocd: {
      reason: "Argo CD's namespace (default argocd), no Secret",
      obj: argoReg(),
      want: { target: { registry: 'argocd', namespace: 'argocd' } },
    },
    neither: {
      reason: 'an object from before the CEL rule is Stalled',
      obj: { ...pfReg(), spec: { clusterRef: { name: 'demo' } } } as CceClusterRegistration,
      want: { state: 'unsupported', reason: 'InvalidSpec', message: 'exactly one of spec.paddleflow and spec.argocd is required' },
    },
  };
  for (const [name, c] of Object.entries(targets)) {
    it(`target, ${name}: ${c.reason}`, () => expect(registrationTarget(c.obj)).to.deep.equal(c.want));
  }
  it('endpoint choice: External, else the first listed', () => {
    expect([
      pickEndpoint([
        { url: 'a', type: 'Internal' },
        { url: 'b', type: 'External' },
      ]),
      pickEndpoint([{ url: 'a', type: 'Internal' }]),
      pickEndpoint([]),
    ]).to.deep.equal(['b', 'a', undefined]);
  });
});

// ---- the registry clients ----

describe('resources/registration: registry errors and credentials', () => {
  const creds = { username: 'root', password: 'x' };
  const cases = {
    'bad password': {
      reason: "Stalled on the credentials, with PaddleFlow's code and text",
      status: 400,
      code: 'AuthFailed',
      message: 'Username or password not correct',
      want: ['Terminal', 'RegistryAuthFailed', 'PaddleFlow login as root failed: HTTP 400 AuthFailed: Username or password not correct'],
    },
    'not root': {
      reason: 'Stalled, saying only root manages clusters',
      status: 403,
      code: 'OnlyRootAllowed',
      message: 'create cluster failed',
      want: [
        'Terminal',
        'RegistryAuthFailed',
        'PaddleFlow login as root failed: HTTP 403 OnlyRootAllowed: create cluster failed (PaddleFlow lets only root manage clusters; user root is not root)',
      ],
    },
    'server error': {
      reason: 'retried',
      status: 500,
      code: 'InternalError',
      message: 'record not found',
      want: ['Transient', 'RegistryError', 'PaddleFlow login as root failed: HTTP 500 InternalError: record not found'],
    },
    'credential refused': {
      reason: 'retried: the cluster may become reachable from PaddleFlow',
      status: 400,
      code: 'InvalidClusterCredential',
      message: 'Get "https://x/version": connection refused',
      want: [
        'Transient',
        'RegistryError',
        'PaddleFlow login as root failed: HTTP 400 InvalidClusterCredential: Get "https://x/version": connection refused',
      ],
    },
    'refused request': {
      reason: 'Stalled',
      status: 400,
      code: 'InvalidNamePattern',
      message: 'name[x] ...',
      want: ['Terminal', 'RegistryRefused', 'PaddleFlow login as root failed: HTTP 400 InvalidNamePattern: name[x] ...'],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => {
      const e = paddleflowError('login as root', c.status, c.code, c.message, creds) as Terminal | Transient;
      expect([e.name, e.reason, e.message]).to.deep.equal(c.want);
    });
  }
  const secretCases = {
    'username and password': { reason: 'login', data: { username: 'root', password: 'p' }, want: { username: 'root', password: 'p' } },
    token: { reason: 'used as is', data: { token: 't' }, want: { token: 't' } },
    both: {
      reason: 'username and password win (a token cannot be renewed)',
      data: { username: 'root', password: 'p', token: 't' },
      want: { username: 'root', password: 'p' },
    },
  };
  for (const [name, c] of Object.entries(secretCases)) {
    it(`Secret data, ${name}: ${c.reason}`, () => expect(paddleflowCredentials(c.data, 'Secret ns/pf')).to.deep.equal(c.want));
  }
  it('Secret data without either: a CredentialsError naming the keys, not the values', () => {
    const e = (() => {
      try {
        return paddleflowCredentials({ username: 'root' }, 'Secret ns/pf');
      } catch (err) {
        return err;
      }
    })();
    expect([e instanceof CredentialsError, (e as Error).message]).to.deep.equal([
      true,
      'Secret ns/pf has neither keys username and password nor key token',
    ]);
  });

  /** A fetch that answers from a script and records method + path. */
  function fakeFetch(script: ((method: string, path: string, headers: Record<string, string>) => [number, unknown])[]) {
    const calls: string[] = [];
    const f = (async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname + new URL(url).search;
      const headers = init.headers as Record<string, string>;
      calls.push(`${init.method} ${path}${headers['x-pf-authorization'] ? ` [${headers['x-pf-authorization']}]` : ''}`);
      const step = script.shift();
      if (!step) throw new Error(`unexpected ${init.method} ${path}`);
      const [status, body] = step(init.method as string, path, headers);
      return new Response(body === undefined ? '' : JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
    return { f, calls };
  }
  const info = (name: string, id: string): PfClusterInfo & { credential: string } => ({
    clusterId: id,
    clusterName: name,
    credential: 'c2VjcmV0',
    status: 'online',
  });

  it('logs in once, keeps the token, follows list pages to the name, never returns the credential', async () => {
    const { f, calls } = fakeFetch([
      () => [200, { authorization: 'T1' }],
      () => [200, { clusterList: [info('other', 'c-0')], isTruncated: true, nextMarker: 'm1' }],
      () => [200, { clusterList: [info('demo', 'c-1')], isTruncated: false, nextMarker: '' }],
      () => [200, { clusterList: null, isTruncated: false }],
    ]);
    const client = new PaddleFlowClient('http://pf:8999/', { username: 'root', password: 'p' }, { fetch: f });
    const found = await client.findByName('demo');
    const missing = await client.findByName('nope');
    expect({ found, missing, calls }).to.deep.equal({
      found: { clusterId: 'c-1', clusterName: 'demo', status: 'online' },
      missing: undefined,
      calls: [
        'POST /api/paddleflow/v1/login',
        'GET /api/paddleflow/v1/cluster?clusterNames=demo&maxKeys=100 [T1]',
        'GET /api/paddleflow/v1/cluster?clusterNames=demo&maxKeys=100&marker=m1 [T1]',
        'GET /api/paddleflow/v1/cluster?clusterNames=nope&maxKeys=100 [T1]',
      ],
    });
  });
  it('an invalid token is renewed once by logging in again; a ClusterNotFound delete counts as gone', async () => {
    const { f, calls } = fakeFetch([
      () => [200, { authorization: 'T1' }],
      () => [400, { requestID: 'r', code: 'AuthInvalidToken', message: 'Invalid token. Please re-login' }],
      () => [200, { authorization: 'T2' }],
      () => [400, { requestID: 'r', code: 'ClusterNotFound', message: 'Cluster not found' }],
    ]);
    const gone = await new PaddleFlowClient('http://pf:8999', { username: 'root', password: 'p' }, { fetch: f }).delete('demo');
    expect({ gone, calls }).to.deep.equal({
      gone: true,
      calls: [
        'POST /api/paddleflow/v1/login',
        'DELETE /api/paddleflow/v1/cluster/demo [T1]',
        'POST /api/paddleflow/v1/login',
        'DELETE /api/paddleflow/v1/cluster/demo [T2]',
      ],
    });
  });
  it('with a token only, an invalid token is Stalled (nothing to log in with)', async () => {
    const { f } = fakeFetch([() => [400, { requestID: 'r', code: 'AuthInvalidToken', message: 'Invalid token. Please re-login' }]]);
    const e = await new PaddleFlowClient('http://pf:8999', { token: 'old' }, { fetch: f }).findByName('demo').catch((err: unknown) => err);
    expect([(e as Terminal).name, (e as Terminal).reason]).to.deep.equal(['Terminal', Reason.RegistryAuthFailed]);
  });
});

// ---- the verbs against fake registries ----

describe('resources/registration: the verbs', () => {
  const NOW = () => new Date('2026-12-05T08:00:00Z');
  function fakePaddleflow(records: PfClusterInfo[]) {
    const calls: unknown[][] = [];
    const api: PaddleFlowApi = {
      findByName: async (name) => (calls.push(['find', name]), records.find((r) => r.clusterName === name)),
      create: async (body) => (
        calls.push(['create', { ...body, credential: body.credential ? '<credential>' : undefined }]),
        { clusterId: 'cluster-new', clusterName: body.clusterName ?? '', ...body }
      ),
      update: async (name, body) => (
        calls.push(['update', name, Object.keys(body).sort()]),
        { clusterId: 'cluster-1', clusterName: name, ...body }
      ),
      delete: async (name) => (calls.push(['delete', name]), false),
    };
    return { api, calls };
  }
  it('PaddleFlow observe: a record of the name with another id is not ours (ours vanished)', async () => {
    const { api } = fakePaddleflow([{ clusterId: 'cluster-2', clusterName: 'demo' }]);
    const ext = paddleflowExternal(api, pfScope(), NOW);
    expect([await ext.observe('cluster-1'), (await ext.observe('cluster-2'))?.id]).to.deep.equal([undefined, 'cluster-2']);
  });
  const updates = {
    'description only': {
      reason: 'one PUT without the credential (PaddleFlow re-checks a credential it is sent)',
      paths: ['spec.paddleflow.description'],
      credential: false,
    },
    'kubeconfig rotated': { reason: 'one PUT with the credential', paths: [KUBECONFIG_ROW], credential: true },
    'endpoint moved': {
      reason: 'one PUT with the credential (its context follows the endpoint)',
      paths: ['cluster.endpoint'],
      credential: true,
    },
  };
  for (const [name, c] of Object.entries(updates)) {
    it(`PaddleFlow update, ${name}: ${c.reason}`, async () => {
      const { api, calls } = fakePaddleflow([]);
      const diffs = c.paths.map((path) => ({ path, desired: 'x', observed: 'y', via: 'update' as const, byHash: false }));
      const applied = await paddleflowExternal(api, pfScope(), NOW).update(pfReg({ description: 'd' }), pfRecord(), 'update', diffs);
      const keys = [
        'clusterType',
        'description',
        'endpoint',
        'source',
        'status',
        'version',
        ...(c.credential ? ['credential'] : []),
      ].sort();
      expect({ calls, reason: applied.reason, at: (applied.set?.pushed as { at: string }).at }).to.deep.equal({
        calls: [['update', 'demo', keys]],
        reason: Reason.RecordUpdated,
        at: '2026-12-05T08:00:00Z',
      });
    });
  }
  it('PaddleFlow create: the whole record, the id and what was pushed recorded', async () => {
    const { api, calls } = fakePaddleflow([]);
    const created = await paddleflowExternal(api, pfScope(), NOW).create(pfReg({ namespaceList: ['default'] }));
    expect({ calls, id: created.id, message: created.message }).to.deep.equal({
      calls: [
        [
          'create',
          {
            clusterName: 'demo',
            endpoint: 'https://192.168.1.11:5443',
            clusterType: 'kubernetes',
            version: 'v1.28.15-r0',
            source: 'CCE',
            status: 'online',
            credential: '<credential>',
            namespaceList: ['default'],
          },
        ],
      ],
      id: 'cluster-new',
      message: 'registered CceCluster demo in PaddleFlow as demo (cluster-new, online)',
    });
  });

  function fakeArgo(existing: V1Secret | undefined) {
    const calls: string[] = [];
    const api: ArgoSecrets = {
      read: async (ns, name) => (calls.push(`read ${ns}/${name}`), existing),
      create: async (ns, body) => (
        calls.push(`create ${ns}/${body.metadata?.name}`),
        { ...body, metadata: { ...body.metadata, uid: 'u-new', resourceVersion: '1' } }
      ),
      replace: async (ns, name, body) => (
        calls.push(`replace ${ns}/${name}@${body.metadata?.resourceVersion}`),
        { ...body, metadata: { ...body.metadata, uid: 'u-1', resourceVersion: '2' } }
      ),
      delete: async (ns, name, uid) => (calls.push(`delete ${ns}/${name} uid=${uid}`), false),
    };
    return { api, calls };
  }
  it('Argo CD find: a Secret of the name cce-operator did not create is never adopted (Stalled NameTaken)', async () => {
    const { api } = fakeArgo({
      metadata: { name: 'cce-reg', namespace: 'argocd', uid: 'x', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
      data: {},
    });
    const e = await argocdExternal(api, argoScope(), NOW)
      .find(argoReg())
      .catch((err: unknown) => err);
    expect([(e as Terminal).name, (e as Terminal).reason, (e as Error).message]).to.deep.equal([
      'Terminal',
      ManagedReason.NameTaken,
      'Secret argocd/cce-reg exists and was not created by cce-operator (no label app.kubernetes.io/managed-by=cce-operator): not overwriting it; delete it, or give this CceClusterRegistration another name',
    ]);
  });
  it('Argo CD find while deleting: a Secret of the name cce-operator did not create is not ours to delete', async () => {
    const { api, calls } = fakeArgo({ metadata: { name: 'cce-reg', namespace: 'argocd', uid: 'x' }, data: {} });
    const deletingReg = { ...argoReg(), metadata: { ...argoReg().metadata, deletionTimestamp: new Date('2026-12-05T00:00:00Z') } };
    expect([await argocdExternal(api, argoScope(), NOW).find(deletingReg), calls]).to.deep.equal([undefined, ['read argocd/cce-reg']]);
  });
  it('Argo CD update and delete: replace with the resourceVersion read, delete with the uid precondition', async () => {
    const { api, calls } = fakeArgo(undefined);
    const ext = argocdExternal(api, argoScope(), NOW);
    await ext.update(argoReg(), argoRecord({ id: 'u-1', resourceVersion: '5' }), 'update', []);
    await ext.delete(argoReg(), argoRecord({ id: 'u-1' }));
    expect(calls).to.deep.equal(['replace argocd/cce-reg@5', 'delete argocd/cce-reg uid=u-1']);
  });
});

// ---- the withdraw hook through the ladder ----

describe('resources/registration: a live registration whose CceCluster goes away', () => {
  const kind = registrationKind({ secrets: { read: async () => ({ kubeconfig: KUBECONFIG }) } }) as unknown as ManagedKind<
    CceClusterRegistration,
    Registered,
    RegistrationScope
  >;
  const live = (spec: Partial<CceClusterRegistration['spec']> = {}) =>
    ({
      ...pfReg({}, spec, { registrationID: 'cluster-1', ...pushed(pfScope()) }),
      metadata: { ...pfReg().metadata, finalizers: [FINALIZER] },
    }) as CceClusterRegistration;
  const cases = {
    'cluster deleted': {
      reason: 'the record is removed once, the id forgotten, the object stays (Reconciling, Unregistered)',
      obj: live(),
      cluster: undefined,
      want: {
        calls: ['observe', 'delete'],
        id: undefined,
        reconciling: Reason.Unregistered,
        events: [Reason.Unregistered],
        finalizers: [FINALIZER],
      },
    },
    'cluster being deleted, Orphan': {
      reason: 'the record is left; the object waits',
      obj: live({ deletionPolicy: 'Orphan' }),
      cluster: cluster({ deleting: true }),
      want: { calls: ['observe'], id: 'cluster-1', reconciling: undefined, events: [], finalizers: [FINALIZER] },
    },
    'ObserveOnly': {
      reason: 'nothing is written',
      obj: live({ managementPolicy: 'ObserveOnly' }),
      cluster: undefined,
      want: { calls: ['observe'], id: 'cluster-1', reconciling: undefined, events: [], finalizers: [FINALIZER] },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () => {
      const w = new World<CceClusterRegistration, Registered>(c.obj);
      if (c.cluster) w.put(CLUSTER_RESOURCE, c.cluster);
      w.fns.observe = async () => pfRecord();
      w.fns.delete = async () => ({});
      await w.pass(kind);
      const reconciling = w.condition('Reconciling');
      expect({
        calls: w.verbs(),
        id: w.obj.status?.registrationID,
        reconciling: reconciling?.status === 'True' ? reconciling.reason : undefined,
        events: w.events.map((e) => e.reason),
        finalizers: w.obj.metadata?.finalizers,
      }).to.deep.equal(c.want);
    });
  }
  it('after the withdrawal nothing is recorded: the next pass waits without calling the registry', async () => {
    const w = new World<CceClusterRegistration, Registered>(live());
    w.fns.observe = async () => pfRecord();
    w.fns.delete = async () => ({});
    await w.pass(kind);
    await w.pass(kind);
    expect({ calls: w.verbs(), reason: w.condition('Reconciling')?.reason }).to.deep.equal({
      calls: ['observe', 'delete'],
      reason: 'WaitingForCluster',
    });
  });
});

// ---- found with the rotation test: the ladder and a cache behind its own writes ----

describe('managed ladder: a pass never starts from a version its own last write replaced', () => {
  it('the stale version is requeued shortly (not run); the written one, or a later one, runs', async () => {
    let targets = 0;
    let rv = 1;
    const base = registrationKind({ secrets: { read: async () => undefined } });
    const kind = { ...base, target: () => (targets++, { state: 'wait' as const, reason: 'Waiting', message: 'waiting' }) };
    const controller = managedController(kind, { clouds: undefined as never, secrets: undefined as never });
    const obj = (version: number) => ({ ...pfReg(), metadata: { ...pfReg().metadata, resourceVersion: String(version) } });
    const ctx = {
      now: () => new Date('2026-12-05T08:00:00Z'),
      events: { normal: () => undefined, warning: () => undefined },
      status: {
        write: async (o: CceClusterRegistration) => ({
          obj: { ...o, metadata: { ...o.metadata, resourceVersion: String(++rv) } },
          changed: true,
        }),
      },
    } as unknown as Parameters<typeof controller.reconcile>[2];
    const first = await controller.reconcile('ns/reg', obj(1), ctx);
    const stale = await controller.reconcile('ns/reg', obj(1), ctx);
    const caughtUp = await controller.reconcile('ns/reg', obj(2), ctx);
    expect({ targets, stale, first: first && 'requeueAfterMs' in first, caughtUp: caughtUp && 'requeueAfterMs' in caughtUp }).to.deep.equal(
      {
        targets: 2,
        stale: { requeueAfterMs: CACHE_LAG_RETRY_MS },
        first: true,
        caughtUp: true,
      },
    );
  });
});
