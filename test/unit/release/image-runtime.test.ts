/**
 * The Dockerfile's final stage as the image test and the fleet benchmark read it: ENV, node flags, script and CMD.
 */
import { expect } from 'chai';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseImageRuntime, readImageRuntime, runtimeLine } from '../../../hack/image-runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('image runtime (Dockerfile final stage)', () => {
  it('reads only the final stage: its ENV (both forms, quotes, continuations), node flags, script and CMD', () => {
    const rt = parseImageRuntime(
      [
        'FROM node:24 AS build',
        'ENV BUILD_ONLY=1',
        'ENTRYPOINT ["sh"]',
        'FROM node:24',
        'ENV A=1 B="two words" \\',
        '    C=3',
        'ENV LEGACY some value',
        'ENV A=4',
        'ENTRYPOINT ["node", "--enable-source-maps", "--max-semi-space-size=4", "dist/main.js"]',
        'CMD ["run"]',
      ].join('\n'),
    );
    expect(rt.env).to.deep.equal({ A: '4', B: 'two words', C: '3', LEGACY: 'some value' });
    expect(rt.nodeFlags).to.deep.equal(['--enable-source-maps', '--max-semi-space-size=4']);
    expect(rt.script).to.equal('dist/main.js');
    expect(rt.entrypointArgs).to.deep.equal(['--enable-source-maps', '--max-semi-space-size=4', 'dist/main.js']);
    expect(rt.command).to.deep.equal(['node', '--enable-source-maps', '--max-semi-space-size=4', 'dist/main.js', 'run']);
    expect(runtimeLine(rt)).to.equal('A=4 B=two words C=3 LEGACY=some value node --enable-source-maps --max-semi-space-size=4');
  });

  it('refuses a shell-form or non-node ENTRYPOINT with the line it read', () => {
    expect(() => parseImageRuntime('FROM x\nENTRYPOINT node main.js')).to.throw(/ENTRYPOINT is not in exec form.*node main\.js/);
    expect(() => parseImageRuntime('FROM x\nENTRYPOINT ["sh", "-c", "x"]')).to.throw(/does not run node/);
    expect(() => parseImageRuntime('ENTRYPOINT ["node"]')).to.throw(/no FROM/);
  });

  it("the repository's image runs the operator with the memory settings docs/image.md describes", () => {
    const rt = readImageRuntime(join(root, 'Dockerfile'));
    expect(rt.script).to.equal('dist/operator/main.js');
    expect(rt.nodeFlags).to.include('--max-semi-space-size=4');
    expect(rt.env).to.include({ NODE_ENV: 'production', MALLOC_ARENA_MAX: '2' });
    expect(rt.command.at(-1)).to.equal('run');
  });
});
