import { expect } from 'chai';
import { addonInstallRequest, addonUpgradeRequest } from '../../../operator/cloud/addons.js';
import { flattenJobs } from '../../../operator/cloud/jobs.js';
import type { Job } from '../../../operator/cloud/models/job.js';

const job = (uid: string, subJobs: Job[] = []): Job => ({
  kind: 'Job',
  apiVersion: 'v3',
  metadata: { uid },
  spec: { subJobs },
  status: { phase: 'Success' },
});

describe('cloud/jobs and request builders', () => {
  it('flattens a job with nested sub-jobs depth-first', () => {
    const tree = job('root', [job('a', [job('a1')]), job('b')]);
    expect(flattenJobs(tree).map((j) => j.metadata.uid)).to.deep.equal(['root', 'a', 'a1', 'b']);
  });

  const cases = {
    'install carries the install annotation and omits an unset version': {
      got: addonInstallRequest({ clusterId: 'c', addonTemplateName: 'coredns', values: { basic: {} } }),
      want: {
        kind: 'Addon',
        apiVersion: 'v3',
        metadata: { annotations: { 'addon.install/type': 'install' } },
        spec: { clusterID: 'c', addonTemplateName: 'coredns', values: { basic: {} } },
      },
    },
    'upgrade carries the upgrade annotation and the version': {
      got: addonUpgradeRequest({ clusterId: 'c', addonTemplateName: 'coredns', version: '1.28.6', values: {} }),
      want: {
        kind: 'Addon',
        apiVersion: 'v3',
        metadata: { annotations: { 'addon.upgrade/type': 'upgrade' } },
        spec: { clusterID: 'c', addonTemplateName: 'coredns', values: {}, version: '1.28.6' },
      },
    },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(c.got).to.deep.equal(c.want));
  }
});
