/** A scripted HTTP server on 127.0.0.1 for transport tests: records every request, answers from a script. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The client's port: one value across requests means one kept-alive connection. */
  remotePort?: number | undefined;
}

/** A handler returns nothing after answering itself, or `'drop'` to destroy the socket, `'hang'` to never answer. */
export type Script = (req: Recorded, res: http.ServerResponse, n: number) => void | 'drop' | 'hang';

export interface Loopback {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startLoopback(script: Script): Promise<Loopback> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort,
      };
      requests.push(rec);
      const r = script(rec, res, requests.length);
      if (r === 'drop') req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
