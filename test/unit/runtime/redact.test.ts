import { expect } from 'chai';
import { Writable } from 'node:stream';
import { REDACTED, redact, redactText } from '../../../operator/runtime/redact.js';
import { createLogger } from '../../../operator/runtime/logger.js';

describe('runtime/redact', () => {
  const cases: Record<string, { reason: string; in: unknown; want: unknown }> = {
    keys: {
      reason: 'secret-named fields are replaced at any depth',
      in: { ak: 'AKID', sk: 'S3CR3T', nested: { password: 'p', token: 't', 'X-Auth-Token': 'x', Authorization: 'a' } },
      want: {
        ak: REDACTED,
        sk: REDACTED,
        nested: { password: REDACTED, token: REDACTED, 'X-Auth-Token': REDACTED, Authorization: REDACTED },
      },
    },
    safe: {
      reason: 'references to secrets and ordinary fields stay',
      in: { secretRef: { name: 'creds' }, kubeconfigSecretRef: { name: 'kc' }, requestId: 'r-1', key: 'ns/a' },
      want: { secretRef: { name: 'creds' }, kubeconfigSecretRef: { name: 'kc' }, requestId: 'r-1', key: 'ns/a' },
    },
    arrays: { reason: 'arrays are walked', in: [{ secretKey: 'x' }, 'ok'], want: [{ secretKey: REDACTED }, 'ok'] },
    'secret data': {
      reason: 'a Secret body logged by mistake',
      in: { kind: 'Secret', data: { sk: 'c2s=' } },
      want: { kind: 'Secret', data: { sk: REDACTED } },
    },
    'empty stays': { reason: 'empty values show they are unset', in: { token: '' }, want: { token: '' } },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(redact(c.in)).to.deep.equal(c.want));
  }

  const texts = {
    'signed header': [
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=host, Signature=7be6668032f7',
      `SDK-HMAC-SHA256 Access=${REDACTED}, SignedHeaders=host, Signature=${REDACTED}`,
    ],
    bearer: ['Authorization: Bearer eyJhbGciOi.abc', `Authorization: Bearer ${REDACTED}`],
    pem: ['key: -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- done', `key: ${REDACTED} done`],
    'key=value': ['sk=abc&x=1 password: "hunter2"', `sk=${REDACTED}&x=1 password: "${REDACTED}"`],
    plain: ['cluster ns/a created, job 123', 'cluster ns/a created, job 123'],
  };
  for (const [name, [input, want]] of Object.entries(texts)) {
    it(`text: ${name}`, () => expect(redactText(input as string)).to.equal(want));
  }

  it('survives cycles and errors', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(redact(a)).to.deep.equal({ name: 'a', self: '[Circular]' });
    const err = Object.assign(new Error('token=abc failed'), { code: 'E1', token: 'x' });
    const out = redact(err) as unknown as Record<string, unknown>;
    expect([out['message'], out['code'], out['token']]).to.deep.equal([`token=${REDACTED} failed`, 'E1', REDACTED]);
  });

  it('the logger writes one JSON line per event, redacted, with child fields', () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger({ stream, level: 'debug' }).child({ kind: 'CceCluster', key: 'ns/a' });
    log.info('calling CCE', {
      requestId: 'req-1',
      headers: { 'X-Auth-Token': 'tok', Authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=ab' },
    });
    expect(lines).to.have.length(1);
    const rec = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(rec).to.include({ level: 'info', message: 'calling CCE', kind: 'CceCluster', key: 'ns/a', requestId: 'req-1' });
    expect(rec['headers']).to.deep.equal({ 'X-Auth-Token': REDACTED, Authorization: REDACTED });
    expect(rec['timestamp']).to.be.a('string');
    expect(lines[0]).not.to.include('tok"');
  });

  it('a line below the level is dropped before any formatting; child loggers keep their fields and level', () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const root = createLogger({ stream, level: 'warn' });
    const log = root.child({ kind: 'CceNodePool' });
    let reads = 0;
    const meta = {
      get requestId() {
        reads++;
        return 'r-1';
      },
    };
    log.debug('cce api call', meta);
    log.info('cce api call', meta);
    expect({ lines: lines.length, reads }).to.deep.equal({ lines: 0, reads: 0 });
    log.warn('slow', { requestId: 'r-2' });
    root.level = 'debug';
    log.debug('now shown', meta);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((r) => [r['level'], r['kind'], r['requestId']])).to.deep.equal([
      ['warn', 'CceNodePool', 'r-2'],
      ['debug', 'CceNodePool', 'r-1'],
    ]);
  });
});
