import { expect } from 'chai';
import type { AddonInstance, AddonTemplate } from '../../../operator/cloud/index.js';
import { cceaddonCrd } from '../../../operator/resources/addon/crd.js';
import { addonOperation } from '../../../operator/resources/addon/diff.js';
import { applyOperation, resolveVersion } from '../../../operator/resources/addon/operations.js';
import type { Pass } from '../../../operator/resources/addon/pass.js';
import { activityOf, phaseOf } from '../../../operator/resources/addon/phase.js';
import { nextStatus } from '../../../operator/resources/addon/report.js';
import { resolveCluster } from '../../../operator/resources/addon/target.js';
import type { CceAddon, CceAddonSpec } from '../../../operator/resources/addon/types.js';
import { canonicalJson, cloudValues, containsValues, valuesChanged, valuesHash } from '../../../operator/resources/addon/values.js';
import { checkVersion, compareVersions } from '../../../operator/resources/addon/versions.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { Terminal } from '../../../operator/runtime/result.js';

const spec: CceAddonSpec = { clusterRef: { name: 'c' }, addonTemplateName: 'coredns', deletionPolicy: 'Delete', managementPolicy: 'Full' };
const instance = (version: string, status = 'running', extra: Partial<NonNullable<AddonInstance['status']>> = {}): AddonInstance => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { uid: 'a-1', name: 'coredns' },
  spec: { clusterID: 'cl-1', addonTemplateName: 'coredns', version, values: { basic: { x: 1 }, systemAutoInject: { cluster: {} } } },
  status: { status, ...extra },
});
const template = (name: string, versions: [string, string[]][]): AddonTemplate => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { name },
  spec: { versions: versions.map(([version, clusterVersion]) => ({ version, supportVersions: [{ clusterType: 'VirtualMachine', clusterVersion }] })) },
});

describe('resources/addon: version validation against the cloud templates', () => {
  const templates = [template('coredns', [['1.29.4', ['v1.(2[3-9]).*']], ['1.17.15', ['v1.(19|21|23).*']], ['1.28.4', ['v1.(2[3-9]).*']]])];
  const cases = {
    'known version supporting the cluster': { version: '1.28.4', cluster: 'v1.28', want: { ok: true, version: '1.28.4' } },
    'no version → newest supporting the cluster': { version: undefined, cluster: 'v1.28.15-r0', want: { ok: true, version: '1.29.4' } },
    'old cluster → only what supports it': { version: undefined, cluster: 'v1.21', want: { ok: true, version: '1.17.15' } },
    'cluster version unknown → any listed version': { version: '1.17.15', cluster: undefined, want: { ok: true, version: '1.17.15' } },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(checkVersion(templates, 'coredns', c.version, c.cluster)).to.deep.equal(c.want));
  }
  it('unknown version → UnknownVersion naming the available versions (sorted)', () => {
    const r = checkVersion(templates, 'coredns', '9.9.9', 'v1.28');
    expect(r).to.deep.include({ ok: false, reason: 'UnknownVersion' });
    expect((r as { message: string }).message).to.equal('spec.version 9.9.9 is not a version of add-on coredns; available versions for cluster version v1.28: 1.28.4, 1.29.4');
  });
  it('version that does not support the cluster → UnknownVersion saying so', () => {
    const r = checkVersion(templates, 'coredns', '1.17.15', 'v1.28');
    expect((r as { message: string }).message).to.match(/does not support cluster version v1\.28/);
  });
  it('unknown template → UnknownTemplate naming what the cloud offers', () => {
    expect(checkVersion(templates, 'nope', '1', undefined)).to.deep.include({ ok: false, reason: 'UnknownTemplate' });
  });
  it('compares dotted versions numerically', () => {
    expect(compareVersions('1.3.60', '1.3.39')).to.be.greaterThan(0);
    expect(compareVersions('1.28.4', '1.28.6')).to.be.lessThan(0);
    expect(compareVersions('2.0', '2.0')).to.equal(0);
  });
});

