/** Kubernetes Events recorded for an object (core/v1). */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

export async function eventsFor(
  namespace: string,
  name: string,
): Promise<{ type?: string; reason?: string; message?: string; count?: number }[]> {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
  return list.items.map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count }));
}
