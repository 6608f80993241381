/** The controllers this kind contributes (wired by operator/resources/registry.ts). */
import type { ControllerSpec } from '../../runtime/controller-spec.js';
import type { CustomObject } from '../../runtime/kube-object.js';
import type { ResourceDeps } from '../deps.js';

export function nodePoolControllers(_deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  return []; // replaced by the kind's controller as it lands
}
