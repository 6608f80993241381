/**
 * Every controller the operator runs, built from the shared dependencies: one managed controller per kind, and
 * the credentials usage controller that lets a credentials Secret go once no object of any kind uses it.
 */
import type { ControllerSpec } from '../runtime/controller-spec.js';
import type { CustomObject } from '../runtime/kube-object.js';
import { addonKind } from './addon/kind.js';
import { addonControllers } from './addon/register.js';
import { clusterKind } from './cluster/kind.js';
import { clusterControllers } from './cluster/register.js';
import type { ResourceDeps } from './deps.js';
import { credentialsUsageController, credentialUser } from './managed/credentials-guard.js';
import { nodePoolKind } from './nodepool/kind.js';
import { nodePoolControllers } from './nodepool/register.js';
import { registrationKind } from './registration/kind.js';
import { registrationControllers } from './registration/register.js';

export function controllers(deps: ResourceDeps): ControllerSpec<CustomObject>[] {
  const registration = registrationKind({ kubeConfig: deps.kubeConfig, secrets: deps.secrets });
  const users = [credentialUser(clusterKind(deps)), credentialUser(nodePoolKind), credentialUser(addonKind), credentialUser(registration)];
  return [
    ...clusterControllers(deps),
    ...nodePoolControllers(deps),
    ...addonControllers(deps),
    ...registrationControllers(deps, registration),
    credentialsUsageController(users, deps.secrets),
  ];
}
