/** The controllers this kind contributes (wired by operator/resources/registry.ts). */
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { CustomObject } from '../../runtime/kube-object.js';
import type { ResourceDeps } from '../deps.js';
import { managedController } from '../managed/reconciler.js';
import { addonKind } from './kind.js';

export function addonControllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const addon = managedController(addonKind, { clouds: deps.clouds, secrets: deps.secrets, defaultCredentials: deps.defaultCredentials });
  return [addon as unknown as ControllerSpec<CustomObject>];
}
