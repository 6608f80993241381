/**
 * Proves the test bed end to end on the real kube-apiserver: CRD → Established → custom resource → status
 * patched through the status subresource → change seen through an informer watch.
 */
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubeConfig,
  VersionApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { expect } from 'chai';
import { createTestNamespace, testEnv } from '../setup.js';

interface Widget extends KubernetesObject {
  spec?: { size?: number };
  status?: { phase?: string };
}

const group = 'plumbing.testenv.cce.operator.dev';

describe('test environment plumbing (real kube-apiserver)', () => {
  const kc = new KubeConfig();
  let ns: string;

  before(async () => {
    kc.loadFromDefault();
    ns = await createTestNamespace('plumbing');
  });

  it('runs kube-apiserver v1.34.x', async () => {
    const v = await kc.makeApiClient(VersionApi).getCode();
    expect(v.gitVersion).to.match(/^v1\.34\.\d+$/);
    expect(testEnv().server).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('installs a CRD, patches status via the subresource and sees it through an informer', async () => {
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    const name = `widgets.${group}`;
    await ext.createCustomResourceDefinition({
      body: {
        metadata: { name },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } },
                    status: { type: 'object', properties: { phase: { type: 'string' } } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    await waitFor(async () => {
      const crd = await ext.readCustomResourceDefinition({ name });
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
    }, 30000);

    const co = kc.makeApiClient(CustomObjectsApi);
    const path = `/apis/${group}/v1/namespaces/${ns}/widgets`;
    const informer = makeInformer<Widget>(
      kc,
      path,
      () => co.listNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets' }) as never,
    );
    const seen: string[] = [];
    const record = (obj: Widget) => void (obj.status?.phase && seen.push(obj.status.phase));
    informer.on('add', record);
    informer.on('update', record);
    // client-node informers stop on an error (e.g. a 429 while a new CRD's storage warms up): restart them.
    let stopped = false;
    informer.on('error', () => void (stopped || setTimeout(() => void informer.start().catch(() => undefined), 500)));
    await informer.start();
    try {
      await co.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns,
        plural: 'widgets',
        body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 2 } },
      });
      // Status written through the main resource is ignored when the status subresource is on.
      await co.patchNamespacedCustomObject(
        { group, version: 'v1', namespace: ns, plural: 'widgets', name: 'w1', body: { status: { phase: 'Ignored' } } },
        mergePatch(),
      );
      await co.patchNamespacedCustomObjectStatus(
        { group, version: 'v1', namespace: ns, plural: 'widgets', name: 'w1', body: { status: { phase: 'Ready' } } },
        mergePatch(),
      );
      await waitFor(async () => seen.includes('Ready'), 15000);
      expect(seen).to.not.include('Ignored');
      const cached = informer.get('w1', ns);
      expect(cached?.status?.phase).to.equal('Ready');
      // The structural schema is enforced by the real server.
      const bad = await co
        .createNamespacedCustomObject({
          group,
          version: 'v1',
          namespace: ns,
          plural: 'widgets',
          body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 0 } },
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(String((bad as { body?: string })?.body ?? bad)).to.match(/spec\.size/);
    } finally {
      stopped = true;
      await informer.stop();
      await ext.deleteCustomResourceDefinition({ name });
    }
  });
});

function mergePatch() {
  return setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
