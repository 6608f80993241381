import { expect } from 'chai';
import { extractJobId, extractTaskId } from '../../../operator/cloud/job-id.js';

describe('cloud/job-id', () => {
  const cases = {
    'cluster create/delete, node create/delete: status.jobID': {
      body: { kind: 'Cluster', status: { phase: 'Creating', jobID: 'j1' } },
      want: 'j1',
    },
    'node-pool delete: status.jobId': { body: { status: { phase: 'Deleting', jobId: 'j2' } }, want: 'j2' },
    'node-pool delete as OCR-printed: status.jobld': { body: { status: { phase: 'Deleting', jobld: 'j3' } }, want: 'j3' },
    'node add/reset: top-level jobid': { body: { jobid: 'j4' }, want: 'j4' },
    'delete all nodes: top-level jobID': { body: { jobID: 'j5' }, want: 'j5' },
    'Autopilot create: metadata.annotations.jobid only': {
      body: { metadata: { annotations: { jobid: 'j6', resourceJobId: 'r' } }, status: { phase: 'Creating' } },
      want: 'j6',
    },
    'status.jobID wins over the annotation': { body: { metadata: { annotations: { jobid: 'a' } }, status: { jobID: 'b' } }, want: 'b' },
    'node-pool create has none': { body: { kind: 'NodePool', metadata: { uid: 'np' }, status: { phase: '' } }, want: undefined },
    'empty string is not an id': { body: { status: { jobID: '' } }, want: undefined },
    'non-object body': { body: 'success', want: undefined },
    'no body': { body: undefined, want: undefined },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => expect(extractJobId(c.body)).to.equal(c.want));
  }

  const taskCases = {
    'upgrade/pre-check: metadata.uid': { body: { metadata: { uid: 't1' } }, want: 't1' },
    'snapshot: top-level uid': { body: { uid: 't2', metadata: { kind: 'Snapshot', apiVersion: 'v3.1' } }, want: 't2' },
    'none': { body: {}, want: undefined },
  };
  for (const [reason, c] of Object.entries(taskCases)) {
    it(`task id: ${reason}`, () => expect(extractTaskId(c.body)).to.equal(c.want));
  }
});
