/** Every controller the operator runs, built from the shared dependencies: one managed controller per kind. */
import type { ControllerSpec } from '../runtime/controller-spec.js';
import type { CustomObject } from '../runtime/kube-object.js';
import { addonControllers } from './addon/register.js';
import { clusterController } from './cluster/kind.js';
import type { ResourceDeps } from './deps.js';
import { nodePoolControllers } from './nodepool/register.js';

export function controllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const cluster = clusterController({ clouds: deps.clouds, secrets: deps.secrets, defaultCredentials: deps.defaultCredentials });
  return [cluster as unknown as ControllerSpec<CustomObject>, ...nodePoolControllers(deps), ...addonControllers(deps)];
}
