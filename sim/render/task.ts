/** UpgradeTask, PreCheckTask, PostCheckTask and SnapshotTask objects. */
import type { TaskRec } from '../state.js';
import { clone, type JsonObject } from '../json.js';
import { goTime } from '../time.js';
import { completionTime, taskPhase, taskProgress } from '../lifecycle/task.js';

function meta(t: TaskRec, now: number): JsonObject {
  const done = completionTime(t, now);
  return {
    uid: t.uid,
    creationTimestamp: goTime(t.createdAt),
    updateTimestamp: goTime(done ?? Math.max(t.createdAt, Math.min(now, t.startedAt))),
  };
}

export function renderUpgradeTask(t: TaskRec, now: number): JsonObject {
  const done = completionTime(t, now);
  return {
    apiVersion: 'v3',
    kind: 'UpgradeTask',
    metadata: meta(t, now),
    spec: clone(t.spec),
    status: { phase: taskPhase(t, now), progress: taskProgress(t, now), completionTime: done ? goTime(done) : '' },
  };
}

/** The fields of a failed cluster check item besides the knob's name, kind and message [004 T4-247]. */
const clusterItem: JsonObject = { group: 'ClusterCheck', level: 'Fatal', phase: 'Failed', riskSource: {}, errorCodes: [] };

export function renderPreCheck(t: TaskRec, now: number): JsonObject {
  const phase = taskPhase(t, now);
  // Failed by the admin knob: its items are cluster check items; otherwise (a jobFailure fault) an add-on item.
  const knob = t.failedItems;
  const part = phase === 'Failed' ? 'Failed' : phase;
  const done = completionTime(t, now);
  const status: JsonObject = {
    phase,
    clusterCheckStatus: knob
      ? { phase: part, itemsStatus: phase === 'Failed' ? knob.map((i) => ({ ...clusterItem, ...i })) : [] }
      : { phase: phase === 'Failed' ? 'Success' : part, itemsStatus: [] },
    addonCheckStatus: {
      phase: knob ? (phase === 'Failed' ? 'Success' : part) : part,
      itemsStatus:
        phase === 'Failed' && !knob
          ? [
              {
                name: 'AddonLimit',
                kind: 'Exception',
                group: 'AddonCheck',
                level: 'Fatal',
                phase: 'Failed',
                message: t.fail ?? '',
                riskSource: {},
                errorCodes: [],
              },
            ]
          : [],
    },
    nodeCheckStatus: { phase: phase === 'Failed' ? 'Success' : part, nodeStageStatus: [] },
  };
  if (done) status.expireTimeStamp = goTime(done + 3600_000);
  if (phase === 'Failed') status.message = t.fail ?? '';
  return { kind: 'PreCheckTask', apiVersion: 'v3', metadata: meta(t, now), spec: clone(t.spec), status };
}

export function renderPostCheck(t: TaskRec, now: number): JsonObject {
  return {
    kind: 'PostCheckTask',
    apiVersion: 'v3',
    metadata: meta(t, now),
    spec: clone(t.spec),
    status: { phase: t.fail !== undefined ? 'Failed' : 'Success' },
  };
}

export function renderSnapshotTask(t: TaskRec, now: number): JsonObject {
  const done = completionTime(t, now);
  const phase = taskPhase(t, now);
  return {
    kind: 'SnapshotTask',
    apiVersion: 'v3.1',
    metadata: meta(t, now),
    spec: {
      items: [
        {
          id: t.uid,
          type: 'EvsSnapshot',
          status: phase,
          creationTimestamp: goTime(t.createdAt),
          updateTimestamp: goTime(done ?? t.createdAt),
          message: t.fail ?? '',
        },
      ],
    },
    status: { phase, progress: taskProgress(t, now).replace(/\.00$/, ''), completionTime: done ? goTime(done) : '' },
  };
}
