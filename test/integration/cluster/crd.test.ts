/** The CceCluster CRD on the real kube-apiserver: schema defaults, CEL immutability rules, printer columns. */
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect } from 'chai';
import { createTestNamespace } from '../setup.js';
import { installCrds } from '../support/crds.js';
import { standardCluster } from './fixtures.js';

const gv = { group: 'cce.operator.dev', version: 'v1alpha1', plural: 'cceclusters' };

function sample(name: string, extra: Record<string, unknown> = {}) {
  return standardCluster(name, {
    version: 'v1.29',
    description: 'first',
    hostNetwork: { vpc: 'vpc-1', subnet: 'subnet-1' },
    projectID: 'p1',
    ...extra,
  });
}

describe('CceCluster CRD (real kube-apiserver)', () => {
  const kc = new KubeConfig();
  let api: CustomObjectsApi;
  let namespace: string;

  before(async () => {
    kc.loadFromDefault();
    api = kc.makeApiClient(CustomObjectsApi);
    installCrds();
    namespace = await createTestNamespace('cluster-crd');
  });

  const patch = (name: string, spec: Record<string, unknown>) =>
    api.patchNamespacedCustomObject({ ...gv, namespace, name, body: { spec } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));

  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => '',
      (e: { body?: string }) => String(e.body ?? e),
    );

  it('applies defaults from the schema', async () => {
    const created = (await api.createNamespacedCustomObject({ ...gv, namespace, body: sample('defaults') })) as {
      spec: Record<string, unknown>;
    };
    expect(created.spec).to.include({ deletionPolicy: 'Delete', managementPolicy: 'Full', hibernate: false, enableAutopilot: false });
  });

  const cases = {
    'an immutable top-level field': { spec: { flavor: 'cce.s2.small' }, message: 'spec.flavor is immutable' },
    'an immutable nested object': { spec: { hostNetwork: { vpc: 'vpc-2', subnet: 'subnet-1' } }, message: 'spec.hostNetwork is immutable' },
    'the region': { spec: { region: 'cn-south-1' }, message: 'spec.region is immutable' },
    'the cloud name': { spec: { metadata: { name: 'other-name' } }, message: 'spec.metadata.name is immutable' },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(`rejects a change of ${reason} with a message naming the field`, async () => {
      const name = `imm-${Object.keys(cases).indexOf(reason)}`;
      await api.createNamespacedCustomObject({ ...gv, namespace, body: sample(name) });
      expect(await rejection(patch(name, c.spec))).to.contain(c.message);
    });
  }

  it('accepts changes to mutable fields (description, version, hibernate, deletionPolicy)', async () => {
    await api.createNamespacedCustomObject({ ...gv, namespace, body: sample('mutable') });
    const got = (await patch('mutable', { description: 'second', version: 'v1.30', hibernate: true, deletionPolicy: 'Orphan' })) as {
      spec: Record<string, unknown>;
    };
    expect(got.spec).to.include({ description: 'second', version: 'v1.30', hibernate: true, deletionPolicy: 'Orphan' });
  });

  it('lets clusterID be set once, then refuses to change it', async () => {
    await api.createNamespacedCustomObject({ ...gv, namespace, body: sample('adopt') });
    await patch('adopt', { clusterID: 'c-1' });
    expect(await rejection(patch('adopt', { clusterID: 'c-2' }))).to.contain('spec.clusterID cannot be changed or removed once set');
  });

  it('rejects invalid values with the schema message', async () => {
    const msg = await rejection(api.createNamespacedCustomObject({ ...gv, namespace, body: sample('bad', { deletionPolicy: 'Keep' }) }));
    expect(msg).to.contain('spec.deletionPolicy').and.to.contain('Unsupported value');
    const auto = await rejection(
      api.createNamespacedCustomObject({
        ...gv,
        namespace,
        body: sample('auto', { enableAutopilot: true, containerNetwork: { mode: 'eni' } }),
      }),
    );
    expect(auto).to.contain('spec.flavor must be cce.autopilot.cluster when spec.enableAutopilot is true');
  });

  // security: what the operator used to find out only from the cloud (or never), refused at apply with a readable message
  const refused = {
    'an object name too short for a CCE cluster (no spec.metadata.name)': {
      body: sample('abc'),
      message:
        'metadata.name \\"abc\\" cannot be the cluster name in CCE (4-128 characters: lower-case letters, digits and -, starting with a letter, not ending with -); set spec.metadata.name',
    },
    'an object name with dots': { body: sample('prod.eu'), message: 'metadata.name \\"prod.eu\\" cannot be the cluster name in CCE' },
    'an object name starting with a digit': { body: sample('1cluster'), message: 'cannot be the cluster name in CCE' },
    'rotateBeforeDays as long as the validity (a certificate per pass)': {
      body: sample('rotate', { kubeconfigSecretRef: { name: 'kc', duration: 7, rotateBeforeDays: 7 } }),
      message: 'spec.kubeconfigSecretRef.rotateBeforeDays must be less than spec.kubeconfigSecretRef.duration',
    },
    'rotateBeforeDays by default (7) with a shorter validity': {
      body: sample('rotate-default', { kubeconfigSecretRef: { name: 'kc', duration: 5 } }),
      message: 'spec.kubeconfigSecretRef.rotateBeforeDays must be less than spec.kubeconfigSecretRef.duration',
    },
    'a control character in projectID': {
      body: sample('ctl-project', { projectID: 'p\u0007' }),
      message: 'spec.projectID in body should match',
    },
    'a region that is no region id': { body: sample('bad-region', { region: 'CN North 4' }), message: 'spec.region in body should match' },
    'an endpoint with user info': {
      body: sample('bad-endpoint', { endpoint: 'https://cce.cn-north-4.myhuaweicloud.com@evil.example' }),
      message: 'spec.endpoint in body should match',
    },
  };
  for (const [reason, c] of Object.entries(refused)) {
    it(`rejects ${reason}`, async () => {
      expect(await rejection(api.createNamespacedCustomObject({ ...gv, namespace, body: c.body }))).to.contain(c.message);
    });
  }

  it('accepts an object name that is no CCE name when spec.metadata.name is, and a rotation shorter than the validity', async () => {
    await api.createNamespacedCustomObject({ ...gv, namespace, body: sample('prod.eu', { metadata: { name: 'prod-eu' } }) });
    await api.createNamespacedCustomObject({
      ...gv,
      namespace,
      body: sample('rotate-ok', { kubeconfigSecretRef: { name: 'kc', duration: 8, rotateBeforeDays: 7 } }),
    });
  });
});
