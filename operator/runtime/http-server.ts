// The operator's small HTTP server: /healthz (liveness), /readyz (readiness) and /metrics (Prometheus).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { OperatorMetrics } from './metrics.js';

export interface HealthChecks {
  /** Liveness: false makes the kubelet restart the pod. */
  healthy(): boolean;
  /** Readiness: caches synced (leader) or waiting as a standby. */
  ready(): boolean;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** "host:port", ":port" (all interfaces) or "0"/"" (disabled). */
export function parseListenAddr(addr: string): { host?: string; port: number } | undefined {
  if (addr === '' || addr === '0') return undefined;
  const i = addr.lastIndexOf(':');
  const port = Number(i < 0 ? addr : addr.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid listen address "${addr}"`);
  const host = i <= 0 ? undefined : addr.slice(0, i).replace(/^\[|\]$/g, '');
  return host ? { host, port } : { port };
}

export async function startHttpServer(
  addr: string,
  metrics: OperatorMetrics,
  checks: HealthChecks,
  log: Logger,
): Promise<RunningServer | undefined> {
  const listen = parseListenAddr(addr);
  if (!listen) return undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const probe = (ok: boolean) => {
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'text/plain' }).end(ok ? 'ok\n' : 'not ok\n');
    };
    if (path === '/healthz' || path === '/livez') return probe(checks.healthy());
    if (path === '/readyz') return probe(checks.ready());
    if (path === '/metrics') {
      metrics.text().then(
        (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
        (err: unknown) => {
          log.error('metrics collection failed', { err });
          res.writeHead(500).end();
        },
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info('serving /metrics, /healthz and /readyz', { addr: `${listen.host ?? ''}:${port}` });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
