import { expect } from 'chai';
import { formatDuration, parseDuration } from '../../../operator/runtime/duration.js';

describe('runtime/duration', () => {
  const cases = {
    '500ms': 500,
    '30s': 30_000,
    '10m': 600_000,
    '1h30m': 5_400_000,
    '1.5s': 1_500,
    '15': 15_000,
    ' 2m ': 120_000,
    '': undefined,
    '10 minutes': undefined,
    '5d': undefined,
    '-1s': undefined,
    's': undefined,
  };
  for (const [text, want] of Object.entries(cases)) {
    it(`parses "${text}"`, () => expect(parseDuration(text)).to.equal(want));
  }

  const formats = { 600_000: '10m', 1_500: '1.5s', 90_000: '1m30s', 250: '250ms', 0: '0s', 3_600_000: '1h' };
  for (const [ms, want] of Object.entries(formats)) {
    it(`formats ${ms}ms as ${want}`, () => expect(formatDuration(Number(ms))).to.equal(want));
  }
});
