/** A fresh namespace per suite, so suites never see each other's objects. */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';

export async function createTestNamespace(prefix: string): Promise<string> {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const name = `${prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)}-${randomBytes(3).toString('hex')}`;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
  return name;
}
