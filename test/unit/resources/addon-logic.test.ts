import { expect } from 'chai';
import type { AddonInstance, AddonTemplate, Mutation } from '../../../operator/cloud/index.js';
import { CceApiError } from '../../../operator/cloud/index.js';
import { addonGate, addonTarget, type AddonScope } from '../../../operator/resources/addon/cluster.js';
import { cceaddonCrd } from '../../../operator/resources/addon/crd.js';
import { addonExternal, type AddonCalls } from '../../../operator/resources/addon/external.js';
import { addonFields } from '../../../operator/resources/addon/fields.js';
import { addonKind } from '../../../operator/resources/addon/kind.js';
import { activityOf, phaseOf } from '../../../operator/resources/addon/phase.js';
import { addonActivity, addonFacts } from '../../../operator/resources/addon/report.js';
import type { CceAddon, CceAddonSpec } from '../../../operator/resources/addon/types.js';
import { cloudValues, containsValues } from '../../../operator/resources/addon/values.js';
import { checkVersion, compareVersions } from '../../../operator/resources/addon/versions.js';
import type { CceCluster } from '../../../operator/resources/cluster/types.js';
import { fieldDiffs, valueHash, type FieldDiff } from '../../../operator/resources/field-diff.js';
import type { Family } from '../../../operator/resources/field-rules.js';
import { Terminal } from '../../../operator/runtime/result.js';

const spec: CceAddonSpec = { clusterRef: { name: 'c' }, addonTemplateName: 'coredns', deletionPolicy: 'Delete', managementPolicy: 'Full' };
const addon = (s: Partial<CceAddonSpec> = {}, status: CceAddon['status'] = undefined, deleting = false): CceAddon => ({
  metadata: { name: 'a', namespace: 'n', ...(deleting ? { deletionTimestamp: new Date('2026-01-01T00:00:00Z') } : {}) },
  spec: { ...spec, ...s },
  ...(status ? { status } : {}),
});
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
  spec: {
    versions: versions.map(([version, clusterVersion]) => ({
      version,
      supportVersions: [{ clusterType: 'VirtualMachine', clusterVersion }],
    })),
  },
});
const errorOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const notFound = (operation: string) =>
  new CceApiError({ httpStatus: 404, code: 'SVCSTG.CCE-ADDONMGR.4040001', message: 'not found', operation });

