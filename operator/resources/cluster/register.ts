/** The controllers this kind contributes (wired by operator/resources/registry.ts). */
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { CustomObject } from '../../runtime/kube-object.js';
import type { ResourceDeps } from '../deps.js';
import { clusterController } from './kind.js';

export function clusterControllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const cluster = clusterController({ clouds: deps.clouds, secrets: deps.secrets, defaultCredentials: deps.defaultCredentials });
  return [cluster as unknown as ControllerSpec<CustomObject>];
}
