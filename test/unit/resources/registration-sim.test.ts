// pf-sim's rules (sim/paddleflow), table-driven: request binding, create/update validation with PaddleFlow's own
// messages, list parameters, the credential's decoding and the stand-in choice. HTTP behaviour (auth, codes, paging,
// the /version check against a real kube-apiserver) is in test/integration/registration/paddleflow-sim.test.ts.
import { expect } from 'chai';
import { currentCluster, decodeCredential, standInFor } from '../../../sim/paddleflow/credential-check.js';
import { PfError } from '../../../sim/paddleflow/errors.js';
import { markerOf, pkOf, renderRecord } from '../../../sim/paddleflow/state.js';
import { bindRequest, checkName, dns1123LabelErrors, maxKeysOf, validateCreate, validateUpdate } from '../../../sim/paddleflow/validate.js';

const outcome = (f: () => unknown): unknown => {
  try {
    return { ok: f() };
  } catch (e) {
    return e instanceof PfError ? { code: e.code, status: e.status, message: e.message } : { error: (e as Error).message };
  }
};

describe('sim/paddleflow: create validation (PaddleFlow validateCreateClusterRequest)', () => {
  const base = { clusterName: 'demo', endpoint: 'https://1.2.3.4:5443', clusterType: 'kubernetes', version: 'v1.28' };
  const cases = {
    minimal: {
      reason: 'status defaults to online, source to OnPremise, the rest empty',
      req: base,
      want: { ok: { ...base, status: 'online', source: 'OnPremise', credential: '', description: '', setting: '', namespaceList: [] } },
    },
    trimmed: {
      reason: 'strings are trimmed as the server does',
      req: { ...base, clusterName: ' demo ', source: ' CCE ', description: ' d ' },
      want: { ok: { ...base, status: 'online', source: 'CCE', credential: '', description: 'd', setting: '', namespaceList: [] } },
    },
    'no endpoint': { reason: "PaddleFlow's message", req: { ...base, endpoint: ' ' }, want: { error: 'Endpoint should not be empty' } },
    'unknown type': {
      reason: 'kubernetes or local only',
      req: { ...base, clusterType: 'kubernetes-v1.16' },
      want: { error: 'ClusterType [kubernetes-v1.16] is invalid' },
    },
    'kubernetes without version': {
      reason: 'version is required for kubernetes',
      req: { ...base, version: '' },
      want: { error: 'version of cluster kubernetes should not be empty' },
    },
    'bad status': {
      reason: 'online or offline',
      req: { ...base, status: 'up' },
      want: { error: "clusterStatus can only be 'online' or 'offline'" },
    },
    'bad namespace': {
      reason: 'namespaces are DNS-1123 labels',
      req: { ...base, namespaceList: ['ok', 'Not_OK'] },
      want: { error: `namespace[Not_OK] is invalid, err: ${dns1123LabelErrors('Not_OK').join(',')}` },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(outcome(() => validateCreate(c.req))).to.deep.equal(c.want));
  }
  const names = {
    'two characters': { reason: 'the shortest name', name: 'ab', want: { ok: undefined } },
    'one character': {
      reason: 'InvalidNamePattern with the regex',
      name: 'a',
      want: {
        code: 'InvalidNamePattern',
        status: 400,
        message: 'name[a] for [cluster] does not compile with regex rule[^[A-Za-z0-9_][A-Za-z0-9-_]{0,253}[A-Za-z0-9_]$]',
      },
    },
    'ends with a dash': {
      reason: 'the last character is alphanumeric or _',
      name: 'demo-',
      want: {
        code: 'InvalidNamePattern',
        status: 400,
        message: 'name[demo-] for [cluster] does not compile with regex rule[^[A-Za-z0-9_][A-Za-z0-9-_]{0,253}[A-Za-z0-9_]$]',
      },
    },
  };
  for (const [name, c] of Object.entries(names)) {
    it(`name, ${name}: ${c.reason}`, () => expect(outcome(() => checkName(c.name))).to.deep.equal(c.want));
  }
});

