import { expect } from 'chai';
import { Faults, checkFaultSpec } from '../../../sim/faults.js';
import { compilePathPattern, MAX_PATTERN_LENGTH } from '../../../sim/path-pattern.js';

const paths = [
  '',
  '/x',
  '/xyz',
  '/autopilot/v3/projects/p/clusters',
  '/api/v3/projects/p/clusters',
  '/api/v3/projects/p/clusters/',
  '/api/v3/projects/p/clusters/c1/operation/upgrade',
  '/api/v3/addons/a1',
  'ababc',
  'aax',
  'a{,2}',
  'foo-bar.json',
  'aaaa!',
];

describe('sim path patterns: a regular-expression subset matched without backtracking', () => {
  const sameAsRegExp = {
    anchors: { reason: 'the forms the tests use', pattern: '^/autopilot/' },
    suffix: { reason: 'an end anchor', pattern: '/clusters$' },
    segment: { reason: 'a negated class and an optional slash', pattern: '^/api/v3/projects/[^/]+/clusters/?$' },
    alternation: { reason: 'alternation in a non-capturing group, repeated', pattern: '(?:addons|clusters)/\\w+' },
    counted: { reason: 'counted repetition', pattern: '[a-c]{2,3}x' },
    lazy: { reason: 'a lazy quantifier matches the same paths', pattern: 'a+?!' },
    literalBrace: { reason: "a '{' that is no quantifier is a literal, as in JavaScript", pattern: 'a{,2}' },
    escapes: { reason: 'escaped punctuation and class escapes', pattern: '[\\w-]+\\.json$' },
    emptyClass: { reason: '[] matches nothing, [^] anything', pattern: '[]|^[^]' },
    nested: { reason: 'nested quantifiers are fine here', pattern: '(a+)+$' },
  };
  for (const [name, c] of Object.entries(sameAsRegExp)) {
    it(`${name}: ${c.reason}`, () => {
      const p = compilePathPattern(c.pattern);
      expect(paths.map((s) => p.test(s))).to.deep.equal(paths.map((s) => new RegExp(c.pattern).test(s)));
    });
  }

  it('(a+)+$ against 16 KB of "a" followed by "!" answers (RegExp would run for ages)', () => {
    const path = `/${'a'.repeat(16 * 1024)}!`;
    expect(compilePathPattern('(a+)+$').test(path)).to.equal(false);
    expect(compilePathPattern('(x+x+)+y').test('x'.repeat(16 * 1024))).to.equal(false);
    expect(compilePathPattern('a*a*a*a*a*a*a*b').test('a'.repeat(16 * 1024))).to.equal(false);
  });

  const refused = {
    lookahead: { reason: 'lookarounds', pattern: '(?=x)', message: /lookarounds/ },
    backreference: { reason: 'backreferences', pattern: '(a)\\1', message: /backreferences/ },
    named: { reason: 'named groups', pattern: '(?<n>a)', message: /named groups/ },
    boundary: { reason: 'word boundaries', pattern: '\\bx', message: /word boundaries/ },
    tooLong: { reason: 'longer than the bound', pattern: 'x'.repeat(MAX_PATTERN_LENGTH + 1), message: /longer than 256/ },
    tooComplex: { reason: 'too many steps once counted repetition is expanded', pattern: '(a{100}){100}', message: /too complex/ },
    bigCount: { reason: 'counts above 100', pattern: 'a{1000}', message: /above 100/ },
    dangling: { reason: 'nothing to repeat', pattern: '*a', message: /nothing to repeat/ },
    unclosed: { reason: 'an unclosed group', pattern: '(a', message: /missing '\)'/ },
  };
  for (const [name, c] of Object.entries(refused)) {
    it(`refuses ${name}: ${c.reason}, at rule creation with a message naming path`, () => {
      expect(checkFaultSpec({ kind: 'error', path: c.pattern }))
        .to.match(/^path: /)
        .and.to.match(c.message);
    });
  }

  it('fault rules match with the compiled pattern, and other rule fields are type-checked', () => {
    const f = new Faults();
    f.add({ kind: 'error', path: '(a+)+$' });
    expect(f.fire(['error'], 'GET', `/${'a'.repeat(8192)}!`, 'X')).to.have.length(0);
    expect(f.fire(['error'], 'GET', '/aaa', 'X')).to.have.length(1);
    expect(checkFaultSpec({ kind: 'error', method: 5 })).to.match(/^method: /);
    expect(checkFaultSpec({ kind: 'latency', delayMs: 1e12 })).to.match(/^delayMs: /);
    expect(checkFaultSpec({ kind: 'error', path: 7 })).to.match(/^path: /);
  });
});
