import { expect } from 'chai';
import { REDACTED, redactHeaders, redactText } from '../../../operator/cloud/redact.js';

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

describe('cloud/redact', () => {
  const cases = {
    'known secret values': { in: `bad key ${SK} for ${AK}`, secrets: [AK, SK], out: `bad key ${REDACTED} for ${REDACTED}` },
    'signature and access in an Authorization value': {
      in: 'Authorization: SDK-HMAC-SHA256 Access=XYZ, SignedHeaders=host, Signature=7be6668032f7',
      secrets: [],
      out: `Authorization: ${REDACTED} Access=${REDACTED}, SignedHeaders=host, Signature=${REDACTED}`,
    },
    'X-Auth-Token header text': { in: 'x-auth-token: MIIabc.def', secrets: [], out: `x-auth-token: ${REDACTED}` },
    'PEM block': {
      in: 'key -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end',
      secrets: [],
      out: `key ${REDACTED} end`,
    },
    'kubeconfig key material in JSON': {
      in: '{"client-key-data":"LS0tLS1CRUdJTg==","server":"https://1.2.3.4:5443"}',
      secrets: [],
      out: `{"client-key-data":"${REDACTED}","server":"https://1.2.3.4:5443"}`,
    },
    'password field': {
      in: '{"userPassword":{"username":"root","password":"JDYkc2FsdA=="}}',
      secrets: [],
      out: `{"userPassword":{"username":"root","password":"${REDACTED}"}}`,
    },
    'short secrets are not substituted literally': { in: 'abc and more', secrets: ['abc'], out: 'abc and more' },
    'ordinary text untouched': { in: 'Resource not found.', secrets: [AK, SK], out: 'Resource not found.' },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(redactText(c.in, c.secrets)).to.equal(c.out));
  }

  it('redacts secret headers, keeps the rest', () => {
    expect(redactHeaders({ Authorization: 'SDK-HMAC-SHA256 ...', 'X-Auth-Token': 't', 'X-Security-Token': 's', Host: 'h' })).to.deep.equal({
      Authorization: REDACTED,
      'X-Auth-Token': REDACTED,
      'X-Security-Token': REDACTED,
      Host: 'h',
    });
  });
});
