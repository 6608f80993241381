import { expect } from 'chai';
import { jobPhase, renderJob } from '../../../sim/jobs.js';
import { taskPhase, taskProgress } from '../../../sim/lifecycle/task.js';
import { nodePhase } from '../../../sim/lifecycle/node.js';
import type { JobRec, NodeRec, TaskRec } from '../../../sim/state.js';

const job = (durationMs: number, fail?: string, subs = 2): JobRec => ({
  uid: 'j',
  projectId: 'p',
  type: 'CreateCluster',
  clusterUID: 'c',
  resourceID: 'c',
  resourceName: 'n',
  subJobs: Array.from({ length: subs }, (_, i) => ({ uid: `s${i}`, type: `T${i}` })),
  startedAt: 1000,
  durationMs,
  ...(fail !== undefined ? { fail } : {}),
});

describe('sim lifecycle: jobs', () => {
  const cases: Record<string, { reason: string; job: JobRec; at: number; phase: string; subs: string[] }> = {
    zeroDuration: { reason: 'jobSeconds 0: done at the next read', job: job(0), at: 1000, phase: 'Success', subs: ['Success', 'Success'] },
    start: { reason: 'first 10%: Initializing', job: job(100), at: 1005, phase: 'Initializing', subs: ['Running', 'Initializing'] },
    middle: { reason: 'second sub-job runs in the second half', job: job(100), at: 1060, phase: 'Running', subs: ['Success', 'Running'] },
    done: { reason: 'at the end: Success', job: job(100), at: 1100, phase: 'Success', subs: ['Success', 'Success'] },
    failed: {
      reason: 'a failing job fails its last sub-job',
      job: job(100, 'boom'),
      at: 1200,
      phase: 'Failed',
      subs: ['Success', 'Failed'],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => {
      expect(jobPhase(c.job, c.at)).to.equal(c.phase);
      const r = renderJob(c.job, c.at) as { spec: { subJobs: { status: { phase: string } }[] }; status: { reason: string } };
      expect(r.spec.subJobs.map((s) => s.status.phase)).to.deep.equal(c.subs);
      expect(r.status.reason).to.equal(c.phase === 'Failed' ? 'boom' : '');
    });
  }
});

describe('sim lifecycle: tasks and nodes', () => {
  const task = (kind: TaskRec['kind'], fail?: string): TaskRec => ({
    uid: 't',
    clusterId: 'c',
    kind,
    spec: {},
    startedAt: 0,
    durationMs: 100,
    createdAt: 0,
    ...(fail !== undefined ? { fail } : {}),
  });
  const cases: Record<string, { reason: string; t: TaskRec; at: number; phase: string; progress: string }> = {
    beforeStart: { reason: 'the creation response shows Init', t: task('UpgradeTask'), at: -1, phase: 'Init', progress: '0.00' },
    init: { reason: 'first 10%', t: task('UpgradeTask'), at: 5, phase: 'Init', progress: '5.00' },
    queuing: { reason: '10-30%', t: task('UpgradeTask'), at: 20, phase: 'Queuing', progress: '20.00' },
    running: { reason: 'after 30%', t: task('UpgradeTask'), at: 50, phase: 'Running', progress: '50.00' },
    success: { reason: 'at the end', t: task('UpgradeTask'), at: 100, phase: 'Success', progress: '100.00' },
    failed: { reason: 'failed keeps half progress', t: task('UpgradeTask', 'x'), at: 100, phase: 'Failed', progress: '50.00' },
    precheckRunning: { reason: 'pre-checks have no Queuing', t: task('PreCheckTask'), at: 20, phase: 'Running', progress: '20.00' },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`task ${name}: ${c.reason}`, () => {
      expect(taskPhase(c.t, c.at)).to.equal(c.phase);
      expect(taskProgress(c.t, c.at)).to.equal(c.progress);
    });
  }

  const node = (extra: Partial<NodeRec> = {}): NodeRec => ({
    uid: 'n',
    clusterId: 'c',
    name: 'n',
    spec: {},
    serverId: 's',
    privateIP: 'ip',
    createdAt: 0,
    readyAt: 100,
    ...extra,
  });
  const nodeCases: Record<string, { reason: string; n: NodeRec; at: number; phase: string }> = {
    build: { reason: 'first half', n: node(), at: 10, phase: 'Build' },
    installing: { reason: 'second half', n: node(), at: 60, phase: 'Installing' },
    active: { reason: 'ready', n: node(), at: 100, phase: 'Active' },
    deleting: { reason: 'delete in flight', n: node({ op: { kind: 'delete', startedAt: 0, durationMs: 10 } }), at: 100, phase: 'Deleting' },
    abnormal: { reason: 'a failed delete', n: node({ abnormal: true }), at: 100, phase: 'Abnormal' },
  };
  for (const [name, c] of Object.entries(nodeCases)) {
    it(`node ${name}: ${c.reason}`, () => expect(nodePhase(c.n, c.at)).to.equal(c.phase));
  }
});
