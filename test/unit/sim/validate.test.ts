import { expect } from 'chai';
import { validateCreateCluster } from '../../../sim/validate/cluster.js';
import { validateCreateAutopilotCluster } from '../../../sim/validate/autopilot-cluster.js';
import { validateCreateNodePool, validateUpdateNodePool } from '../../../sim/validate/nodepool.js';
import { validateInstall, validateRollback } from '../../../sim/validate/addon.js';
import { validateUpgrade } from '../../../sim/validate/upgrade.js';
import { CceError } from '../../../sim/errors.js';

function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof CceError ? `${e.kind}: ${e.detail}` : String(e);
  }
}

const cluster = (spec: Record<string, unknown> = {}, name = 'good-name') => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name },
  spec: {
    type: 'VirtualMachine',
    flavor: 'cce.s2.medium',
    hostNetwork: { vpc: 'v', subnet: 's' },
    containerNetwork: { mode: 'vpc-router' },
    ...spec,
  },
});
const ap = (spec: Record<string, unknown> = {}) => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name: 'ap-name' },
  spec: { flavor: 'cce.autopilot.cluster', hostNetwork: { vpc: 'v' }, containerNetwork: { mode: 'eni' }, ...spec },
});
const template = {
  flavor: 'f',
  az: 'az',
  login: { sshKey: 'k' },
  rootVolume: { size: 40, volumetype: 'SSD' },
  dataVolumes: [{ size: 100, volumetype: 'GPSSD' }],
};
const pool = (spec: Record<string, unknown> = {}, name = 'pool') => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name },
  spec: { initialNodeCount: 1, nodeTemplate: template, ...spec },
});
const poolPut = (spec: Record<string, unknown> = {}) => ({
  kind: 'NodePool',
  apiVersion: 'v3',
  metadata: { name: 'pool' },
  spec: { initialNodeCount: 1, nodeTemplate: {}, ...spec },
});
const poolNow = { metadata: { name: 'pool' }, spec: { initialNodeCount: 1, nodeTemplate: template } };

