/**
 * One row per documented request-body rule the simulator enforces (sim/README.md "Request rules"): the bad body is
 * refused with the documented error kind naming the field; the good body passes.
 */
import { expect } from 'chai';
import { CceError, type ErrorKind } from '../../../sim/errors.js';
import { validateCreateCluster, validateUpdateCluster } from '../../../sim/validate/cluster.js';
import { validateCreateAutopilotCluster, validateUpdateAutopilotCluster } from '../../../sim/validate/autopilot-cluster.js';
import { validateCreateNodePool, validateUpdateNodePool } from '../../../sim/validate/nodepool.js';
import {
  validateAutopilotInstall,
  validateAutopilotUpdate,
  validateInstall,
  validateRollback,
  validateUpdate,
} from '../../../sim/validate/addon.js';
import { validatePostCheck, validatePreCheck, validateUpgrade } from '../../../sim/validate/upgrade.js';
import { validateCreateTags, validateDeleteTags } from '../../../sim/validate/tags.js';
import { validateCertRequest } from '../../../sim/validate/cert.js';
import { validateMasterEip } from '../../../sim/validate/master-eip.js';
import { normaliseKeys, S } from '../../../sim/validate/schema.js';

type Body = Record<string, unknown>;

/** `ok`, or `<kind>: <detail>` of the CceError thrown. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof CceError) return `${e.kind}: ${e.detail}`;
    throw e;
  }
}

const cluster = (spec: Body = {}, extra: Body = {}): Body => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name: 'good-name' },
  spec: {
    type: 'VirtualMachine',
    flavor: 'cce.s2.small',
    hostNetwork: { vpc: 'v', subnet: 's' },
    containerNetwork: { mode: 'overlay_l2' },
    ...spec,
  },
  ...extra,
});
const clusterNow = cluster({ description: '', version: 'v1.29', authentication: { mode: 'rbac', authenticatingProxy: {} } });
const ap = (spec: Body = {}, metadata: Body = {}): Body => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name: 'ap-name', ...metadata },
  spec: {
    flavor: 'cce.autopilot.cluster',
    hostNetwork: { vpc: 'v' },
    containerNetwork: { mode: 'eni' },
    eniNetwork: { subnets: [{ subnetID: 'sn-1' }] },
    ...spec,
  },
});
const apNow = { metadata: { name: 'ap-name', alias: 'ap-name' }, spec: { ...(ap().spec as Body), version: 'v1.29', description: '' } };
const template = {
  flavor: 'f',
  az: 'az',
  login: { sshKey: 'k' },
  rootVolume: { size: 40, volumetype: 'SAS' },
  dataVolumes: [{ size: 100, volumetype: 'SAS' }],
};
const pool = (t: Body = {}, spec: Body = {}): Body => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool' },
  spec: { initialNodeCount: 1, nodeTemplate: { ...template, ...t }, ...spec },
});
const poolNow = {
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool' },
  spec: { type: 'vm', initialNodeCount: 1, nodeTemplate: template, autoscaling: { enable: false } },
};
const poolPut = (spec: Body = {}, top: Body = {}): Body => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool' },
  spec: { initialNodeCount: 2, nodeTemplate: {}, ...spec },
  ...top,
});
const addon = (spec: Body = {}, metadata: Body = { annotations: { 'addon.install/type': 'install' } }, top: Body = {}): Body => ({
  kind: 'Addon',
  apiVersion: 'v3',
  metadata,
  spec: { clusterID: 'c', version: '1.0.0', addonTemplateName: 'coredns', values: {}, ...spec },
  ...top,
});
const upgrade = (
  strategy: Body = { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
  action: Body = {},
): Body => ({
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: { clusterUpgradeAction: { targetVersion: 'v1.29', strategy, ...action } },
});
const without = (o: Body, key: string): Body => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

interface Rule {
  /** The seed section and table. */
  doc: string;
  bad: () => unknown;
  /** The error kind and a fragment of its detail. */
  kind: ErrorKind;
  detail: RegExp;
  good: () => unknown;
}

