/**
 * Attribution of cloud calls to corpus objects: one loopback port per channel, each forwarding to the simulator
 * unchanged (headers included, so AK/SK signatures stay valid) and counting what passed through. A channel serves
 * one corpus object at a time, so the calls on it while the object lives are that object's (plus its channel's
 * base cluster's own re-observations: the count is an upper bound).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Channel {
  url: string;
  calls: number;
}

export interface ChannelProxy {
  channels: Channel[];
  close(): Promise<void>;
}

export async function startChannels(count: number, target: string): Promise<ChannelProxy> {
  const to = new URL(target);
  const servers: Server[] = [];
  const channels: Channel[] = [];
  for (let i = 0; i < count; i++) {
    const channel: Channel = { url: '', calls: 0 };
    const server = createServer((req, res) => {
      channel.calls++;
      const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.socket?.destroy()); // a dropped answer stays a dropped answer
      req.pipe(up);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    channel.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    channels.push(channel);
  }
  return {
    channels,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
