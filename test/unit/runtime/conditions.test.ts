import { expect } from 'chai';
import {
  getCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  setConditions,
  type Condition,
} from '../../../operator/runtime/conditions.js';

const T0 = '2024-01-01T00:00:00Z';
const now = new Date('2024-06-01T12:00:00.123Z');
const NOW = '2024-06-01T12:00:00Z';
const ready = (status: Condition['status'], extra: Partial<Condition> = {}): Condition => ({
  type: 'Ready',
  status,
  reason: 'Available',
  message: 'cluster is available',
  lastTransitionTime: T0,
  observedGeneration: 1,
  ...extra,
});

describe('runtime/conditions', () => {
  const cases: Record<
    string,
    { reason: string; before: Condition[] | undefined; set: Omit<Condition, 'lastTransitionTime'>; want: Condition[] }
  > = {
    add: {
      reason: 'a new condition gets lastTransitionTime = now (second precision)',
      before: undefined,
      set: { type: 'Ready', status: 'False', reason: 'Creating', message: 'job running', observedGeneration: 2 },
      want: [
        { type: 'Ready', status: 'False', reason: 'Creating', message: 'job running', observedGeneration: 2, lastTransitionTime: NOW },
      ],
    },
    flip: {
      reason: 'a status flip moves lastTransitionTime',
      before: [ready('False')],
      set: { type: 'Ready', status: 'True', reason: 'Available', message: 'ok', observedGeneration: 1 },
      want: [ready('True', { message: 'ok', lastTransitionTime: NOW })],
    },
    'same status, new reason': {
      reason: 'reason/message/generation change but status does not: lastTransitionTime kept',
      before: [ready('False')],
      set: { type: 'Ready', status: 'False', reason: 'Upgrading', message: 'step 2', observedGeneration: 3 },
      want: [ready('False', { reason: 'Upgrading', message: 'step 2', observedGeneration: 3 })],
    },
    'others untouched': {
      reason: 'only the named type changes, order kept',
      before: [{ ...ready('True'), type: 'Synced' }, ready('True')],
      set: { type: 'Ready', status: 'False', reason: 'Error', message: 'x', observedGeneration: 1 },
      want: [{ ...ready('True'), type: 'Synced' }, ready('False', { reason: 'Error', message: 'x', lastTransitionTime: NOW })],
    },
    'no observedGeneration': {
      reason: 'observedGeneration is optional and omitted when absent',
      before: [],
      set: { type: 'Stalled', status: 'True', reason: 'Quota', message: 'quota' },
      want: [{ type: 'Stalled', status: 'True', reason: 'Quota', message: 'quota', lastTransitionTime: NOW }],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.reason}`, () => expect(setCondition(c.before, c.set, now)).to.deep.equal(c.want));
  }

  it('returns the same array when nothing changed (so the status write is skipped)', () => {
    const before = [ready('True')];
    const { lastTransitionTime: _t, ...same } = ready('True');
    expect(setCondition(before, same, now)).to.equal(before);
  });

  it('does not mutate its input', () => {
    const before = [ready('False')];
    setCondition(before, { type: 'Ready', status: 'True', reason: 'A', message: 'b' }, now);
    expect(before).to.deep.equal([ready('False')]);
  });

  it('setConditions applies several; get/isTrue/remove read them', () => {
    const list = setConditions(
      undefined,
      [
        { type: 'Ready', status: 'True', reason: 'Available', message: '' },
        { type: 'Synced', status: 'False', reason: 'ApiError', message: 'CCE.01400001' },
      ],
      now,
    );
    expect([isConditionTrue(list, 'Ready'), isConditionTrue(list, 'Synced'), isConditionTrue(list, 'Nope')]).to.deep.equal([
      true,
      false,
      false,
    ]);
    expect(getCondition(list, 'Synced')?.reason).to.equal('ApiError');
    expect(removeCondition(list, 'Ready').map((c) => c.type)).to.deep.equal(['Synced']);
    expect(removeCondition(list, 'Nope')).to.equal(list);
  });
});
