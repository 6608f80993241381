/**
 * A node pool's login as the create request carries it. A password never sits in the spec: it is read from the
 * Secret `nodeTemplate.login.userPassword.passwordSecretRef` names (same namespace), only when the pool is created
 * (the API masks it in responses, and no update changes it).
 */
import type { Login } from '../../cloud/models/node.js';
import { Terminal, Transient } from '../../runtime/result.js';
import type { SecretReader } from '../credentials.js';
import { ManagedReason } from '../managed/reasons.js';
import { Reason } from './reasons.js';
import type { CceNodePool } from './types.js';

const FIELD = 'spec.nodeTemplate.login.userPassword';

export async function loginOf(pool: CceNodePool, secrets: SecretReader): Promise<Login> {
  const login = pool.spec.nodeTemplate.login;
  const up = login.userPassword;
  if (!up) return { ...(login.sshKey ? { sshKey: login.sshKey } : {}) };
  const ref = up.passwordSecretRef;
  if (!ref) {
    throw new Terminal(
      `${FIELD}.password is not accepted: put the password in a Secret and name it in ${FIELD}.passwordSecretRef`,
      ManagedReason.InvalidSpec,
    );
  }
  const namespace = pool.metadata?.namespace ?? 'default';
  const key = ref.key ?? 'password';
  const data = await secrets.read(namespace, ref.name);
  const password = data?.[key];
  if (!password) {
    const what = data ? `has no key ${key}` : 'does not exist';
    throw new Transient(
      `Secret ${namespace}/${ref.name} (${FIELD}.passwordSecretRef) ${what}: the pool is created once it does`,
      Reason.WaitingForLoginSecret,
    );
  }
  return { userPassword: { username: up.username ?? 'root', password } };
}
