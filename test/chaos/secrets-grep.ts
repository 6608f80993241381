/**
 * The secrets grep: every secret the run used (AK/SK, IAM tokens, node login passwords, the kubeconfigs' certificate
 * and key data, the apiserver token in the operator's kubeconfig) searched for in every haystack (operator logs,
 * Events, every object's status, the simulator's request log). Values shorter than 8 characters are not searched
 * (they would match by chance); the kubeconfig data is searched as exported (base64) and decoded.
 */
import { parse } from 'yaml';

export interface SecretHit {
  secret: string;
  haystack: string;
  /** Where in the haystack (a short excerpt with the secret masked). */
  excerpt: string;
}

export interface GrepResult {
  secretsSearched: number;
  haystackBytes: Record<string, number>;
  hits: SecretHit[];
}

/** Secrets found in an exported kubeconfig (its certificate/key/token fields, as they appear there and decoded). */
export function kubeconfigSecrets(label: string, kubeconfigBase64: string): Record<string, string> {
  const text = Buffer.from(kubeconfigBase64, 'base64').toString('utf8');
  const out: Record<string, string> = {};
  const users = ((parse(text) as { users?: { user?: Record<string, unknown> }[] } | null)?.users ?? []).map((u) => u.user ?? {});
  users.forEach((u, i) => {
    for (const key of ['client-certificate-data', 'client-key-data', 'token', 'password']) {
      const v = u[key];
      if (typeof v !== 'string') continue;
      out[`${label} ${key} #${i}`] = v;
      if (key.endsWith('-data')) {
        // The decoded PEM's first body line (64 base64 characters) stands for the whole block.
        const line = Buffer.from(v, 'base64')
          .toString('utf8')
          .split('\n')
          .find((l) => l.length >= 32 && !l.startsWith('-----'));
        if (line) out[`${label} ${key} #${i} (decoded)`] = line;
      }
    }
  });
  return out;
}

export function grepSecrets(secrets: Record<string, string>, haystacks: Record<string, string>): GrepResult {
  const hits: SecretHit[] = [];
  const usable = Object.entries(secrets).filter(([, v]) => v.length >= 8);
  for (const [hayName, hay] of Object.entries(haystacks))
    for (const [secretName, value] of usable) {
      let at = hay.indexOf(value);
      let n = 0;
      while (at >= 0 && n < 5) {
        const excerpt = hay.slice(Math.max(0, at - 80), at + value.length + 80).replace(value, '<SECRET>');
        hits.push({ secret: secretName, haystack: hayName, excerpt });
        at = hay.indexOf(value, at + value.length);
        n++;
      }
    }
  return {
    secretsSearched: usable.length,
    haystackBytes: Object.fromEntries(Object.entries(haystacks).map(([k, v]) => [k, Buffer.byteLength(v)])),
    hits,
  };
}
