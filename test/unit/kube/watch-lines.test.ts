/** The watch body parser (operator/runtime/kube/watch-lines.ts): one JSON event per line, chunks cut anywhere. */
import { expect } from 'chai';
import { WatchLineParser, WatchParseError } from '../../../operator/runtime/kube/watch-lines.js';

const added = { type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '1' } } };
const bookmark = { type: 'BOOKMARK', object: { kind: 'Secret', metadata: { resourceVersion: '9' } } };
const gone = { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } };
const line = (e: object) => JSON.stringify(e);

describe('watch line parser', () => {
  const cases: Record<string, { chunks: string[]; want: object[][]; end?: object[] }> = {
    'one event per chunk': { chunks: [`${line(added)}\n`, `${line(bookmark)}\n`], want: [[added], [bookmark]] },
    'two events in one chunk': { chunks: [`${line(added)}\n${line(gone)}\n`], want: [[added, gone]] },
    'a line cut in three': {
      chunks: [line(added).slice(0, 5), line(added).slice(5, 20), `${line(added).slice(20)}\n`],
      want: [[], [], [added]],
    },
    'a newline at the start of the next chunk, blank lines skipped': {
      chunks: [line(added), `\n\n${line(bookmark)}\r\n`],
      want: [[], [added, bookmark]],
    },
    'the last line without a newline comes at the end': { chunks: [`${line(added)}\n${line(gone)}`], want: [[added]], end: [gone] },
  };
  for (const [reason, c] of Object.entries(cases)) {
    it(reason, () => {
      const p = new WatchLineParser();
      expect(c.chunks.map((chunk) => p.push(chunk))).to.deep.equal(c.want);
      expect(p.end()).to.deep.equal(c.end ?? []);
    });
  }

  const bad: Record<string, string> = {
    'not JSON': '{"type":"ADDED",',
    'JSON but no event type': '{"object":{}}',
    'an unknown event type': '{"type":"SYNC","object":{}}',
    'an event without an object': '{"type":"ADDED"}',
  };
  for (const [reason, text] of Object.entries(bad)) {
    it(`refuses ${reason}`, () => expect(() => new WatchLineParser().push(`${text}\n`)).to.throw(WatchParseError, /^watch: /));
  }
});