describe('resources/addon: version validation against the cloud templates', () => {
  const templates = [
    template('coredns', [
      ['1.29.4', ['v1.(2[3-9]).*']],
      ['1.17.15', ['v1.(19|21|23).*']],
      ['1.28.4', ['v1.(2[3-9]).*']],
    ]),
  ];
  const cases = {
    'known version': {
      reason: 'it is listed and supports the cluster',
      name: 'coredns',
      version: '1.28.4',
      cluster: 'v1.28',
      want: { ok: true, version: '1.28.4' },
    },
    'no version': {
      reason: 'the newest version supporting the cluster is picked',
      name: 'coredns',
      version: undefined,
      cluster: 'v1.28.15-r0',
      want: { ok: true, version: '1.29.4' },
    },
    'old cluster': {
      reason: 'only what supports the cluster is picked',
      name: 'coredns',
      version: undefined,
      cluster: 'v1.21',
      want: { ok: true, version: '1.17.15' },
    },
    'cluster version unknown': {
      reason: 'any listed version is accepted',
      name: 'coredns',
      version: '1.17.15',
      cluster: undefined,
      want: { ok: true, version: '1.17.15' },
    },
    'unknown version': {
      reason: 'UnknownVersion names the available versions, sorted',
      name: 'coredns',
      version: '9.9.9',
      cluster: 'v1.28',
      want: {
        ok: false,
        reason: 'UnknownVersion',
        message: 'spec.version 9.9.9 is not a version of add-on coredns; available versions for cluster version v1.28: 1.28.4, 1.29.4',
      },
    },
    'version not for the cluster': {
      reason: 'UnknownVersion says the version does not support the cluster',
      name: 'coredns',
      version: '1.17.15',
      cluster: 'v1.28',
      want: {
        ok: false,
        reason: 'UnknownVersion',
        message:
          'spec.version 1.17.15 of add-on coredns does not support cluster version v1.28; available versions for cluster version v1.28: 1.28.4, 1.29.4',
      },
    },
    'unknown template': {
      reason: 'UnknownTemplate names what the cloud offers',
      name: 'nope',
      version: '1',
      cluster: undefined,
      want: {
        ok: false,
        reason: 'UnknownTemplate',
        message: 'spec.addonTemplateName: add-on template nope does not exist; the cloud offers: coredns',
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(checkVersion(templates, c.name, c.version, c.cluster)).to.deep.equal(c.want));
  }
  it('compares dotted versions numerically', () => {
    expect([compareVersions('1.3.60', '1.3.39') > 0, compareVersions('1.28.4', '1.28.6') < 0, compareVersions('2.0', '2.0')]).to.deep.equal(
      [true, true, 0],
    );
  });
});

describe('resources/addon: field rows through fieldDiffs', () => {
  const hashOf = (v: unknown) => valueHash(v);
  const diff = (path: string, desired: unknown, observed: unknown, via: Family, byHash: boolean): FieldDiff => ({
    path,
    desired,
    observed,
    via,
    byHash,
  });
  const cases = {
    'nothing differs': {
      reason: 'spec.version is the instance version',
      obj: addon({ version: '1.28.4' }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [],
    },
    'no version in spec': {
      reason: 'an unset version is never upgraded',
      obj: addon(),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [],
    },
    'version differs': {
      reason: 'one upgrade row, against the instance version',
      obj: addon({ version: '1.29.4' }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [diff('spec.version', '1.29.4', '1.28.4', 'upgrade', false)],
    },
    'version from status.currentVersion': {
      reason: 'the instance without spec.version reports it in status.currentVersion',
      obj: addon({ version: '1.29.4' }),
      obs: {
        ...instance('x'),
        spec: { clusterID: 'cl-1', addonTemplateName: 'coredns' },
        status: { status: 'running', currentVersion: { version: '1.28.4' } },
      },
      observeOnly: false,
      want: [diff('spec.version', '1.29.4', '1.28.4', 'upgrade', false)],
    },
    'values never applied': {
      reason: 'a values row without a hash is applied once',
      obj: addon({ values: { custom: { a: 1 } } }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [diff('spec.values', { custom: { a: 1 } }, undefined, 'update', true)],
    },
    'values changed since applied': {
      reason: 'the hash differs: one update row',
      obj: addon({ values: { custom: { a: 2 } } }, { appliedHashes: { 'spec.values': hashOf({ custom: { a: 1 } }) } }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [diff('spec.values', { custom: { a: 2 } }, hashOf({ custom: { a: 1 } }), 'update', true)],
    },
    'values as applied': {
      reason: 'the hash matches; the cloud read-back (defaults, system keys) is not compared',
      obj: addon({ values: { custom: { a: 1 } } }, { appliedHashes: { 'spec.values': hashOf({ custom: { a: 1 } }) } }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [],
    },
    'no values in spec': {
      reason: 'the operator leaves the cloud values alone',
      obj: addon({}, { appliedHashes: {} }),
      obs: instance('1.28.4'),
      observeOnly: false,
      want: [],
    },
    'ObserveOnly': {
      reason: 'the version drift shows, the hash row is skipped (nothing was applied)',
      obj: addon({ version: '1.29.4', values: { custom: { a: 1 } } }),
      obs: instance('1.28.4'),
      observeOnly: true,
      want: [diff('spec.version', '1.29.4', '1.28.4', 'upgrade', false)],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(fieldDiffs(addonFields, c.obj, c.obs, c.observeOnly)).to.deep.equal(c.want));
  }
});

/** A function-record fake of the add-on calls the external makes: every call is logged with its arguments. */
function fakeCloud(answers: { instance?: AddonInstance; templates?: AddonTemplate[]; namedTemplates404?: boolean; get404?: boolean } = {}) {
  const calls: unknown[][] = [];
  const mutation = <T>(body: T): Mutation<T> => ({ body, jobId: undefined, requestId: 'req-1' });
  const addons: AddonCalls = {
    get: (id, clusterId) => (
      calls.push(['get', id, clusterId]),
      answers.get404 || !answers.instance ? Promise.reject(notFound('ShowAddonInstance')) : Promise.resolve(answers.instance)
    ),
    // No shared list in this world: every observation reads the instance by itself.
    observeShared: () => Promise.resolve(undefined),
    findByTemplate: (clusterId, name) => (calls.push(['findByTemplate', clusterId, name]), Promise.resolve(answers.instance)),
    listTemplates: (q = {}, clusterId) => {
      calls.push(['listTemplates', q.addon_template_name, clusterId]);
      const all = answers.templates ?? [];
      if (q.addon_template_name) {
        const named = all.filter((t) => t.metadata.name === q.addon_template_name);
        if (!named.length && answers.namedTemplates404) return Promise.reject(notFound('ListAddonTemplates'));
        return Promise.resolve({ items: named });
      }
      return Promise.resolve({ items: all });
    },
    install: (body) => (
      calls.push(['install', body]),
      Promise.resolve(mutation({ ...instance(body.spec.version ?? '', 'installing'), metadata: { uid: 'new-1' } }))
    ),
    update: (id, body) => (calls.push(['update', id, body]), Promise.resolve(mutation(instance(body.spec.version ?? '', 'upgrading')))),
    rollback: (id, clusterId) => (calls.push(['rollback', id, clusterId]), Promise.resolve(mutation(instance('1.28.4', 'rollbacking')))),
    delete: (id, clusterId) => (calls.push(['delete', id, clusterId]), Promise.resolve(mutation(undefined as unknown))),
  };
  return { cloud: { addons: addons }, calls };
}

const scope = (autopilot: boolean, clusterVersion: string | undefined = 'v1.28'): AddonScope => ({
  clusterID: 'cl-1',
  autopilot,
  clusterVersion,
  template: 'coredns',
});
const upgradeBody = (version: string, values: unknown) => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata: { annotations: { 'addon.upgrade/type': 'upgrade' } },
  spec: { clusterID: 'cl-1', addonTemplateName: 'coredns', values, version },
});

describe('resources/addon: the external update picks rollback, upgrade or values', () => {
  const templates = [
    template('coredns', [
      ['1.28.4', []],
      ['1.28.6', []],
      ['1.29.4', []],
    ]),
  ];
  const vHash = valueHash({ custom: { a: 2 } });
  const cases = {
    'standard upgrade': {
      reason: 'the version is validated, then one upgrade PUT carrying the cloud values (spec has none), system keys stripped',
      obj: addon({ version: '1.29.4' }),
      obs: instance('1.28.4'),
      autopilot: false,
      family: 'upgrade' as Family,
      want: {
        calls: [
          ['listTemplates', 'coredns', 'cl-1'],
          ['update', 'a-1', upgradeBody('1.29.4', { basic: { x: 1 } })],
        ],
        applied: { reason: 'Upgrading', message: 'upgrading coredns from 1.28.4 to 1.29.4', set: undefined },
      },
    },
    'upgrade with spec.values': {
      reason: 'the upgrade sends spec.values (the full set) and records their hash as applied',
      obj: addon({ version: '1.29.4', values: { custom: { a: 2 } } }, { appliedHashes: { 'spec.values': 'sha256:old' } }),
      obs: instance('1.28.4'),
      autopilot: false,
      family: 'upgrade' as Family,
      want: {
        calls: [
          ['listTemplates', 'coredns', 'cl-1'],
          ['update', 'a-1', upgradeBody('1.29.4', { custom: { a: 2 } })],
        ],
        applied: {
          reason: 'Upgrading',
          message: 'upgrading coredns from 1.28.4 to 1.29.4',
          set: { appliedHashes: { 'spec.values': vHash } },
        },
      },
    },
    'Autopilot back to previousVersion': {
      reason: 'a step back to status.previousVersion is the rollback API',
      obj: addon({ version: '1.28.4' }),
      obs: instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: true }),
      autopilot: true,
      family: 'upgrade' as Family,
      want: {
        calls: [['rollback', 'a-1', 'cl-1']],
        applied: { reason: 'RollingBack', message: 'rolling back coredns from 1.28.6 to 1.28.4', set: undefined },
      },
    },
    'Autopilot forward to previousVersion': {
      reason: 'after a rollback, previousVersion is higher: going there is an upgrade',
      obj: addon({ version: '1.28.6' }),
      obs: instance('1.28.4', 'running', { previousVersion: '1.28.6' }),
      autopilot: true,
      family: 'upgrade' as Family,
      want: {
        calls: [
          ['listTemplates', 'coredns', 'cl-1'],
          ['update', 'a-1', upgradeBody('1.28.6', { basic: { x: 1 } })],
        ],
        applied: { reason: 'Upgrading', message: 'upgrading coredns from 1.28.4 to 1.28.6', set: undefined },
      },
    },
    'standard CCE back to previousVersion': {
      reason: 'standard CCE has no rollback API: a version change is an upgrade',
      obj: addon({ version: '1.28.4' }),
      obs: instance('1.29.4', 'running', { previousVersion: '1.28.4', isRollbackable: true }),
      autopilot: false,
      family: 'upgrade' as Family,
      want: {
        calls: [
          ['listTemplates', 'coredns', 'cl-1'],
          ['update', 'a-1', upgradeBody('1.28.4', { basic: { x: 1 } })],
        ],
        applied: { reason: 'Upgrading', message: 'upgrading coredns from 1.29.4 to 1.28.4', set: undefined },
      },
    },
    'values': {
      reason: 'one values PUT at the current version (the ladder records the hash)',
      obj: addon({ values: { custom: { a: 2 } } }),
      obs: instance('1.28.4'),
      autopilot: false,
      family: 'update' as Family,
      want: {
        calls: [['update', 'a-1', upgradeBody('1.28.4', { custom: { a: 2 } })]],
        applied: { reason: 'ValuesUpdated', message: 'applied spec.values to coredns', set: undefined },
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () => {
      const { cloud, calls } = fakeCloud({ templates });
      const applied = await addonExternal(cloud, scope(c.autopilot)).update(c.obj, c.obs, c.family, []);
      expect({ calls, applied: { reason: applied.reason, message: applied.message, set: applied.set } }).to.deep.equal(c.want);
    });
  }
});

describe('resources/addon: what the external refuses (Terminal: Stalled, no retry loop, no write)', () => {
  const templates = [template('coredns', [['1.28.4', []]]), template('everest', [['2.4.5', []]])];
  const cases = {
    'rollback not allowed': {
      reason: 'the cloud says the instance is not rollbackable: RollbackNotAllowed, the API is not called',
      call: (ext: ReturnType<typeof addonExternal>) =>
        ext.update(
          addon({ version: '1.28.4' }),
          instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: false }),
          'upgrade',
          [],
        ),
      autopilot: true,
      want: { reason: 'RollbackNotAllowed', calls: [] },
    },
    'unknown version on upgrade': {
      reason: 'UnknownVersion before any write',
      call: (ext: ReturnType<typeof addonExternal>) => ext.update(addon({ version: '0.0.1' }), instance('1.28.4'), 'upgrade', []),
      autopilot: false,
      want: { reason: 'UnknownVersion', calls: [['listTemplates', 'coredns', 'cl-1']] },
    },
    'unknown version on install': {
      reason: 'UnknownVersion before the install',
      call: (ext: ReturnType<typeof addonExternal>) => ext.create(addon({ version: '0.0.1' })),
      autopilot: false,
      want: { reason: 'UnknownVersion', calls: [['listTemplates', 'coredns', 'cl-1']] },
    },
    'unknown template on install': {
      reason: 'the named template list answers 404: the full list decides, UnknownTemplate (the 404 is not retried)',
      call: (ext: ReturnType<typeof addonExternal>) => ext.create(addon({ addonTemplateName: 'gpu-nope' })),
      autopilot: false,
      want: {
        reason: 'UnknownTemplate',
        calls: [
          ['listTemplates', 'gpu-nope', 'cl-1'],
          ['listTemplates', undefined, 'cl-1'],
        ],
      },
    },
    'spec.addonID of another template': {
      reason: 'the instance is not taken for this object: WrongTemplate',
      call: (ext: ReturnType<typeof addonExternal>) => ext.observe('a-1'),
      autopilot: false,
      want: { reason: 'WrongTemplate', calls: [['get', 'a-1', 'cl-1']] },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () => {
      const other = {
        ...instance('2.4.5'),
        metadata: { uid: 'a-1', name: 'everest' },
        spec: { clusterID: 'cl-1', addonTemplateName: 'everest', version: '2.4.5' },
      };
      const { cloud, calls } = fakeCloud({
        templates,
        namedTemplates404: true,
        instance: name === 'spec.addonID of another template' ? other : undefined,
      });
      const err = await errorOf(c.call(addonExternal(cloud, scope(c.autopilot, undefined))));
      expect({ terminal: err instanceof Terminal, reason: (err as Terminal).reason, calls }).to.deep.equal({ terminal: true, ...c.want });
    });
  }
});

describe('resources/addon: the external reads and writes', () => {
  const templates = [
    template('coredns', [
      ['1.28.4', []],
      ['1.29.4', []],
    ]),
  ];
  const cases = {
    'observe 404': {
      reason: 'an instance the cloud does not know is undefined',
      run: (x: ReturnType<typeof addonExternal>) => x.observe('gone'),
      want: { result: undefined, calls: [['get', 'gone', 'cl-1']] },
    },
    'find by template': {
      reason: 'one instance per template per cluster',
      run: (x: ReturnType<typeof addonExternal>) => x.find(addon()).then((r) => r?.metadata.uid),
      want: { result: undefined, calls: [['findByTemplate', 'cl-1', 'coredns']] },
    },
    'install without a version': {
      reason: 'the newest version is resolved first; spec.values absent → {}; the cluster id is recorded',
      run: (x: ReturnType<typeof addonExternal>) => x.create(addon()).then((r) => ({ id: r.id, set: r.set, message: r.message })),
      want: {
        result: { id: 'new-1', set: { clusterID: 'cl-1' }, message: 'installing add-on coredns 1.29.4 (new-1)' },
        calls: [
          ['listTemplates', 'coredns', 'cl-1'],
          [
            'install',
            {
              kind: 'Addon',
              apiVersion: 'v3',
              metadata: { annotations: { 'addon.install/type': 'install' } },
              spec: { clusterID: 'cl-1', addonTemplateName: 'coredns', values: {}, version: '1.29.4' },
            },
          ],
        ],
      },
    },
    'delete': {
      reason: 'one DELETE of the instance in its cluster',
      run: (x: ReturnType<typeof addonExternal>) => x.delete(addon(), instance('1.28.4')).then(() => 'sent'),
      want: { result: 'sent', calls: [['delete', 'a-1', 'cl-1']] },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, async () => {
      const { cloud, calls } = fakeCloud({ templates });
      const result = await c.run(addonExternal(cloud, scope(false, undefined)));
      expect({ result, calls }).to.deep.equal(c.want);
    });
  }
});

describe('resources/addon: adoption', () => {
  const cases = {
    'values contained': {
      reason: 'spec.values the cloud already has (with defaults and system keys) count as applied: no PUT',
      obj: addon({ values: { basic: { x: 1 } } }),
      want: { appliedHashes: { 'spec.values': valueHash({ basic: { x: 1 } }) } },
    },
    'values differ': {
      reason: 'no hash: the values are applied once',
      obj: addon({ values: { basic: { x: 2 } } }),
      want: { appliedHashes: undefined },
    },
    'stale hash of another instance': {
      reason: 'a hash recorded for an earlier instance is dropped when the values differ',
      obj: addon({ values: { basic: { x: 2 } } }, { appliedHashes: { 'spec.values': 'sha256:old' } }),
      want: { appliedHashes: undefined },
    },
    'no values in spec': { reason: 'nothing to apply, nothing recorded', obj: addon(), want: { appliedHashes: undefined } },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(addonKind.onAdopt?.(c.obj, instance('1.28.4'))).to.deep.equal(c.want));
  }
  it('values containment: recursive on objects, exact on lists', () => {
    expect([
      cloudValues(instance('1')),
      containsValues({ basic: { x: 1, platform: 'linux' }, custom: {} }, { basic: { x: 1 } }),
      containsValues({ basic: { x: 2 } }, { basic: { x: 1 } }),
      containsValues({ list: [1, 2] }, { list: [1] }),
    ]).to.deep.equal([{ basic: { x: 1 } }, true, false, false]);
  });
});

