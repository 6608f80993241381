import { expect } from 'chai';
import { parseErrorBody } from '../../../operator/cloud/error-body.js';

describe('cloud/error-body', () => {
  const cases = {
    'format A (error_code/error_msg)': {
      status: 400,
      body: '{"error_msg":"The format of message is error","error_code":"AS.0001"}',
      want: { code: 'AS.0001', message: 'The format of message is error' },
    },
    'format A with the gateway request_id': {
      status: 401,
      body: '{"error_msg":"Incorrect IAM authentication information","error_code":"APIGW.0301","request_id":"abc123"}',
      want: { code: 'APIGW.0301', message: 'Incorrect IAM authentication information', requestId: 'abc123' },
    },
    'Autopilot camelCase (errorCode/errorMessage)': {
      status: 404,
      body: '{"errorCode":"CCE.01404001","errorMessage":"Resource not found."}',
      want: { code: 'CCE.01404001', message: 'Resource not found.' },
    },
    'format B, add-on manager (code/message)': {
      status: 500,
      body: '{"code":"SVCSTG.CCE-ADDONMGR.500","message":"internal error"}',
      want: { code: 'SVCSTG.CCE-ADDONMGR.500', message: 'internal error' },
    },
    'nested {"error":{...}}': {
      status: 401,
      body: '{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}',
      want: { code: '401', message: 'The request you have made requires authentication.' },
    },
    'code without message': { status: 409, body: '{"errorCode":"CCE.01409001"}', want: { code: 'CCE.01409001', message: '' } },
    'message without code falls back to HTTP.<status>': {
      status: 503,
      body: '{"message":"busy"}',
      want: { code: 'HTTP.503', message: 'busy' },
    },
    'plain text body': { status: 502, body: 'Bad Gateway\n', want: { code: 'HTTP.502', message: 'Bad Gateway' } },
    'empty body': { status: 500, body: '', want: { code: 'HTTP.500', message: '' } },
    'JSON array is not an error body': { status: 400, body: '[1,2]', want: { code: 'HTTP.400', message: '[1,2]' } },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(parseErrorBody(c.status, c.body)).to.deep.equal(c.want));
  }

  it('accepts bytes and truncates very long messages', () => {
    const got = parseErrorBody(500, Buffer.from(JSON.stringify({ code: 'X', message: 'm'.repeat(2000) })));
    expect(got.code).to.equal('X');
    expect(got.message.length).to.be.lessThan(600);
  });
});