describe('sim/paddleflow: update, binding and list parameters', () => {
  const updates = {
    'empty fields': {
      reason: 'empty strings and lists leave fields as they are',
      req: { description: '', setting: '', namespaceList: [], status: '' },
      want: { ok: {} },
    },
    'status and version': {
      reason: 'what is given is applied',
      req: { status: 'offline', version: 'v1.29' },
      want: { ok: { status: 'offline', version: 'v1.29' } },
    },
    'kubernetes without version': {
      reason: 'the type needs its version',
      req: { clusterType: 'kubernetes' },
      want: { error: 'version of cluster kubernetes should not be empty' },
    },
    'bad status': { reason: 'validated', req: { status: 'gone' }, want: { error: "clusterStatus can only be 'online' or 'offline'" } },
  };
  for (const [name, c] of Object.entries(updates)) {
    it(`update, ${name}: ${c.reason}`, () => expect(outcome(() => validateUpdate(c.req))).to.deep.equal(c.want));
  }
  const binds = {
    'unknown keys': { reason: 'ignored, as Go does', raw: { clusterName: 'x', extra: 1 }, want: { ok: { clusterName: 'x' } } },
    'wrong type': {
      reason: "MalformedJSON with Go's message",
      raw: { clusterName: 'x', namespaceList: 'default' },
      want: {
        code: 'MalformedJSON',
        status: 400,
        message: 'json: cannot unmarshal string into Go struct field CreateClusterRequest.namespaceList of type []string',
      },
    },
    'not an object': {
      reason: 'MalformedJSON',
      raw: [1],
      want: {
        code: 'MalformedJSON',
        status: 400,
        message: 'json: cannot unmarshal array into Go value of type cluster.CreateClusterRequest',
      },
    },
  };
  for (const [name, c] of Object.entries(binds)) {
    it(`binding, ${name}: ${c.reason}`, () => expect(outcome(() => bindRequest(c.raw, 'CreateClusterRequest'))).to.deep.equal(c.want));
  }
  const keys = {
    absent: { reason: 'default 50', raw: null, want: { ok: 50 } },
    max: { reason: '1000 is the most', raw: '1000', want: { ok: 1000 } },
    zero: { reason: 'InvalidURI', raw: '0', want: { code: 'InvalidURI', status: 400, message: 'maxKeys[0] is invalid' } },
    text: { reason: 'InvalidURI', raw: 'ten', want: { code: 'InvalidURI', status: 400, message: 'maxKeys[ten] is invalid' } },
  };
  for (const [name, c] of Object.entries(keys)) {
    it(`maxKeys, ${name}: ${c.reason}`, () => expect(outcome(() => maxKeysOf(c.raw))).to.deep.equal(c.want));
  }
  it('markers are opaque and round-trip; anything else is not a marker', () => {
    expect([pkOf(markerOf(42)), pkOf('zzz'), markerOf(42).includes('42')]).to.deep.equal([42, undefined, false]);
  });
  it('a record renders as model.ClusterInfo (an empty namespace list is null)', () => {
    const r = renderRecord({
      pk: 1,
      id: 'cluster-1',
      name: 'demo',
      description: '',
      endpoint: 'e',
      source: 'CCE',
      clusterType: 'kubernetes',
      version: 'v1',
      status: 'online',
      credential: 'Yw==',
      setting: '',
      namespaceList: [],
      createdAt: Date.parse('2026-12-05T08:00:00Z'),
      updatedAt: Date.parse('2026-12-05T08:00:01Z'),
      deletedAt: '',
    });
    expect(r).to.deep.equal({
      clusterId: 'cluster-1',
      createTime: '2026-12-05 08:00:00',
      updateTime: '2026-12-05 08:00:01',
      clusterName: 'demo',
      description: '',
      endpoint: 'e',
      source: 'CCE',
      clusterType: 'kubernetes',
      version: 'v1',
      status: 'online',
      credential: 'Yw==',
      setting: '',
      namespaceList: null,
    });
  });
});

describe('sim/paddleflow: the credential check', () => {
  const kubeconfig = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      clusters: [{ name: 'c', cluster: { server: 'https://192.168.3.11:5443' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
      ...extra,
    });
  const outcomeOf = (f: () => unknown) => {
    try {
      return { ok: f() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const cases = {
    'base64 kubeconfig': {
      reason: "the current context's server and user",
      credential: Buffer.from(kubeconfig()).toString('base64'),
      want: { ok: { server: 'https://192.168.3.11:5443', cluster: { server: 'https://192.168.3.11:5443' }, user: { token: 't' } } },
    },
    'not base64': { reason: "Go's decoding error", credential: 'not base64!', want: { error: 'illegal base64 data at input byte 3' } },
    'no current context': {
      reason: "client-go's message",
      credential: Buffer.from(kubeconfig({ 'current-context': '' })).toString('base64'),
      want: { error: 'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable' },
    },
    'unknown context': {
      reason: "client-go's message",
      credential: Buffer.from(kubeconfig({ 'current-context': 'y' })).toString('base64'),
      want: { error: 'invalid configuration: context was not found for specified context: y' },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(outcomeOf(() => currentCluster(decodeCredential(c.credential)))).to.deep.equal(c.want));
  }
  it('a stand-in answers for the servers it matches (a URL prefix, or *)', () => {
    const standIns = [
      { match: 'https://192.168.', url: 'https://127.0.0.1:1' },
      { match: '*', url: 'https://127.0.0.1:2' },
    ];
    expect([
      standInFor('https://192.168.3.11:5443', standIns)?.url,
      standInFor('https://10.0.0.1', standIns)?.url,
      standInFor('https://10.0.0.1', []),
    ]).to.deep.equal(['https://127.0.0.1:1', 'https://127.0.0.1:2', undefined]);
  });
});
