import { expect } from 'chai';
import { CceApiError, ClientErrorCodes, OutcomeUnknownError } from '../../../operator/cloud/errors.js';

const mk = (httpStatus: number, code: string): CceApiError => new CceApiError({ httpStatus, code, message: 'm', operation: 'Op' });

describe('cloud/errors', () => {
  const cases = {
    'validation 400 is terminal': {
      err: mk(400, 'CCE.01400001'),
      want: { retryable: false, terminal: true, notFound: false, conflict: false },
    },
    '401 bad signature is terminal': {
      err: mk(401, 'APIGW.0301'),
      want: { retryable: false, terminal: true, notFound: false, conflict: false },
    },
    '403 is terminal': { err: mk(403, 'CCE.01403001'), want: { retryable: false, terminal: true, notFound: false, conflict: false } },
    '404 is not found, not terminal': {
      err: mk(404, 'CCE.01404001'),
      want: { retryable: false, terminal: false, notFound: true, conflict: false },
    },
    "the API gateway's 404 APIGW.0101 (no such API) is terminal, not a missing resource": {
      err: mk(404, 'APIGW.0101'),
      want: { retryable: false, terminal: true, notFound: false, conflict: false },
    },
    '409 duplicate is a conflict': {
      err: mk(409, 'CCE.01409001'),
      want: { retryable: false, terminal: false, notFound: false, conflict: true },
    },
    'add-on already installed is a conflict': {
      err: mk(409, 'CCE.03409001'),
      want: { retryable: false, terminal: false, notFound: false, conflict: true },
    },
    'stale version 409 is retryable, not a conflict': {
      err: mk(409, 'CCE.01409002'),
      want: { retryable: true, terminal: false, notFound: false, conflict: false },
    },
    '429 throttling is retryable': {
      err: mk(429, 'CCE.02429001'),
      want: { retryable: true, terminal: false, notFound: false, conflict: false },
    },
    '429 locked is retryable': {
      err: mk(429, 'CCE.01429002'),
      want: { retryable: true, terminal: false, notFound: false, conflict: false },
    },
    '500 is retryable': { err: mk(500, 'CCE.01500001'), want: { retryable: true, terminal: false, notFound: false, conflict: false } },
    '501 is not retryable': { err: mk(501, 'HTTP.501'), want: { retryable: false, terminal: false, notFound: false, conflict: false } },
    'network error is retryable': {
      err: mk(0, ClientErrorCodes.network),
      want: { retryable: true, terminal: false, notFound: false, conflict: false },
    },
    'unsupported operation is terminal': {
      err: mk(0, ClientErrorCodes.unsupported),
      want: { retryable: false, terminal: true, notFound: false, conflict: false },
    },
    'outcome unknown is neither retryable nor terminal': {
      err: new OutcomeUnknownError({ httpStatus: 0, code: ClientErrorCodes.outcomeUnknown, message: 'm', operation: 'CreateCluster' }),
      want: { retryable: false, terminal: false, notFound: false, conflict: false },
    },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => {
      const { retryable, terminal, notFound, conflict } = c.err;
      expect({ retryable, terminal, notFound, conflict }).to.deep.equal(c.want);
    });
  }

  it('OutcomeUnknownError is a CceApiError and says so', () => {
    const e = new OutcomeUnknownError({ httpStatus: 504, code: 'HTTP.504', message: 'm', operation: 'CreateCluster', requestId: 'r1' });
    expect(e).to.be.instanceOf(CceApiError);
    expect(e.outcomeUnknown).to.equal(true);
    expect(e.name).to.equal('OutcomeUnknownError');
    expect(e.toJSON()).to.include({ httpStatus: 504, code: 'HTTP.504', operation: 'CreateCluster', requestId: 'r1', outcomeUnknown: true });
  });
});
