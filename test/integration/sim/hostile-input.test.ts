/**
 * The simulator under hostile input (issue 12 item 5): a fault rule with a backtracking-prone path pattern is
 * matched in linear time or refused at creation with a 400 naming `path`; an oversized body is refused with 413
 * (in the path family's error format, before authentication) as soon as it passes the limit, without reading
 * the rest: the answer arrives while the client is still holding most of the body back.
 */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { MAX_BODY_BYTES } from '../../../sim/server.js';
import { SimAdminError } from '../../../sim/admin-client.js';
import { P, clusterBody, startSim, type Sim } from './helpers.js';

interface RawAnswer {
  head: string;
  body: string;
  /** Bytes of the request body written before the answer came. */
  sent: number;
}

/**
 * Sends the request head, then `chunk`-sized pieces of body up to `upTo` bytes, then stops writing and waits
 * for the answer (which must come without the rest of the declared or chunked body).
 */
function oversized(url: string, head: string, upTo: number, chunked: boolean): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      const end = answer.indexOf('\r\n\r\n');
      const len = /content-length: (\d+)/i.exec(answer.slice(0, end));
      if (end >= 0 && len && answer.length >= end + 4 + Number(len[1])) {
        resolve({ head: answer.slice(0, end), body: answer.slice(end + 4, end + 4 + Number(len[1])), sent });
        socket.destroy();
      }
    });
    socket.on('error', (e) => (answer ? undefined : reject(e)));
    socket.write(head);
    const piece = Buffer.alloc(256 * 1024, 0x61);
    const pump = (): void => {
      while (sent < upTo) {
        const frame = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        sent += piece.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

describe('sim: hostile input (linear fault matching, body limit before auth)', () => {
  let s: Sim;
  before(async () => {
    s = await startSim();
  });
  after(async () => s.sim.close());
  beforeEach(async () => s.admin.reset());

  it('a fault with path (a+)+$ does not stall requests with long paths', async function () {
    this.timeout(20000);
    await s.admin.addFault({ kind: 'error', path: '(a+)+$', status: 503 });
    const res = await s.call('GET', `${P}/clusters/${'a'.repeat(8000)}!`);
    expect(res.status, 'the fault does not match; the route answers').to.equal(404);
    expect((await s.call('GET', `${P}/clusters/aaaa`)).status, 'and it matches where it should').to.equal(503);
  });

  const refusedRules = {
    lookahead: { reason: 'a lookahead', path: '(?=a)a' },
    backreference: { reason: 'a backreference', path: '(a+)\\1' },
    tooLong: { reason: 'over 256 characters', path: 'a'.repeat(300) },
  };
  for (const [name, c] of Object.entries(refusedRules)) {
    it(`a fault rule with ${name} (${c.reason}) is refused with 400 naming path`, async () => {
      const err = await s.admin.addFault({ kind: 'error', path: c.path }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SimAdminError);
      expect((err as SimAdminError).status).to.equal(400);
      expect((err as SimAdminError).message).to.match(/"error":"path: /);
      expect(await s.admin.faults()).to.deep.equal([]);
    });
  }

  const bodies = {
    declared: { reason: 'a Content-Length over the limit is refused before any body byte is read', chunked: false, upTo: 0 },
    chunked: { reason: 'a chunked body is refused at the chunk that passes the limit', chunked: true, upTo: MAX_BODY_BYTES + 1024 * 1024 },
  };
  for (const [name, c] of Object.entries(bodies)) {
    it(`413 without auth, ${name}: ${c.reason}`, async function () {
      this.timeout(30000);
      const host = new URL(s.sim.url).host;
      const length = c.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${100 * 1024 * 1024}`;
      const head = `POST ${P}/clusters HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n${length}\r\n\r\n`;
      const a = await oversized(s.sim.url, head, c.upTo, c.chunked);
      expect(a.head).to.match(/^HTTP\/1\.1 413 /);
      expect(a.head).to.match(/connection: close/i);
      expect(JSON.parse(a.body)).to.deep.equal({ error_code: 'CCE.01400001', error_msg: 'Invalid request. body: larger than 12 MB' });
      const log = await s.admin.requests();
      expect(log.at(-1)).to.include({ status: 413, operation: 'CreateCluster' });
    });
  }

  it('the limit is the body: a normal create still works on a new connection', async () => {
    expect((await s.call('POST', `${P}/clusters`, clusterBody('after-413'))).status).to.equal(201);
  });
});