describe('resources/addon: phase and activity', () => {
  const failed = (status: string, extra: Partial<NonNullable<AddonInstance['status']>> = {}) => instance('1', status, extra);
  const noStatus: AddonInstance = { ...instance('1'), status: {} };
  const cases = {
    running: {
      reason: 'settled',
      obs: instance('1'),
      want: { phase: 'Running', activity: { state: 'ready', message: 'add-on running', operable: true } },
    },
    available: {
      reason: 'partly usable',
      obs: instance('1', 'available'),
      want: { phase: 'Available', activity: { state: 'degraded', message: 'add-on available: only some instances run', operable: true } },
    },
    installing: {
      reason: 'an operation runs',
      obs: instance('1', 'installing'),
      want: { phase: 'Installing', activity: { state: 'busy', message: 'add-on installing', operable: false } },
    },
    upgrading: {
      reason: 'an operation runs',
      obs: instance('1', 'upgrading'),
      want: { phase: 'Upgrading', activity: { state: 'busy', message: 'add-on upgrading', operable: false } },
    },
    rollbacking: {
      reason: 'an operation runs',
      obs: instance('1', 'rollbacking'),
      want: { phase: 'RollingBack', activity: { state: 'busy', message: 'add-on rollbacking', operable: false } },
    },
    deleting: {
      reason: 'being deleted',
      obs: instance('1', 'deleting'),
      want: { phase: 'Deleting', activity: { state: 'deleting', message: 'add-on deleting', operable: false } },
    },
    deleteSuccess: {
      reason: 'gone',
      obs: instance('1', 'deleteSuccess'),
      want: { phase: 'Deleted', activity: { state: 'gone', message: 'add-on deleteSuccess', operable: false } },
    },
    unknown: {
      reason: 'missing',
      obs: instance('1', 'unknown'),
      want: { phase: 'Unknown', activity: { state: 'gone', message: 'add-on unknown', operable: false } },
    },
    upgradeFailed: {
      reason: 'failed with the cloud reason, and can be upgraded again',
      obs: failed('upgradeFailed', { Reason: 'ImagePullBackOff', message: 'image not found' }),
      want: {
        phase: 'UpgradeFailed',
        activity: { state: 'failed', message: 'add-on upgradeFailed: ImagePullBackOff: image not found', operable: true },
      },
    },
    installFailed: {
      reason: 'failed, not operable: the message says how to reinstall',
      obs: failed('installFailed', { reason: 'quota' }),
      want: {
        phase: 'InstallFailed',
        activity: {
          state: 'failed',
          message: 'add-on installFailed: quota (delete and re-create the CceAddon to reinstall)',
          operable: false,
        },
      },
    },
    abnormal: {
      reason: 'failed, operable',
      obs: failed('abnormal'),
      want: { phase: 'Abnormal', activity: { state: 'failed', message: 'add-on abnormal', operable: true } },
    },
    deleteFailed: {
      reason: 'failed, not operable',
      obs: failed('deleteFailed'),
      want: { phase: 'DeleteFailed', activity: { state: 'failed', message: 'add-on deleteFailed', operable: false } },
    },
    'unlisted value': {
      reason: 'failed, never ready',
      obs: failed('weird'),
      want: { phase: 'Weird', activity: { state: 'failed', message: 'add-on weird', operable: false } },
    },
    'no status': {
      reason: 'failed, never ready',
      obs: noStatus,
      want: { phase: '', activity: { state: 'failed', message: 'add-on status unknown', operable: false } },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () =>
      expect({ phase: phaseOf(c.obs.status?.status), activity: addonActivity(c.obs) }).to.deep.equal(c.want));
  }
  it('activityOf and the kind agree', () =>
    expect([activityOf('running'), addonKind.activity(instance('1', 'upgrading'), addon()).state]).to.deep.equal(['ready', 'busy']));
});

