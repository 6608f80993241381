/** The controllers this kind contributes (wired by operator/resources/registry.ts). */
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { CustomObject } from '../../runtime/kube-object.js';
import type { ResourceDeps } from '../deps.js';
import { managedController } from '../managed/reconciler.js';
import { nodePoolKind } from './kind.js';

export function nodePoolControllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const pool = managedController(nodePoolKind, { clouds: deps.clouds, secrets: deps.secrets, defaultCredentials: deps.defaultCredentials });
  return [pool as unknown as ControllerSpec<CustomObject>];
}