describe('resources/addon: diff (one operation per pass)', () => {
  const hashOf = (v: unknown) => valuesHash(v);
  const cases = {
    'nothing differs': { spec: { ...spec, version: '1.28.4' }, obs: instance('1.28.4'), applied: undefined, autopilot: false, want: undefined },
    'no version in spec → never upgrades': { spec, obs: instance('1.28.4'), applied: undefined, autopilot: false, want: undefined },
    'version differs → upgrade carrying the cloud values (spec has none), system keys stripped': {
      spec: { ...spec, version: '1.29.4' }, obs: instance('1.28.4'), applied: undefined, autopilot: false,
      want: { kind: 'upgrade', from: '1.28.4', to: '1.29.4', values: { basic: { x: 1 } } },
    },
    'values changed since applied → values update at the current version': {
      spec: { ...spec, values: { custom: { a: 2 } } }, obs: instance('1.28.4'), applied: hashOf({ custom: { a: 1 } }), autopilot: false,
      want: { kind: 'values', version: '1.28.4', values: { custom: { a: 2 } } },
    },
    'values equal to the applied hash → nothing (the cloud read-back is not compared)': {
      spec: { ...spec, values: { custom: { a: 1 } } }, obs: instance('1.28.4'), applied: hashOf({ custom: { a: 1 } }), autopilot: false, want: undefined,
    },
    'Autopilot back to previousVersion → rollback': {
      spec: { ...spec, version: '1.28.4' }, obs: instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: true }), applied: undefined, autopilot: true,
      want: { kind: 'rollback', from: '1.28.6', to: '1.28.4' },
    },
    'Autopilot forward to previousVersion (after a rollback) → upgrade': {
      spec: { ...spec, version: '1.28.6' }, obs: instance('1.28.4', 'running', { previousVersion: '1.28.6' }), applied: undefined, autopilot: true,
      want: { kind: 'upgrade', from: '1.28.4', to: '1.28.6', values: { basic: { x: 1 } } },
    },
    'standard CCE has no rollback API → a version change is an upgrade': {
      spec: { ...spec, version: '1.28.4' }, obs: instance('1.29.4', 'running', { previousVersion: '1.28.4' }), applied: undefined, autopilot: false,
      want: { kind: 'upgrade', from: '1.29.4', to: '1.28.4', values: { basic: { x: 1 } } },
    },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(addonOperation(c.spec, c.obs, c.applied, c.autopilot)).to.deep.equal(c.want));
  }
});

describe('resources/addon: values hash', () => {
  it('hashes canonically (key order does not matter)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).to.equal('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(valuesHash({ a: 1, b: 2 })).to.equal(valuesHash({ b: 2, a: 1 }));
    expect(valuesHash({ a: 1 })).to.match(/^sha256:[0-9a-f]{64}$/);
  });
  it('absent spec.values are not managed; present ones apply when the hash differs', () => {
    expect(valuesChanged(spec, undefined)).to.equal(false);
    expect(valuesChanged({ ...spec, values: {} }, undefined)).to.equal(true);
    expect(valuesChanged({ ...spec, values: {} }, valuesHash({}))).to.equal(false);
  });
  it('adoption: cloud values (with defaults and system keys) contain the spec values', () => {
    const have = cloudValues(instance('1'));
    expect(have).to.deep.equal({ basic: { x: 1 } });
    expect(containsValues({ basic: { x: 1, platform: 'linux' }, custom: {} }, { basic: { x: 1 } })).to.equal(true);
    expect(containsValues({ basic: { x: 2 } }, { basic: { x: 1 } })).to.equal(false);
    expect(containsValues({ list: [1, 2] }, { list: [1] })).to.equal(false);
  });
});

describe('resources/addon: phase', () => {
  const cases: Record<string, [string | undefined, string, string]> = {
    running: ['running', 'Running', 'ready'],
    'available is partly usable': ['available', 'Available', 'degraded'],
    installing: ['installing', 'Installing', 'busy'],
    rollbacking: ['rollbacking', 'RollingBack', 'busy'],
    upgradeFailed: ['upgradeFailed', 'UpgradeFailed', 'failed'],
    'unknown means missing': ['unknown', 'Unknown', 'gone'],
    'unlisted value is failed, never ready': ['weird', 'Weird', 'failed'],
    'no status': [undefined, '', 'failed'],
  };
  for (const [reason, [status, phase, activity]] of Object.entries(cases)) {
    it(reason, () => expect([phaseOf(status), activityOf(status)]).to.deep.equal([phase, activity]));
  }
});