describe('resources/addon: facts', () => {
  const cases = {
    'upgraded Autopilot instance': {
      reason: 'raw status, phase, ids, versions, rollbackable, the cloud reason',
      obs: instance('1.28.6', 'running', { previousVersion: '1.28.4', isRollbackable: true, Reason: 'Upgrade complete' }),
      want: {
        status: 'running',
        phase: 'Running',
        addonID: 'a-1',
        clusterID: 'cl-1',
        currentVersion: '1.28.6',
        previousVersion: '1.28.4',
        rollbackable: true,
        cloudReason: 'Upgrade complete',
      },
    },
    'bare instance': {
      reason: 'what the cloud does not say is removed (undefined)',
      obs: { kind: 'Addon', apiVersion: 'v3', metadata: {}, spec: { clusterID: '', addonTemplateName: 'coredns' } } as AddonInstance,
      want: {
        status: '',
        phase: '',
        currentVersion: undefined,
        previousVersion: undefined,
        rollbackable: undefined,
        cloudReason: undefined,
      },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(addonFacts(c.obs)).to.deep.equal(c.want));
  }
});

describe('resources/addon: where the add-on lives (target and cluster gate)', () => {
  const cluster = (
    ready: boolean,
    extra: { generation?: number; observed?: number; deleting?: boolean; clusterID?: string } = {},
  ): CceCluster => ({
    metadata: {
      name: 'c',
      namespace: 'n',
      generation: extra.generation ?? 1,
      ...(extra.deleting ? { deletionTimestamp: new Date('2026-01-01T00:00:00Z') } : {}),
    },
    spec: {
      region: 'r1',
      projectID: 'p1',
      endpoint: 'http://sim',
      enableAutopilot: true,
      credentialsSecretRef: { name: 'creds' },
    } as CceCluster['spec'],
    status: {
      ...(extra.clusterID !== '' ? { clusterID: extra.clusterID ?? 'cl-1' } : {}),
      currentVersion: 'v1.28',
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'Available' : 'Creating',
          message: ready ? 'ok' : 'job running',
          observedGeneration: extra.observed ?? 1,
        },
      ],
    },
  });
  const ctxWith = (c: CceCluster | undefined) => ({ lookup: <O>() => c as O | undefined });
  const go = (clusterID: string, autopilot: boolean, clusterVersion: string | undefined) => ({
    state: 'go',
    scope: { clusterID, autopilot, clusterVersion, template: 'coredns' },
  });
  const notReady = 'CceCluster c is not Ready yet';
  const cases = {
    'Ready cluster': {
      reason: 'go, Autopilot-ness and version from the CceCluster',
      obj: addon(),
      cluster: cluster(true),
      want: go('cl-1', true, 'v1.28'),
    },
    'cluster not Ready, id known': {
      reason: 'hold: observed and reported, no changes',
      obj: addon(),
      cluster: cluster(false),
      want: { state: 'hold', scope: go('cl-1', true, 'v1.28').scope, reason: 'WaitingForCluster', message: notReady },
    },
    'Ready for an older generation': {
      reason: 'hold: a Ready condition of an older generation is not Ready',
      obj: addon(),
      cluster: cluster(true, { generation: 2, observed: 1 }),
      want: {
        state: 'hold',
        scope: go('cl-1', true, 'v1.28').scope,
        reason: 'WaitingForCluster',
        message: 'CceCluster c is not Ready (its status is for an older generation)',
      },
    },
    'cluster not created yet': {
      reason: 'wait: nothing to observe',
      obj: addon(),
      cluster: cluster(false, { clusterID: '' }),
      want: { state: 'wait', reason: 'WaitingForCluster', message: notReady },
    },
    'no CceCluster': {
      reason: 'wait',
      obj: addon(),
      cluster: undefined,
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'CceCluster c does not exist (yet) in namespace n' },
    },
    'unmanaged cluster': {
      reason: 'go with spec.clusterID and spec.autopilot, no CceCluster needed',
      obj: addon({ clusterRef: undefined, clusterID: 'x', region: 'r', projectID: 'p', autopilot: true }),
      cluster: undefined,
      want: go('x', true, undefined),
    },
    'deleting, cluster gone': {
      reason: 'release without a warning: the add-on goes with the cloud cluster',
      obj: addon({}, { addonID: 'a-1', clusterID: 'cl-1' }, true),
      cluster: undefined,
      want: { state: 'release', message: 'CceCluster c is gone or being deleted: the add-on goes with the cloud cluster', warning: false },
    },
    'deleting, cluster being deleted': {
      reason: 'release without a warning',
      obj: addon({}, { addonID: 'a-1', clusterID: 'cl-1' }, true),
      cluster: cluster(true, { deleting: true }),
      want: { state: 'release', message: 'CceCluster c is gone or being deleted: the add-on goes with the cloud cluster', warning: false },
    },
    'deleting, cluster not Ready': {
      reason: 'go in the recorded cluster: the instance is deleted',
      obj: addon({}, { addonID: 'a-1', clusterID: 'cl-old' }, true),
      cluster: cluster(false),
      want: go('cl-old', true, 'v1.28'),
    },
    'deleting, no cluster id anywhere': {
      reason: 'release: nothing was installed',
      obj: addon({}, undefined, true),
      cluster: cluster(false, { clusterID: '' }),
      want: { state: 'release', message: 'CceCluster c has no cluster id: nothing was installed', warning: false },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`gate, ${name}: ${c.reason}`, () => expect(addonGate(c.obj, ctxWith(c.cluster))).to.deep.equal(c.want));
  }

  const targets = {
    'inherited': {
      reason: 'region, project, endpoint, credentials and Autopilot-ness from the CceCluster',
      obj: addon(),
      cluster: cluster(false),
      want: {
        target: {
          region: 'r1',
          endpoint: 'http://sim',
          endpointFrom: 'spec.endpoint of CceCluster c',
          projectID: 'p1',
          autopilot: true,
          credentialsSecretRef: { name: 'creds' },
        },
      },
    },
    'own settings win': {
      reason: "the add-on's credentials Secret",
      obj: addon({ credentialsSecretRef: { name: 'mine' } }),
      cluster: cluster(true),
      want: {
        target: {
          region: 'r1',
          endpoint: 'http://sim',
          endpointFrom: 'spec.endpoint of CceCluster c',
          projectID: 'p1',
          autopilot: true,
          credentialsSecretRef: { name: 'mine' },
        },
      },
    },
    'project unknown': {
      reason: 'wait for the CceCluster',
      obj: addon(),
      cluster: undefined,
      want: { state: 'wait', reason: 'WaitingForCluster', message: 'CceCluster c does not exist (yet) in namespace n' },
    },
    'project unknown, deleting': {
      reason: 'release without connecting',
      obj: addon({}, undefined, true),
      cluster: undefined,
      want: { state: 'release', message: 'CceCluster c is gone or being deleted: the add-on goes with the cloud cluster', warning: false },
    },
    'unmanaged': {
      reason: "the add-on's own fields, spec.autopilot",
      obj: addon({ clusterRef: undefined, clusterID: 'x', region: 'r', projectID: 'p', autopilot: true }),
      cluster: undefined,
      want: { target: { region: 'r', endpoint: undefined, projectID: 'p', autopilot: true, credentialsSecretRef: undefined } },
    },
  };
  for (const [name, c] of Object.entries(targets)) {
    it(`target, ${name}: ${c.reason}`, () => expect(addonTarget(c.obj, ctxWith(c.cluster))).to.deep.equal(c.want));
  }
});

