/** Every controller the operator runs, built from the shared dependencies. */
import type { ControllerSpec } from '../runtime/controller-spec.js';
import type { CustomObject } from '../runtime/kube-object.js';
import { addonControllers } from './addon/register.js';
import { nodePoolDependents } from './cluster/dependents.js';
import { clusterController } from './cluster/reconciler.js';
import type { ResourceDeps } from './deps.js';
import { nodePoolControllers } from './nodepool/register.js';

export function controllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const cluster = clusterController({
    clouds: deps.clouds,
    secrets: deps.secrets,
    defaultCredentials: deps.defaultCredentials,
    dependents: nodePoolDependents(deps.kubeConfig),
  });
  return [cluster as unknown as ControllerSpec<CustomObject>, ...nodePoolControllers(deps), ...addonControllers(deps)];
}
