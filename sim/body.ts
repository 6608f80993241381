/**
 * Reading request bodies with a limit: a body is refused as soon as it is known to pass MAX_BODY_BYTES (a declared
 * Content-Length at once, a chunked body at the chunk that crosses it), before authentication, without reading
 * the rest: the 413 answer closes the connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CceError, renderError, type Family } from './errors.js';

/** AK/SK signing covers at most 12 MB bodies. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** The body, or undefined when it passes `limit` (then the request is paused and no more of it is read). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData).off('end', onEnd);
      req.pause();
      resolve(undefined);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** How long a refused connection stays half-open so the client reads the 413 before the socket is reset. */
const LINGER_MS = 2000;

/**
 * Answers 413 in the path family's error format (`admin`: the admin API's `{error}`), then closes the connection:
 * FIN once the answer is written, the socket destroyed shortly after; the unread rest of the body is never read.
 */
export function refuseTooLarge(res: ServerResponse, family: Family | 'admin', headers: Record<string, string> = {}): void {
  const detail = `body: larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`;
  const body = family === 'admin' ? { error: detail } : renderError(family, new CceError('invalid', detail, 413)).body;
  const text = JSON.stringify(body);
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    Connection: 'close',
    ...headers,
  });
  const socket = res.socket;
  res.end(text, () => {
    socket?.end();
    setTimeout(() => socket?.destroy(), LINGER_MS).unref();
  });
}
