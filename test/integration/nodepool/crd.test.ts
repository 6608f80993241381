/** The CceNodePool CRD on the real kube-apiserver: schema defaults, CEL rules from the field table, cross-field rules. */
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect } from 'chai';
import { createTestNamespace } from '../setup.js';
import { installCrds } from '../support/crds.js';
import { nodePool, withTemplate } from './fixtures.js';

const gv = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'ccenodepools' };

describe('CceNodePool CRD (real kube-apiserver)', () => {
  let api: CustomObjectsApi;
  let namespace: string;

  before(async () => {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    api = kc.makeApiClient(CustomObjectsApi);
    installCrds();
    namespace = await createTestNamespace('nodepool-crd');
  });

  const create = (body: Record<string, unknown>) => api.createNamespacedCustomObject({ ...gv, namespace, body });
  const patch = (name: string, spec: Record<string, unknown>) =>
    api.patchNamespacedCustomObject({ ...gv, namespace, name, body: { spec } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => '',
      (e: { body?: string }) => String(e.body ?? e),
    );

  it('applies defaults from the schema', async () => {
    const created = (await create(nodePool('defaults', 'main'))) as { spec: Record<string, unknown> };
    expect(created.spec).to.include({ type: 'vm', deletionPolicy: 'Delete', managementPolicy: 'Full' });
  });

  const creates = {
    'both clusterRef and clusterID': {
      body: nodePool('both', 'main', { clusterID: 'c-1', region: 'r', projectID: 'p' }),
      message: 'exactly one of spec.clusterRef and spec.clusterID',
    },
    'clusterID without region and projectID': {
      body: { ...nodePool('bare', 'x'), spec: { ...(nodePool('bare', 'x').spec as object), clusterRef: undefined, clusterID: 'c-1' } },
      message: 'spec.region and spec.projectID are required with spec.clusterID',
    },
    'minNodeCount above maxNodeCount': {
      body: nodePool('minmax', 'main', { autoscaling: { enable: true, minNodeCount: 5, maxNodeCount: 2 } }),
      message: 'minNodeCount must not exceed',
    },
    'a login with both sshKey and password': {
      body: withTemplate(nodePool('login', 'main'), { login: { sshKey: 'k', userPassword: { passwordSecretRef: { name: 's' } } } }),
      message: 'exactly one of sshKey and userPassword',
    },
    'an invalid pool name': { body: nodePool('badname', 'main', { metadata: { name: 'DefaultPool' } }), message: 'spec.metadata.name' },
    // security: a password in the spec is readable by everyone who can read the object
    'a login password in the spec': {
      body: withTemplate(nodePool('inline-pw', 'main'), { login: { userPassword: { username: 'root', password: 'JDYkc2FsdA==' } } }),
      message:
        'spec.nodeTemplate.login.userPassword.password is not accepted: put the password in a Secret and name it in spec.nodeTemplate.login.userPassword.passwordSecretRef',
    },
    // security: the cloud name defaults to metadata.name, which Kubernetes allows to hold dots and 253 characters
    'an object name that is no CCE pool name (no spec.metadata.name)': {
      body: nodePool('pool.with.dots', 'main'),
      message: 'metadata.name \\"pool.with.dots\\" cannot be the node pool name in CCE (1-50 characters',
    },
    'an object name longer than 50 characters': {
      body: nodePool(`p${'x'.repeat(50)}`, 'main'),
      message: 'cannot be the node pool name in CCE',
    },
    'more nodes than the largest cluster manages': {
      body: nodePool('huge', 'main', { initialNodeCount: 2001 }),
      message: 'spec.initialNodeCount: Invalid value: 2001: spec.initialNodeCount in body should be less than or equal to 2000',
    },
    'an undocumented volume type': {
      body: withTemplate(nodePool('vol', 'main'), { rootVolume: { volumetype: 'FLOPPY', size: 40 } }),
      message: 'spec.nodeTemplate.rootVolume.volumetype: Unsupported value',
    },
  };
  for (const [reason, c] of Object.entries(creates)) {
    it(`rejects ${reason}`, async () => {
      expect(await rejection(create(c.body))).to.contain(c.message);
    });
  }

  it('accepts a password from a Secret, and an object name with dots when spec.metadata.name is the cloud name', async () => {
    await create(withTemplate(nodePool('secret-pw', 'main'), { login: { userPassword: { passwordSecretRef: { name: 'pool-login' } } } }));
    await create(nodePool('pool.with.dots', 'main', { metadata: { name: 'dotted-pool' } }));
    // The Secret reference may change (it is read only at create); the login method and user may not.
    await patch('secret-pw', {
      nodeTemplate: { login: { userPassword: { username: 'root', passwordSecretRef: { name: 'other-secret' } } } },
    });
    expect(await rejection(patch('secret-pw', { nodeTemplate: { login: { sshKey: 'k', userPassword: null } } }))).to.contain(
      'spec.nodeTemplate.login.sshKey is immutable',
    );
  });

  it('accepts a pool of an unmanaged cluster with region and projectID', async () => {
    const base = nodePool('unmanaged', 'x');
    await create({ ...base, spec: { ...(base.spec as object), clusterRef: undefined, clusterID: 'c-1', region: 'r', projectID: 'p' } });
  });

  const updates = {
    'the flavor': { spec: { nodeTemplate: { flavor: 's6.xlarge.2' } }, message: 'spec.nodeTemplate.flavor is immutable' },
    'the cluster': { spec: { clusterRef: { name: 'other' } }, message: 'spec.clusterRef is immutable' },
    'the data volumes': {
      spec: { nodeTemplate: { dataVolumes: [{ volumetype: 'SAS', size: 200 }] } },
      message: 'spec.nodeTemplate.dataVolumes is immutable',
    },
  };
  for (const [reason, c] of Object.entries(updates)) {
    it(`rejects a change of ${reason} with a message naming the field`, async () => {
      const name = `imm-${Object.keys(updates).indexOf(reason)}`;
      await create(nodePool(name, 'main'));
      expect(await rejection(patch(name, c.spec))).to.contain(c.message);
    });
  }

  it('accepts changes of the count, autoscaling, labels, taints and version', async () => {
    await create(nodePool('mutable', 'main'));
    await patch('mutable', {
      initialNodeCount: 5,
      version: 'v1.29',
      autoscaling: { enable: true, minNodeCount: 1, maxNodeCount: 9 },
      nodeTemplate: { k8sTags: { a: 'b' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    });
  });

  it('sets nodePoolID once, then keeps it', async () => {
    await create(nodePool('adopt', 'main'));
    await patch('adopt', { nodePoolID: 'np-1' });
    expect(await rejection(patch('adopt', { nodePoolID: 'np-2' }))).to.contain('spec.nodePoolID cannot be changed');
  });
});
