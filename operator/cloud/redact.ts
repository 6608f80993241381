/**
 * Keeps secrets out of error messages and log lines: the AK, SK, security token and IAM token known to the
 * client, plus anything shaped like a signature, a bearer/auth token, a PEM block or kubeconfig key material.
 */

export const REDACTED = '[REDACTED]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, REDACTED],
  [/(Signature=)[0-9a-fA-F]+/g, `$1${REDACTED}`],
  [/(Access=)[^,\s"]+/g, `$1${REDACTED}`],
  [
    /("?(?:client-key-data|client-certificate-data|certificate-authority-data|password|secretKey|secret_key|accessKey|access_key|token|securityToken|security_token)"?\s*[:=]\s*)"[^"]*"/gi,
    `$1"${REDACTED}"`,
  ],
  [/((?:x-auth-token|x-security-token|x-subject-token|authorization)\s*[:=]\s*)[^\s,;"]+/gi, `$1${REDACTED}`],
];

/** Secrets shorter than this are not substituted literally (too likely to match ordinary text). */
const MIN_LITERAL = 6;

export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= MIN_LITERAL) out = out.split(s).join(REDACTED);
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token', 'cookie']);

/** A copy of the headers with secret-bearing values replaced. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : v;
  return out;
}
