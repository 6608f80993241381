/**
 * The benchmark's own apiserver access: plain HTTPS with the test environment's admin token, keep-alive, bounded
 * concurrency. Kept apart from the operator's client so the operator's memory and CPU are the operator's alone.
 */
import { Agent, request } from 'node:https';

export class KubeHttp {
  private readonly agent: Agent;

  constructor(
    private readonly server: string,
    private readonly token: string,
    caData: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, ca: Buffer.from(caData, 'base64') });
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
    const url = new URL(path, this.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/json, text/plain',
            ...(payload ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = undefined;
            if ((res.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, body: parsed as T, text });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /**
   * A watch stream on `path` (a collection; `?watch=1` is added): `onEvent` gets each event; resolves when the
   * server ends the stream or `signal` aborts it. The watch has its own connection (it stays open).
   */
  watch<T>(path: string, onEvent: (e: { type: string; object: T }) => void, signal: AbortSignal): Promise<void> {
    const url = new URL(path, this.server);
    url.searchParams.set('watch', '1');
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          agent: false,
          ca: this.agent.options.ca,
          signal,
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            let nl: number;
            while ((nl = buffered.indexOf('\n')) >= 0) {
              const line = buffered.slice(0, nl).trim();
              buffered = buffered.slice(nl + 1);
              if (line) onEvent(JSON.parse(line) as { type: string; object: T });
            }
          });
          res.on('end', () => resolve());
          res.on('error', () => resolve());
        },
      );
      req.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
      req.end();
    });
  }

  /** Runs `fn` over `items` with at most `limit` in flight. */
  static async pool<I>(items: readonly I[], limit: number, fn: (item: I) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await fn(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  }

  close(): void {
    this.agent.destroy();
  }
}
