/**
 * Resolves the CCE credentials of an object: its `credentialsSecretRef` (a Secret in the same namespace), else the
 * operator-wide default read from the environment variable names the Huawei Cloud SDKs and Terraform use.
 * Secret values stay in memory; errors name the Secret and the missing key, never a value.
 */
import { createHash } from 'node:crypto';
import type { CceCredentials } from '../cloud/index.js';

export interface SecretReader {
  /** The Secret's data, decoded; undefined when it does not exist. */
  read(namespace: string, name: string): Promise<Record<string, string> | undefined>;
}

export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    message: string,
    /** The named Secret does not exist (a wait: it may arrive later, e.g. from an external secrets operator). */
    readonly secretMissing = false,
  ) {
    super(message);
  }
}

export const DEFAULT_CREDENTIAL_ENV = {
  accessKey: ['HW_ACCESS_KEY', 'HUAWEICLOUD_SDK_AK'],
  secretKey: ['HW_SECRET_KEY', 'HUAWEICLOUD_SDK_SK'],
  securityToken: ['HW_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'],
  token: ['HW_AUTH_TOKEN'],
} as const;

function firstEnv(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const n of names) if (env[n]) return env[n];
  return undefined;
}

export function credentialsFromData(data: Record<string, string | undefined>, source: string): CceCredentials {
  if (data.accessKey && data.secretKey) {
    return {
      kind: 'aksk',
      accessKey: data.accessKey,
      secretKey: data.secretKey,
      ...(data.securityToken ? { securityToken: data.securityToken } : {}),
    };
  }
  if (data.token) return { kind: 'token', token: data.token };
  throw new CredentialsError(`${source} has neither keys accessKey and secretKey nor key token`);
}

export function defaultCredentials(env: NodeJS.ProcessEnv = process.env): CceCredentials | undefined {
  const data = {
    accessKey: firstEnv(env, DEFAULT_CREDENTIAL_ENV.accessKey),
    secretKey: firstEnv(env, DEFAULT_CREDENTIAL_ENV.secretKey),
    securityToken: firstEnv(env, DEFAULT_CREDENTIAL_ENV.securityToken),
    token: firstEnv(env, DEFAULT_CREDENTIAL_ENV.token),
  };
  if (!data.accessKey && !data.token) return undefined;
  return credentialsFromData(data, 'the operator environment');
}

export async function resolveCredentials(
  secrets: SecretReader,
  namespace: string,
  ref: { name: string } | undefined,
  fallback: CceCredentials | undefined,
): Promise<CceCredentials> {
  if (!ref) {
    if (fallback) return fallback;
    throw new CredentialsError(
      'no spec.credentialsSecretRef and no operator-wide credentials (set HW_ACCESS_KEY/HW_SECRET_KEY on the operator)',
    );
  }
  const data = await secrets.read(namespace, ref.name);
  if (!data) throw new CredentialsError(`Secret ${namespace}/${ref.name} (spec.credentialsSecretRef) not found`, true);
  return credentialsFromData(data, `Secret ${namespace}/${ref.name}`);
}

/** A short, stable fingerprint of credential material, for cache keys: never the credentials themselves. */
export function credentialsFingerprint(material: unknown): string {
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 16);
}