describe('resources/addon: kind and CRD', () => {
  it('the kind: id field, noun, cloud name = template, families in order', () => {
    expect([addonKind.idField, addonKind.noun, addonKind.cloudName(addon()), addonKind.families]).to.deep.equal([
      'addonID',
      'add-on',
      'coredns',
      ['upgrade', 'update'],
    ]);
  });
  it('CRD: immutable template and cluster reference, exactly one cluster reference, no appliedValuesHash, printer columns', () => {
    const v = cceaddonCrd.spec.versions[0]!;
    const rules = (v.schema.openAPIV3Schema.properties?.spec?.['x-kubernetes-validations'] ?? []).map((r) => r.message);
    expect(rules).to.include.members([
      'spec.addonTemplateName is immutable',
      'spec.clusterRef is immutable',
      'spec.clusterID is immutable',
      'spec.addonID cannot be changed or removed once set',
      'exactly one of spec.clusterRef and spec.clusterID must be set',
    ]);
    expect(rules).to.not.include('spec.version is immutable');
    const status = v.schema.openAPIV3Schema.properties?.status?.properties ?? {};
    expect([Object.keys(status).includes('appliedHashes'), Object.keys(status).includes('appliedValuesHash')]).to.deep.equal([true, false]);
    expect(v.additionalPrinterColumns.map((c) => c.name)).to.deep.equal(['Phase', 'Version', 'Ready', 'Age']);
  });
});