const rules: Record<string, Rule> = {
  // standard cluster create [003 §4.1.1]
  clusterEnvelope: {
    doc: '003 T4-3 kind fixed "Cluster"',
    bad: () => validateCreateCluster({ ...cluster(), kind: 'Node' }),
    kind: 'invalid',
    detail: /^kind: must be "Cluster"/,
    good: () => validateCreateCluster(cluster()),
  },
  clusterName: {
    doc: '003 T4-4 name 4..128, lowercase',
    bad: () => validateCreateCluster({ ...cluster(), metadata: { name: 'Abc-d' } }),
    kind: 'invalid',
    detail: /^metadata\.name: must match/,
    good: () => validateCreateCluster(cluster()),
  },
  clusterHostNetwork: {
    doc: '003 T4-16 hostNetwork.subnet required',
    bad: () => validateCreateCluster(cluster({ hostNetwork: { vpc: 'v' } })),
    kind: 'invalid',
    detail: /^spec\.hostNetwork\.subnet: is required/,
    good: () => validateCreateCluster(cluster()),
  },
  clusterX509: {
    doc: '003 T4-53 x509 only for clusters ≤ v1.11',
    bad: () => validateCreateCluster(cluster({ authentication: { mode: 'x509' } })),
    kind: 'invalid',
    detail: /^spec\.authentication\.mode: x509 is supported only by clusters v1\.11/,
    good: () => validateCreateCluster(cluster({ authentication: { mode: 'rbac' } })),
  },
  clusterProxyCa: {
    doc: '003 T4-54 authenticatingProxy.ca required for authenticating_proxy',
    bad: () => validateCreateCluster(cluster({ authentication: { mode: 'authenticating_proxy' } })),
    kind: 'invalid',
    detail: /^spec\.authentication\.authenticatingProxy\.ca: is required/,
    good: () => validateCreateCluster(cluster({ authentication: { mode: 'authenticating_proxy', authenticatingProxy: { ca: 'Q0E=' } } })),
  },
  clusterMasters: {
    doc: '003 T4-17 masterSpec availabilityZone and flavor required',
    bad: () => validateCreateCluster(cluster({ masters: { flavor: 'm' } })),
    kind: 'invalid',
    detail: /^spec\.masters/,
    good: () => validateCreateCluster(cluster({ masters: [{ availabilityZone: 'az1', flavor: 'm' }] })),
  },
  clusterMultiAz: {
    doc: '003 T4-20 clusterAZ multi_az only for HA (s2) flavors',
    bad: () => validateCreateCluster(cluster({ flavor: 'cce.s1.small', extendParam: { clusterAZ: 'multi_az' } })),
    kind: 'invalid',
    detail: /^spec\.extendParam\.clusterAZ: multi_az needs a high-availability/,
    good: () => validateCreateCluster(cluster({ flavor: 'cce.s2.small', extendParam: { clusterAZ: 'multi_az' } })),
  },
  clusterDedicated: {
    doc: '003 T4-20 a dedicated (cce.dec.*) cluster needs clusterAZ and dssMasterVolumes',
    bad: () => validateCreateCluster(cluster({ flavor: 'cce.dec.s1.small', extendParam: { clusterAZ: 'dec-az' } })),
    kind: 'invalid',
    detail: /^spec\.extendParam\.dssMasterVolumes: is required for a dedicated/,
    good: () =>
      validateCreateCluster(
        cluster({ flavor: 'cce.dec.s1.small', extendParam: { clusterAZ: 'dec-az', dssMasterVolumes: 'p1.sas;p2.ssd' } }),
      ),
  },
  clusterDssOnlyDedicated: {
    doc: '003 T4-20 dssMasterVolumes not allowed for non-dedicated clusters',
    bad: () => validateCreateCluster(cluster({ extendParam: { dssMasterVolumes: 'p1.sas;p2.ssd' } })),
    kind: 'invalid',
    detail: /^spec\.extendParam\.dssMasterVolumes: is supported only by dedicated/,
    good: () => validateCreateCluster(cluster({ extendParam: { enterpriseProjectId: '0' } })),
  },
  clusterDssFormat: {
    doc: '003 T4-20 dssMasterVolumes format <pool>.<type>;<pool>.<type>',
    bad: () => validateCreateCluster(cluster({ flavor: 'cce.dec.s1.small', extendParam: { clusterAZ: 'dec-az', dssMasterVolumes: 'p1' } })),
    kind: 'invalid',
    detail: /^spec\.extendParam\.dssMasterVolumes: must match/,
    good: () =>
      validateCreateCluster(
        cluster({ flavor: 'cce.dec.s1.small', extendParam: { clusterAZ: 'dec-az', dssMasterVolumes: 'p1.sas;p2.ssd' } }),
      ),
  },
  clusterInstallAddons: {
    doc: '003 T4-5/T4-6 cluster.install.addons/install: JSON array of AddonTemplate, addonTemplateName required',
    bad: () =>
      validateCreateCluster({
        ...cluster(),
        metadata: { name: 'good-name', annotations: { 'cluster.install.addons/install': '[{"version":"1.0"}]' } },
      }),
    kind: 'invalid',
    detail: /^metadata\.annotations\.cluster\.install\.addons\/install\[0\]\.addonTemplateName: is required/,
    good: () =>
      validateCreateCluster({
        ...cluster(),
        metadata: {
          name: 'good-name',
          annotations: { 'cluster.install.addons/install': '[{"addonTemplateName":"coredns","version":""}]' },
        },
      }),
  },
  clusterVersion: {
    doc: '003 T4-15 version: offered versions only',
    bad: () => validateCreateCluster(cluster({ version: 'v1.15' })),
    kind: 'version',
    detail: /^spec\.version: v1\.15 is not offered/,
    good: () => validateCreateCluster(cluster({ version: 'v1.29' })),
  },
  clusterKeyCase: {
    doc: 'decode: keys match case-insensitively (golangsdk sends "apiversion")',
    bad: () => validateCreateCluster(without({ ...cluster(), apiversion: 'v2' }, 'apiVersion')),
    kind: 'invalid',
    detail: /^apiVersion: must be "v3"/,
    good: () => validateCreateCluster(without({ ...cluster({ HostNetwork: { VPC: 'v', subnet: 's' } }), apiversion: 'v3' }, 'apiVersion')),
  },
  // standard cluster update [003 §4.1.4]
  clusterUpdateSpec: {
    doc: '003 T4-43 spec required',
    bad: () => validateUpdateCluster({ metadata: {} }, clusterNow),
    kind: 'invalid',
    detail: /^spec: is required/,
    good: () => validateUpdateCluster({ spec: { description: 'd' } }, clusterNow),
  },
  clusterUpdateOnlyDescription: {
    doc: '003 T4-44 only spec.description can be updated (others may be echoed unchanged)',
    bad: () => validateUpdateCluster({ spec: { description: 'd', version: 'v1.30' } }, clusterNow),
    kind: 'invalid',
    detail: /^spec\.version: cannot be changed/,
    good: () =>
      validateUpdateCluster(
        { spec: { description: 'd', version: 'v1.29', hostNetwork: { vpc: 'v' } }, metadata: { name: 'good-name' } },
        clusterNow,
      ),
  },
  clusterUpdateDescription: {
    doc: '003 T4-50 description ≤ 200',
    bad: () => validateUpdateCluster({ spec: { description: 'x'.repeat(201) } }, clusterNow),
    kind: 'invalid',
    detail: /^spec\.description: must NOT have more than 200/,
    good: () => validateUpdateCluster({ spec: { description: 'x'.repeat(200) } }, clusterNow),
  },
  // Autopilot cluster create / update [004 §4.1.1, §4.1.4]
  apFixedFlavor: {
    doc: '004 T4-5 flavor cce.autopilot.cluster',
    bad: () => validateCreateAutopilotCluster(ap({ flavor: 'cce.s1.small' })),
    kind: 'invalid',
    detail: /^spec\.flavor: must be "cce\.autopilot\.cluster"/,
    good: () => validateCreateAutopilotCluster(ap()),
  },
  apSubnetId: {
    doc: '004 T4-9 eniNetwork.subnets[].subnetID required',
    bad: () => validateCreateAutopilotCluster(ap({ eniNetwork: { subnets: [{}] } })),
    kind: 'invalid',
    detail: /^spec\.eniNetwork\.subnets\.0\.subnetID: is required/,
    good: () => validateCreateAutopilotCluster(ap()),
  },
  apInstallAddons: {
    doc: '004 §4.1.1 cluster.install.addons/install must be a JSON array',
    bad: () =>
      validateCreateAutopilotCluster(ap({}, { annotations: { 'cluster.install.addons/install': '{"addonTemplateName":"coredns"}' } })),
    kind: 'invalid',
    detail: /must be a JSON array of AddonTemplate objects/,
    good: () =>
      validateCreateAutopilotCluster(ap({}, { annotations: { 'cluster.install.addons/install': '[{"addonTemplateName":"coredns"}]' } })),
  },
  apUpdateDescription: {
    doc: '004 T4-73 description without ~$%^&*<>[]{}()\'"#\\',
    bad: () => validateUpdateAutopilotCluster({ spec: { description: 'a<b' } }, apNow),
    kind: 'invalid',
    detail: /^spec\.description: must match/,
    good: () => validateUpdateAutopilotCluster({ spec: { description: 'a b' } }, apNow),
  },
  apUpdateOnly: {
    doc: '004 T4-72..T4-76 only description, customSan, eniNetwork.subnets, metadata.alias',
    bad: () => validateUpdateAutopilotCluster({ spec: { hostNetwork: { vpc: 'other' } } }, apNow),
    kind: 'invalid',
    detail: /^spec\.hostNetwork\.vpc: cannot be changed/,
    good: () =>
      validateUpdateAutopilotCluster(
        {
          spec: { hostNetwork: { vpc: 'v' }, eniNetwork: { subnets: [{ subnetID: 'sn-1' }, { subnetID: 'sn-2' }] } },
          metadata: { alias: 'new-alias' },
        },
        apNow,
      ),
  },
  apUpdateAlias: {
    doc: '004 T4-76 alias: the name rules, or empty',
    bad: () => validateUpdateAutopilotCluster({ spec: {}, metadata: { alias: 'No' } }, apNow),
    kind: 'invalid',
    detail: /^metadata\.alias/,
    good: () => validateUpdateAutopilotCluster({ spec: {}, metadata: { alias: '' } }, apNow),
  },
  // node pool create [003 §4.1.19, template §4.1.9]
  poolName: {
    doc: '003 T4-223 name 1..50, no DefaultPool',
    bad: () => validateCreateNodePool({ ...pool(), metadata: { name: 'pool-' } }, 50),
    kind: 'invalid',
    detail: /^metadata\.name: must match/,
    good: () => validateCreateNodePool(pool(), 50),
  },
  poolLoginOne: {
    doc: '003 T4-78 sshKey and userPassword: exactly one',
    bad: () => validateCreateNodePool(pool({ login: { sshKey: 'k', userPassword: { password: 'p' } } }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.login: sshKey and userPassword are exclusive/,
    good: () => validateCreateNodePool(pool({ login: { userPassword: { username: 'root', password: 'p' } } }), 50),
  },
  poolVolume: {
    doc: '003 T4-80 root disk 40..1024, data 100..32768, volumetype enum',
    bad: () => validateCreateNodePool(pool({ dataVolumes: [{ size: 50, volumetype: 'SAS' }] }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.dataVolumes\.0\.size: must be >= 100/,
    good: () => validateCreateNodePool(pool({ dataVolumes: [{ size: 32768, volumetype: 'SSD' }] }), 50),
  },
  poolVolumeMetadata: {
    doc: '003 T4-85 data disk metadata: systemencrypted and systemcmkid',
    bad: () => validateCreateNodePool(pool({ dataVolumes: [{ size: 100, volumetype: 'SAS', metadata: { systemencrypted: '1' } }] }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.dataVolumes\.0\.metadata\.systemcmkid: is required/,
    good: () =>
      validateCreateNodePool(
        pool({ dataVolumes: [{ size: 100, volumetype: 'SAS', metadata: { systemencrypted: '1', systemcmkid: 'key' } }] }),
        50,
      ),
  },
  poolPublicIp: {
    doc: '003 T4-81 publicIP count and eip together',
    bad: () => validateCreateNodePool(pool({ publicIP: { count: 1 } }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.publicIP: count and eip must be given together/,
    good: () =>
      validateCreateNodePool(pool({ publicIP: { count: 1, eip: { iptype: '5_bgp', bandwidth: { size: 10, sharetype: 'PER' } } } }), 50),
  },
  poolEip: {
    doc: '003 T4-82/T4-83 eip.iptype, bandwidth.size/sharetype required',
    bad: () => validateCreateNodePool(pool({ publicIP: { count: 1, eip: { iptype: '5_bgp', bandwidth: { size: 10 } } } }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.publicIP\.eip\.bandwidth\.sharetype: is required/,
    good: () => validateCreateNodePool(pool({ publicIP: { ids: ['eip-1'] } }), 50),
  },
  poolNotForPools: {
    doc: '003 T4-75 ecsGroupId, dedicatedHostId, offloadNode not for node pools',
    bad: () => validateCreateNodePool(pool({ ecsGroupId: 'g' }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.ecsGroupId: is not supported for node pool nodes/,
    good: () => validateCreateNodePool(pool(), 50),
  },
  poolMaxPods: {
    doc: '003 T4-92 maxPods 16..256',
    bad: () => validateCreateNodePool(pool({ extendParam: { maxPods: 8 } }), 50),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.extendParam\.maxPods: must be >= 16/,
    good: () => validateCreateNodePool(pool({ extendParam: { maxPods: 110 } }), 50),
  },
  poolLimit: {
    doc: '003 T4-224 initialNodeCount ≤ the flavor limit',
    bad: () => validateCreateNodePool(pool({}, { initialNodeCount: 51 }), 50),
    kind: 'tooManyNodes',
    detail: /^spec\.initialNodeCount: 51 exceeds/,
    good: () => validateCreateNodePool(pool({}, { initialNodeCount: 50 }), 50),
  },
  poolMinMax: {
    doc: '003 T4-226 maxNodeCount ≥ minNodeCount',
    bad: () => validateCreateNodePool(pool({}, { autoscaling: { minNodeCount: 3, maxNodeCount: 2 } }), 50),
    kind: 'invalid',
    detail: /^spec\.autoscaling\.maxNodeCount: must be >= /,
    good: () => validateCreateNodePool(pool({}, { autoscaling: { minNodeCount: 2, maxNodeCount: 2 } }), 50),
  },
  // node pool update [003 §4.1.22]
  poolPutKind: {
    doc: '003 T4-267 kind required',
    bad: () => validateUpdateNodePool(without(poolPut(), 'kind'), 50, poolNow),
    kind: 'invalid',
    detail: /^kind: is required/,
    good: () => validateUpdateNodePool(poolPut(), 50, poolNow),
  },
  poolPutApiVersion: {
    doc: '003 T4-267 apiVersion required, "v3"',
    bad: () => validateUpdateNodePool(without(poolPut(), 'apiVersion'), 50, poolNow),
    kind: 'invalid',
    detail: /^apiVersion: is required/,
    good: () => validateUpdateNodePool(poolPut(), 50, poolNow),
  },
  poolPutName: {
    doc: '003 T4-268 metadata.name required',
    bad: () => validateUpdateNodePool(poolPut({}, { metadata: {} }), 50, poolNow),
    kind: 'invalid',
    detail: /^metadata\.name: is required/,
    good: () => validateUpdateNodePool(poolPut(), 50, poolNow),
  },
  poolPutCount: {
    doc: '003 T4-269 spec.initialNodeCount required',
    bad: () => validateUpdateNodePool(poolPut({ initialNodeCount: undefined }), 50, poolNow),
    kind: 'invalid',
    detail: /^spec\.initialNodeCount: is required/,
    good: () => validateUpdateNodePool(poolPut({ initialNodeCount: 0 }), 50, poolNow),
  },
  poolPutTemplate: {
    doc: '003 T4-269 spec.nodeTemplate required',
    bad: () => validateUpdateNodePool(poolPut({ nodeTemplate: undefined }), 50, poolNow),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate: is required/,
    good: () => validateUpdateNodePool(poolPut({ nodeTemplate: { k8sTags: { a: 'b' }, taints: [] } }), 50, poolNow),
  },
  poolPutOnly: {
    doc: '003 §4.1.22 note + T4-271: only initialNodeCount, autoscaling, nodeTemplate.k8sTags/taints change',
    bad: () => validateUpdateNodePool(poolPut({ nodeTemplate: { flavor: 'bigger' } }), 50, poolNow),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.flavor: cannot be changed/,
    good: () =>
      validateUpdateNodePool(
        poolPut({ type: 'vm', autoscaling: { enable: true, maxNodeCount: 5 }, nodeTemplate: { ...template, k8sTags: { a: 'b' } } }),
        50,
        poolNow,
      ),
  },
  poolPutRename: {
    doc: '003 T4-268 metadata.name names the pool (not updatable)',
    bad: () => validateUpdateNodePool(poolPut({}, { metadata: { name: 'other' } }), 50, poolNow),
    kind: 'invalid',
    detail: /^metadata\.name: cannot be changed/,
    good: () => validateUpdateNodePool(poolPut(), 50, poolNow),
  },
  poolPutTags: {
    doc: '003 T4-271 k8sTags ≤ 20',
    bad: () =>
      validateUpdateNodePool(
        poolPut({ nodeTemplate: { k8sTags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) } }),
        50,
        poolNow,
      ),
    kind: 'invalid',
    detail: /^spec\.nodeTemplate\.k8sTags: must NOT have more than 20/,
    good: () => validateUpdateNodePool(poolPut({ nodeTemplate: { k8sTags: { k: 'v' } } }), 50, poolNow),
  },
  poolPutLimit: {
    doc: '003 T4-269/T4-270 counts ≤ the flavor limit',
    bad: () => validateUpdateNodePool(poolPut({ initialNodeCount: 201 }), 200, poolNow),
    kind: 'tooManyNodes',
    detail: /^spec\.initialNodeCount: 201 exceeds/,
    good: () => validateUpdateNodePool(poolPut({ initialNodeCount: 200 }), 200, poolNow),
  },
  // add-ons [003 §4.3.1, §4.3.3; 004 §4.2.1, §4.2.3, §4.2.4]
  addonKind: {
    doc: '003 T4-298 kind fixed "Addon"',
    bad: () => validateInstall(addon({}, undefined, { kind: 'Plugin' })),
    kind: 'invalid',
    detail: /^kind: must be "Addon"/,
    good: () => validateInstall(addon()),
  },
  addonSpec: {
    doc: '003 T4-299 version, clusterID, values, addonTemplateName required',
    bad: () => validateInstall(addon({ values: undefined })),
    kind: 'invalid',
    detail: /^spec\.values: is required/,
    good: () => validateInstall(addon()),
  },
  addonAnnotation: {
    doc: '003 T4-298 / 004 T4-151 annotations have fixed values',
    bad: () => validateInstall(addon({}, { annotations: { 'addon.install/type': 'upgrade' } })),
    kind: 'invalid',
    detail: /^metadata\.annotations\.addon\.install\/type: must be "install"/,
    good: () => validateInstall(addon({}, { 'addon.install/type': 'install' })),
  },
  addonUpdateSpec: {
    doc: '003 T4-322 update: every spec field required',
    bad: () => validateUpdate(addon({ version: undefined }, { annotations: { 'addon.upgrade/type': 'upgrade' } })),
    kind: 'invalid',
    detail: /^spec\.version: is required/,
    good: () => validateUpdate(addon({}, { annotations: { 'addon.upgrade/type': 'upgrade' } })),
  },
  apAddonKindIgnored: {
    doc: '004 T4-150 kind/apiVersion required, value ignored',
    bad: () => validateAutopilotInstall(without(addon(), 'kind')),
    kind: 'invalid',
    detail: /^kind: is required/,
    good: () => validateAutopilotInstall(addon({ version: undefined }, undefined, { kind: 'addon', apiVersion: 'v1' })),
  },
  apAddonUpgradeVersion: {
    doc: '004 T4-171 upgrade: version required',
    bad: () => validateAutopilotUpdate(addon({ version: undefined })),
    kind: 'invalid',
    detail: /^spec\.version: is required/,
    good: () => validateAutopilotUpdate(addon()),
  },
  apAddonRollback: {
    doc: '004 T4-180 rollback: clusterID required',
    bad: () => validateRollback({}),
    kind: 'invalid',
    detail: /^clusterID: is required/,
    good: () => validateRollback({ clusterid: 'c' }),
  },
  // upgrade family [004 §4.3]
  upgradeMetadata: {
    doc: '004 T4-211 metadata.apiVersion and kind required',
    bad: () => validateUpgrade({ ...upgrade(), metadata: { apiVersion: 'v3' } }),
    kind: 'invalid',
    detail: /^metadata\.kind: is required/,
    good: () => validateUpgrade(upgrade()),
  },
  upgradeStrategyType: {
    doc: '004 T4-217 strategy.type only inPlaceRollingUpdate',
    bad: () => validateUpgrade(upgrade({ type: 'replace' })),
    kind: 'invalid',
    detail: /^spec\.clusterUpgradeAction\.strategy\.type: must be one of/,
    good: () => validateUpgrade(upgrade()),
  },
  upgradeInPlace: {
    doc: '004 T4-217 inPlaceRollingUpdate required with that strategy type',
    bad: () => validateUpgrade(upgrade({ type: 'inPlaceRollingUpdate' })),
    kind: 'invalid',
    detail: /^spec\.clusterUpgradeAction\.strategy\.inPlaceRollingUpdate: is required when strategy\.type is inPlaceRollingUpdate/,
    good: () => validateUpgrade(upgrade({ type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: {} })),
  },
  upgradeStep: {
    doc: '004 T4-218 userDefinedStep 1..40',
    bad: () => validateUpgrade(upgrade({ type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 0 } })),
    kind: 'invalid',
    detail: /userDefinedStep: must be >= 1/,
    good: () => validateUpgrade(upgrade({ type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 40 } })),
  },
  upgradeAddons: {
    doc: '004 T4-214 addons[]: operation "patch", version required',
    bad: () => validateUpgrade(upgrade(undefined, { addons: [{ addonTemplateName: 'coredns', operation: 'install', version: '1' }] })),
    kind: 'invalid',
    detail: /^spec\.clusterUpgradeAction\.addons\.0\.operation: must be one of "patch"/,
    good: () => validateUpgrade(upgrade(undefined, { addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1' }] })),
  },
  preCheckSpec: {
    doc: '004 T4-238 spec required',
    bad: () => validatePreCheck({ apiVersion: 'v3', kind: 'PreCheckTask' }),
    kind: 'invalid',
    detail: /^spec: is required/,
    good: () => validatePreCheck({ apiVersion: 'v3', kind: 'PreCheckTask', spec: {} }),
  },
  preCheckSelector: {
    doc: '004 T4-241 resourceSelector key node.uid, operator In',
    bad: () =>
      validatePreCheck({
        apiVersion: 'v3',
        kind: 'PreCheckTask',
        spec: { skippedCheckItemList: [{ name: 'x', resourceSelector: { key: 'node.name', operator: 'In' } }] },
      }),
    kind: 'invalid',
    detail: /resourceSelector\.key: must be one of "node\.uid"/,
    good: () =>
      validatePreCheck({
        apiVersion: 'v3',
        kind: 'PreCheckTask',
        spec: { skippedCheckItemList: [{ name: 'x', resourceSelector: { key: 'node.uid', values: ['n1'], operator: 'In' } }] },
      }),
  },
  postCheckSpec: {
    doc: '004 T4-298 apiVersion, kind, spec required',
    bad: () => validatePostCheck({ apiVersion: 'v3', kind: 'PostCheckTask' }),
    kind: 'invalid',
    detail: /^spec: is required/,
    good: () => validatePostCheck({ apiVersion: 'v3', kind: 'PostCheckTask', spec: {} }),
  },
  // tags [004 §4.5], certificate [004 §4.1.6]
  tagsCreateValue: {
    doc: '004 T4-377 value may be empty but must be present',
    bad: () => validateCreateTags({ tags: [{ key: 'k' }] }),
    kind: 'invalid',
    detail: /^tags\.0\.value: is required/,
    good: () => validateCreateTags({ tags: [{ key: 'k', value: '' }] }),
  },
  tagsCreateKey: {
    doc: '004 T4-377 key: no leading/trailing spaces, no _sys_',
    bad: () => validateCreateTags({ tags: [{ key: ' k', value: 'v' }] }),
    kind: 'invalid',
    detail: /^tags\.0\.key: must match/,
    good: () => validateCreateTags({ tags: [{ key: 'k k', value: 'v' }] }),
  },
  tagsDeleteKey: {
    doc: '004 T4-381 delete key: same character rules, no _sys_',
    bad: () => validateDeleteTags({ tags: [{ key: '_sys_x' }] }),
    kind: 'invalid',
    detail: /^tags\.0\.key: must match/,
    good: () => validateDeleteTags({ tags: [{ key: 'team' }] }),
  },
  certDuration: {
    doc: '004 T4-112 duration 1..1827 or -1',
    bad: () => validateCertRequest({ duration: 1828 }),
    kind: 'invalid',
    detail: /^duration: must be an integer from 1 to 1827, or -1/,
    good: () => validateCertRequest({ duration: -1 }),
  },
  // API server EIP [004 §4.1.8]
  masterEipSpec: {
    doc: '004 T4-130 spec required',
    bad: () => validateMasterEip({ action: 'bind' }),
    kind: 'invalid',
    detail: /^spec: is required/,
    good: () => validateMasterEip({ spec: { action: 'unbind' } }),
  },
  masterEipAction: {
    doc: '004 T4-131 action bind | unbind ("必选参数")',
    bad: () => validateMasterEip({ spec: { action: 'attach', spec: { id: 'e' } } }),
    kind: 'invalid',
    detail: /^spec\.action: must be one of "bind", "unbind"/,
    good: () => validateMasterEip({ spec: { action: 'bind', spec: { id: 'e' } } }),
  },
  masterEipBindId: {
    doc: '004 T4-132 id required to bind',
    bad: () => validateMasterEip({ spec: { action: 'bind' } }),
    kind: 'invalid',
    detail: /^spec\.spec\.id: is required to bind/,
    good: () => validateMasterEip({ spec: { action: 'unbind', spec: {} } }),
  },
};

describe('sim request rules (one row per documented rule)', () => {
  for (const [name, r] of Object.entries(rules)) {
    it(`${name} [${r.doc}]`, () => {
      const bad = outcome(r.bad);
      expect(bad, 'the bad body').to.match(new RegExp(`^${r.kind}: `));
      expect(bad.slice(r.kind.length + 2), 'the detail').to.match(r.detail);
      expect(outcome(r.good), 'the good body').to.equal('ok');
    });
  }
});

describe('sim key normalisation (Go decoding: documented names match case-insensitively)', () => {
  const schema = S.obj({
    apiVersion: S.str(),
    metadata: S.obj({ annotations: S.map() }),
    spec: S.obj({ hostNetwork: S.obj({ vpc: S.str() }), values: { type: 'object' } }),
  });
  const cases: Record<string, { reason: string; input: Body; want: Body }> = {
    rename: {
      reason: 'a documented name in another case takes the documented spelling',
      input: { apiversion: 'v3', SPEC: { hostnetwork: { VPC: 'x' } } },
      want: { apiVersion: 'v3', spec: { hostNetwork: { vpc: 'x' } } },
    },
    unknown: { reason: 'undocumented keys keep their spelling', input: { Foo: 1, spec: { Bar: 2 } }, want: { Foo: 1, spec: { Bar: 2 } } },
    maps: {
      reason: 'map keys are data: never renamed',
      input: { metadata: { annotations: { APIVERSION: 'x' } }, spec: { values: { HostNetwork: 1 } } },
      want: { metadata: { annotations: { APIVERSION: 'x' } }, spec: { values: { HostNetwork: 1 } } },
    },
    lastWins: {
      reason: 'both spellings: the later key wins, as in encoding/json',
      input: { apiVersion: 'v3', apiversion: 'v9' },
      want: { apiVersion: 'v9' },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(normaliseKeys(schema, c.input)).to.deep.equal(c.want));
  }
});
