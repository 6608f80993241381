/**
 * Reads the CCE error code and message out of an error response body. Documented formats:
 *   A  {"error_code": "...", "error_msg": "..."}        general / IAM / API gateway (may add "request_id")
 *   B  {"errorCode": "CCE.01400001", "errorMessage": ...} CCE Autopilot §7.2
 *   C  {"code": "SVCSTG.CCE-ADDONMGR.500", "message": ...} add-on manager
 * plus the Keystone-style {"error": {"code", "message"}} some gateways answer with.
 */

export interface ParsedErrorBody {
  code: string;
  message: string;
  requestId?: string;
}

const MAX_MESSAGE = 512;

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function fromObject(o: Record<string, unknown>): ParsedErrorBody | undefined {
  const pairs: Array<[string, string]> = [
    ['error_code', 'error_msg'],
    ['errorCode', 'errorMessage'],
    ['code', 'message'],
  ];
  const requestId = str(o['request_id']) ?? str(o['requestId']);
  for (const [c, m] of pairs) {
    const code = str(o[c]);
    const message = str(o[m]);
    if (code !== undefined || message !== undefined) {
      return { code: code ?? '', message: message ?? '', ...(requestId ? { requestId } : {}) };
    }
  }
  const nested = o['error'];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    const inner = fromObject(nested as Record<string, unknown>);
    if (inner) return requestId && !inner.requestId ? { ...inner, requestId } : inner;
  }
  return undefined;
}

/** Never throws. Falls back to `HTTP.<status>` and a short excerpt of a non-JSON body. */
export function parseErrorBody(httpStatus: number, body: string | Uint8Array | undefined): ParsedErrorBody {
  const text = body === undefined ? '' : typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let parsed: ParsedErrorBody | undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) parsed = fromObject(json as Record<string, unknown>);
  } catch {
    parsed = undefined;
  }
  const fallbackCode = `HTTP.${httpStatus}`;
  if (parsed) {
    return { ...parsed, code: parsed.code || fallbackCode, message: truncate(parsed.message) };
  }
  return { code: fallbackCode, message: truncate(text.trim()) };
}

function truncate(s: string): string {
  return s.length > MAX_MESSAGE ? s.slice(0, MAX_MESSAGE) + '…' : s;
}
