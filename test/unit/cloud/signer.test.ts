import { expect } from 'chai';
import { canonicalQuery, canonicalUri, parseAuthorization, parseSdkDate, sdkDate, sign } from '../../../operator/cloud/signer.js';

describe('cloud/signer', () => {
  it('reproduces Huawei Cloud’s published signing vector exactly', () => {
    const result = sign(
      {
        method: 'GET',
        url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        headers: {
          'Content-Type': 'application/json',
          Host: 'service.region.example.com',
          'X-Sdk-Date': '20191115T033655Z',
        },
        body: '',
      },
      { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' },
    );
    expect(result.signedHeaders.join(';')).to.equal('content-type;host;x-sdk-date');
    expect(result.signature).to.equal('7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
    expect(result.authorization).to.equal(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  const uriCases = {
    'adds the trailing slash': { in: '/v1/p/vpcs', out: '/v1/p/vpcs/' },
    'keeps an existing trailing slash': { in: '/a/', out: '/a/' },
    'encodes each segment, not the separators': { in: '/a%20b/c:d', out: '/a%20b/c%3Ad/' },
    'root': { in: '/', out: '/' },
  };
  for (const [reason, c] of Object.entries(uriCases)) {
    it(`canonical URI ${reason}`, () => expect(canonicalUri(c.in)).to.equal(c.out));
  }

  const queryCases = {
    'sorts by key': { in: 'b=2&a=1', out: 'a=1&b=2' },
    'sorts equal keys by value': { in: 'a=2&a=1', out: 'a=1&a=2' },
    'encodes reserved characters': { in: 'q=a%2Fb&x=y z', out: 'q=a%2Fb&x=y%20z' },
    'key without value': { in: 'delete_all', out: 'delete_all=' },
    'empty': { in: '', out: '' },
  };
  for (const [reason, c] of Object.entries(queryCases)) {
    it(`canonical query ${reason}`, () => expect(canonicalQuery(c.in)).to.equal(c.out));
  }

  it('changes the signature when the body changes (body hash is signed)', () => {
    const base = { method: 'POST', url: '/api/v3/x', headers: { 'X-Sdk-Date': '20240101T000000Z' } };
    const creds = { accessKey: 'AK', secretKey: 'SK' };
    expect(sign({ ...base, body: '{}' }, creds).signature).to.not.equal(sign({ ...base, body: '' }, creds).signature);
  });

  it('signs absolute URLs whose host ends in a number (Terraform add-on host on loopback)', () => {
    const headers = { 'X-Sdk-Date': '20240101T000000Z' };
    const creds = { accessKey: 'AK', secretKey: 'SK' };
    const absolute = sign({ method: 'GET', url: 'http://0a1b-22.127.0.0.1:8443/api/v3/addons?cluster_id=c1', headers }, creds);
    const origin = sign({ method: 'GET', url: '/api/v3/addons?cluster_id=c1', headers }, creds);
    expect(absolute.signature).to.equal(origin.signature);
  });

  it('refuses to sign without X-Sdk-Date', () => {
    expect(() => sign({ method: 'GET', url: '/', headers: {} }, { accessKey: 'a', secretKey: 'b' })).to.throw(/X-Sdk-Date/);
  });

  it('formats and parses X-Sdk-Date', () => {
    const d = new Date(Date.UTC(2019, 10, 15, 3, 36, 55, 123));
    expect(sdkDate(d)).to.equal('20191115T033655Z');
    expect(parseSdkDate('20191115T033655Z')?.toISOString()).to.equal('2019-11-15T03:36:55.000Z');
    expect(parseSdkDate('2019-11-15')).to.equal(undefined);
  });

  it('parses an Authorization header and rejects malformed ones', () => {
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=abc')).to.deep.equal({
      accessKey: 'AK',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 'abc',
    });
    expect(parseAuthorization('Bearer x')).to.equal(undefined);
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK')).to.equal(undefined);
  });
});