describe('sim validation', () => {
  const cases: Record<string, { reason: string; run: () => void; want: string }> = {
    clusterOk: { reason: 'a minimal standard body', run: () => validateCreateCluster(cluster()), want: 'ok' },
    clusterName4: {
      reason: 'names are at least 4 characters',
      run: () => validateCreateCluster(cluster({}, 'abc')),
      want: 'invalid: metadata.name: must NOT have fewer than 4 characters',
    },
    clusterType: {
      reason: 'type enum',
      run: () => validateCreateCluster(cluster({ type: 'Mainframe' })),
      want: 'invalid: spec.type: must be one of "VirtualMachine", "ARM64", "BareMetal", "Windows"',
    },
    clusterDec: {
      reason: 'dedicated flavors are accepted (with the clusterAZ and dssMasterVolumes they require)',
      run: () =>
        validateCreateCluster(
          cluster({ flavor: 'cce.dec.s2.large', extendParam: { clusterAZ: 'dec-az1', dssMasterVolumes: 'p1.sas;p2.ssd' } }),
        ),
      want: 'ok',
    },
    clusterEni: {
      reason: 'eni needs Turbo',
      run: () => validateCreateCluster(cluster({ containerNetwork: { mode: 'eni' } })),
      want: 'invalid: spec.containerNetwork.mode: eni requires spec.category Turbo',
    },
    clusterEniTurbo: {
      reason: 'eni with Turbo',
      run: () => validateCreateCluster(cluster({ category: 'Turbo', containerNetwork: { mode: 'eni' } })),
      want: 'ok',
    },
    clusterCidr: {
      reason: 'cidr format',
      run: () => validateCreateCluster(cluster({ containerNetwork: { mode: 'overlay_l2', cidr: 'ten' } })),
      want: 'invalid: spec.containerNetwork.cidr: must match ^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$',
    },
    clusterVersion: {
      reason: 'a full patch version of an offered baseline',
      run: () => validateCreateCluster(cluster({ version: 'v1.27.16-r0' })),
      want: 'ok',
    },
    apOk: { reason: 'a minimal Autopilot body', run: () => validateCreateAutopilotCluster(ap()), want: 'ok' },
    apKindLower: {
      reason: 'Autopilot kind may be lower case',
      run: () => validateCreateAutopilotCluster({ ...ap(), kind: 'cluster' }),
      want: 'ok',
    },
    apSvcCidr: {
      reason: 'serviceNetwork.IPv4CIDR format',
      run: () => validateCreateAutopilotCluster(ap({ serviceNetwork: { IPv4CIDR: 'x' } })),
      want: 'invalid: spec.serviceNetwork.IPv4CIDR: must match ^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$',
    },
    apVersion: {
      reason: 'v1.25 is not offered on Autopilot',
      run: () => validateCreateAutopilotCluster(ap({ version: 'v1.25' })),
      want: 'version: spec.version: v1.25 is not offered',
    },
    apTagSys: {
      reason: 'tag keys must not start with _sys_',
      run: () => validateCreateAutopilotCluster(ap({ clusterTags: [{ key: '_sys_a', value: '' }] })),
      want: 'invalid: spec.clusterTags.0.key: must match ^(?!_sys_)[\\p{L}\\p{N}_.:/=+\\-@]([\\p{L}\\p{N} _.:/=+\\-@]*[\\p{L}\\p{N}_.:/=+\\-@])?$',
    },
    poolOk: { reason: 'a minimal pool', run: () => validateCreateNodePool(pool(), 50), want: 'ok' },
    poolDefault: {
      reason: 'DefaultPool is reserved (and fails the pattern)',
      run: () => validateCreateNodePool(pool({}, 'DefaultPool'), 50),
      want: 'invalid: metadata.name: must match ^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$',
    },
    poolLogin: {
      reason: 'login needs sshKey or userPassword',
      run: () => validateCreateNodePool(pool({ nodeTemplate: { ...template, login: {} } }), 50),
      want: 'invalid: spec.nodeTemplate.login: one of sshKey or userPassword is required',
    },
    poolTaint: {
      reason: 'taint effect enum',
      run: () => validateCreateNodePool(pool({ nodeTemplate: { ...template, taints: [{ key: 'k', effect: 'Never' }] } }), 50),
      want: 'invalid: spec.nodeTemplate.taints.0.effect: must be one of "NoSchedule", "PreferNoSchedule", "NoExecute"',
    },
    poolMaxPods: {
      reason: 'maxPods 16..256',
      run: () => validateCreateNodePool(pool({ nodeTemplate: { ...template, extendParam: { maxPods: 300 } } }), 50),
      want: 'invalid: spec.nodeTemplate.extendParam.maxPods: must be <= 256',
    },
    poolLimit: {
      reason: 'autoscaling max above the flavor limit',
      run: () => validateUpdateNodePool(poolPut({ autoscaling: { maxNodeCount: 201 } }), 200, poolNow),
      want: "tooManyNodes: spec.autoscaling.maxNodeCount: 201 exceeds the cluster flavor's limit of 200 nodes",
    },
    poolTags: {
      reason: 'at most 20 k8sTags',
      run: () =>
        validateUpdateNodePool(
          poolPut({ nodeTemplate: { k8sTags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) } }),
          50,
          poolNow,
        ),
      want: 'invalid: spec.nodeTemplate.k8sTags: must NOT have more than 20 properties',
    },
    addonNoCluster: {
      reason: 'install needs spec.clusterID',
      run: () =>
        validateInstall({ kind: 'Addon', apiVersion: 'v3', metadata: {}, spec: { addonTemplateName: 'a', version: '1', values: {} } }),
      want: 'invalid: spec.clusterID: is required',
    },
    rollbackNoCluster: { reason: 'rollback needs clusterID', run: () => validateRollback({}), want: 'invalid: clusterID: is required' },
    upgradeMeta: {
      reason: 'upgrade needs metadata.kind',
      run: () => validateUpgrade({ metadata: { apiVersion: 'v3' }, spec: {} }),
      want: 'invalid: metadata.kind: is required',
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(outcome(c.run)).to.equal(c.want));
  }
});