describe('resources/addon: cluster reference', () => {
  const addon = (s: Partial<CceAddonSpec>): CceAddon => ({ metadata: { name: 'a', namespace: 'n' }, spec: { ...spec, ...s } });
  const cluster = (ready: boolean, extra: Partial<CceCluster> = {}): CceCluster => ({
    metadata: { name: 'c', namespace: 'n' },
    spec: { region: 'r1', projectID: 'p1', endpoint: 'http://sim', enableAutopilot: true, credentialsSecretRef: { name: 'creds' } } as CceCluster['spec'],
    status: { clusterID: 'cl-1', currentVersion: 'v1.28', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: 'Creating', message: 'job running' }] },
    ...extra,
  });
  it('inherits region, project, endpoint, credentials and Autopilot-ness from a Ready cluster', () => {
    const r = resolveCluster(addon({}), cluster(true));
    expect(r.wait).to.equal(undefined);
    expect(r.coords).to.deep.equal({ clusterID: 'cl-1', autopilot: true, region: 'r1', projectID: 'p1', endpoint: 'http://sim', credentialsSecretRef: { name: 'creds' }, clusterVersion: 'v1.28' });
  });
  it('the add-on\'s own settings win', () => {
    expect(resolveCluster(addon({ credentialsSecretRef: { name: 'mine' } }), cluster(true)).coords?.credentialsSecretRef).to.deep.equal({ name: 'mine' });
  });
  it('waits for a missing, not Ready, or deleting cluster', () => {
    expect(resolveCluster(addon({}), undefined)).to.deep.include({ clusterGoing: true, wait: 'waiting for CceCluster c: not found' });
    expect(resolveCluster(addon({}), cluster(false)).wait).to.equal('waiting for CceCluster c to be Ready: Ready=False (Creating: job running)');
    expect(resolveCluster(addon({}), cluster(true, { metadata: { name: 'c', deletionTimestamp: new Date('2026-01-01T00:00:00Z') } }))).to.deep.include({ clusterGoing: true });
  });
  it('an unmanaged cluster (clusterID) needs no CceCluster', () => {
    const r = resolveCluster(addon({ clusterRef: undefined, clusterID: 'x', region: 'r', projectID: 'p', autopilot: false }), undefined);
    expect(r.wait).to.equal(undefined);
    expect(r.coords).to.deep.include({ clusterID: 'x', autopilot: false, projectID: 'p' });
  });
});

describe('resources/addon: status report and CRD', () => {
  it('maps the instance into status: raw status, phase, id, versions, and lists values as unobserved', () => {
    const cr: CceAddon = { metadata: { name: 'a', generation: 2 }, spec };
    const s = nextStatus(cr, undefined, { observed: instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: true, Reason: 'Upgrade complete' }), outcome: { state: 'ready', reason: 'Running', message: 'ok' } }, new Date('2026-01-01T00:00:00Z'));
    expect(s).to.deep.include({ status: 'running', phase: 'Running', addonID: 'a-1', clusterID: 'cl-1', currentVersion: '1.28.6', previousVersion: '1.28.4', rollbackable: true, cloudReason: 'Upgrade complete', observedGeneration: 2 });
    expect(s.unobservedFields).to.deep.equal(['spec.values']);
  });
  it('CRD: immutable template and cluster reference, exactly one cluster reference, printer columns', () => {
    const v = cceaddonCrd.spec.versions[0]!;
    const rules = (v.schema.openAPIV3Schema.properties?.spec?.['x-kubernetes-validations'] ?? []).map((r) => r.message);
    expect(rules).to.include.members(['spec.addonTemplateName is immutable', 'spec.clusterRef is immutable', 'spec.clusterID is immutable', 'spec.addonID cannot be changed or removed once set', 'exactly one of spec.clusterRef and spec.clusterID must be set']);
    expect(rules).to.not.include('spec.version is immutable');
    expect(v.additionalPrinterColumns.map((c) => c.name)).to.deep.equal(['Phase', 'Version', 'Ready', 'Age']);
  });
});

describe('resources/addon: operations', () => {
  it('refuses a rollback the cloud does not allow, as Terminal (Stalled, no retry loop), without calling the API', async () => {
    let called = false;
    const cloud = { addons: { rollback: () => ((called = true), Promise.resolve({})) } } as unknown as Pass['cloud'];
    const p = { obj: { metadata: { name: 'a' }, spec }, cloud, coords: { clusterID: 'cl-1' } } as unknown as Pass;
    const observed = instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: false });
    const err = await applyOperation(p, observed, { kind: 'rollback', from: '1.28.6', to: '1.28.4' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(Terminal);
    expect(err).to.include({ reason: 'RollbackNotAllowed' });
    expect((err as Error).message).to.match(/not rollbackable/);
    expect(called).to.equal(false);
  });

  it('an unknown version stops before any write (Terminal UnknownVersion)', async () => {
    const cloud = { addons: { listTemplates: () => Promise.resolve({ items: [template('coredns', [['1.28.4', []]])] }) } } as unknown as Pass['cloud'];
    const p = { obj: { metadata: { name: 'a' }, spec }, cloud, coords: { clusterID: 'cl-1', clusterVersion: 'v1.28' } } as unknown as Pass;
    const err = await resolveVersion(p, '0.0.1').then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(Terminal);
    expect(err).to.include({ reason: 'UnknownVersion' });
  });
});
