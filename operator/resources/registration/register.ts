/** The controllers this kind contributes (wired by operator/resources/registry.ts). */
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { CustomObject } from '../../runtime/kube-object.js';
import type { ResourceDeps } from '../deps.js';
import { managedController } from '../managed/reconciler.js';
import type { RegistrationKind } from './kind.js';

export function registrationControllers(deps: ResourceDeps, kind: RegistrationKind): ControllerSpec<CustomObject>[] {
  const registration = managedController(kind, { clouds: deps.clouds, secrets: deps.secrets, defaultCredentials: deps.defaultCredentials });
  return [registration as unknown as ControllerSpec<CustomObject>];
}
