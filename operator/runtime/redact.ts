// The redaction guard: every log record passes through `redact` before it is written, so credentials never
// reach a log line even when a caller logs a whole request, Secret or error by mistake.

export const REDACTED = '[REDACTED]';

/** Field names whose values are always secret (matched case-insensitively against the whole name). */
const SECRET_KEYS = [
  /^(ak|sk|access_?key_?secret|secret_?access_?key|secret_?key)$/i,
  /secret/i,
  /passw(or)?d/i,
  /token/i,
  /authorization/i,
  /credential/i,
  /private_?key/i,
  /^x-auth-token$/i,
  /^cookie$|^set-cookie$/i,
  /kubeconfig/i,
  /^(client_?key|client-key-data|certificate-authority-data|client-certificate-data)$/i,
];

/** Keys that match a pattern above but are safe and useful to log. */
const SAFE_KEYS = new Set(['secretRef', 'secretName', 'credentialsSecretRef', 'kubeconfigSecretRef', 'tokenExpiresAt']);

/** Secrets embedded in free text: signed Authorization headers, bearer tokens, PEM blocks, key=value pairs. */
const SECRET_TEXT: Array<[RegExp, string]> = [
  [/(SDK-HMAC-SHA256\s+Access=)[^,\s]+(.*?Signature=)[0-9a-f]+/gi, `$1${REDACTED}$2${REDACTED}`],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, REDACTED],
  [/((?:secret_?key|sk|password|token|x-auth-token)["']?\s*[:=]\s*["']?)[^\s"',}&]+/gi, `$1${REDACTED}`],
];

export function isSecretKey(key: string): boolean {
  return !SAFE_KEYS.has(key) && SECRET_KEYS.some((re) => re.test(key));
}

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((acc, [re, by]) => acc.replace(re, by), text);
}

/** A deep copy of `value` with secret fields and secret-looking text replaced. Symbol keys are kept. */
export function redact<T>(value: T, depth = 0, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 12) return '[Circular]' as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen)) as T;
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) };
    if (value.stack) out['stack'] = redactText(value.stack);
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, depth + 1, seen);
    return out as T;
  }
  if (value instanceof Date) return value;
  const out: Record<string | symbol, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redact(v, depth + 1, seen);
  }
  for (const s of Object.getOwnPropertySymbols(value)) out[s] = (value as Record<symbol, unknown>)[s];
  return out as T;
}
