/**
 * Fault rules' path patterns: a subset of JavaScript regular expressions matched WITHOUT backtracking. The pattern
 * is compiled to a Thompson NFA and run as a Pike VM, so a match costs O(path length × pattern size) whatever the
 * pattern: `(a+)+$` is as cheap as `a+$`. Syntax: literals, `.`, `[...]` / `[^...]` with ranges, `\d \w \s \D \W
 * \S` and escaped punctuation, groups `(...)` / `(?:...)`, `|`, `^`, `$`, `*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`
 * (lazy `?` suffixes are accepted: they do not change whether a path matches). Not supported (refused, naming it):
 * backreferences, lookarounds, named groups, `\b`. Patterns are at most MAX_PATTERN_LENGTH characters and compile
 * to at most MAX_PROGRAM_SIZE instructions.
 */
export const MAX_PATTERN_LENGTH = 256;
export const MAX_PROGRAM_SIZE = 2048;
const MAX_REPEAT = 100;

type Pred = (c: number) => boolean;
type Node =
  | { t: 'char'; pred: Pred }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }; // max = Infinity: unbounded

type Inst = { op: 'char'; pred: Pred } | { op: 'split'; x: number; y: number } | { op: 'jmp'; x: number } | { op: 'bol' | 'eol' | 'match' };

export class PathPatternError extends Error {}

const code = (s: string) => s.charCodeAt(0);
const isDigit: Pred = (c) => c >= 48 && c <= 57;
const isWord: Pred = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Pred = (c) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
const CLASS_ESCAPES: Record<string, Pred> = {
  d: isDigit,
  w: isWord,
  s: isSpace,
  D: (c) => !isDigit(c),
  W: (c) => !isWord(c),
  S: (c) => !isSpace(c),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt();
    if (this.i < this.src.length) throw this.error(`unmatched ')' at ${this.i}`);
    return n;
  }

  private error(msg: string): PathPatternError {
    return new PathPatternError(msg);
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alt(): Node {
    const items = [this.cat()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? (items[0] as Node) : { t: 'alt', items };
  }

  private cat(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.repeat());
    return { t: 'cat', items };
  }

  private repeat(): Node {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === 'bol' || atom.t === 'eol') throw this.error(`nothing to repeat at ${this.i - 1}`);
    if (this.peek() === '?') this.i++; // lazy: same set of matching paths
    if (q.min > MAX_REPEAT || (q.max !== Infinity && q.max > MAX_REPEAT))
      throw this.error(`repetition counts above ${MAX_REPEAT} are not supported`);
    if (this.quantifierAhead()) throw this.error(`nothing to repeat at ${this.i}`);
    return { t: 'rep', node: atom, min: q.min, max: q.max };
  }

  private quantifierAhead(): boolean {
    const c = this.peek();
    return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i, this.i + 12)));
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      return c === '*' ? { min: 0, max: Infinity } : c === '+' ? { min: 1, max: Infinity } : { min: 0, max: 1 };
    }
    if (c !== '{') return undefined;
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.src.slice(this.i));
    if (!m) return undefined; // a literal '{', as in JavaScript
    this.i += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (max < min) throw this.error(`numbers out of order in ${m[0]}`);
    return { min, max };
  }

  private atom(): Node {
    const c = this.src[this.i++] as string;
    if (c === '^') return { t: 'bol' };
    if (c === '$') return { t: 'eol' };
    if (c === '.') return { t: 'char', pred: (x) => x !== 10 && x !== 13 && x !== 0x2028 && x !== 0x2029 };
    if (c === '[') return { t: 'char', pred: this.charClass() };
    if (c === '\\') return { t: 'char', pred: this.escape(false) };
    if (c === '(') {
      if (this.peek() === '?') {
        if (this.src[this.i + 1] !== ':') throw this.error('lookarounds and named groups are not supported');
        this.i += 2;
      }
      const inner = this.alt();
      if (this.peek() !== ')') throw this.error("missing ')'");
      this.i++;
      return inner;
    }
    if (c === '*' || c === '+' || c === '?') throw this.error(`nothing to repeat at ${this.i - 1}`);
    if (c === ')') throw this.error(`unmatched ')' at ${this.i - 1}`);
    const k = code(c);
    return { t: 'char', pred: (x) => x === k };
  }

  /** After a backslash: a class escape (\d...), a control escape, or a literal punctuation character. */
  private escape(inClass: boolean): Pred {
    const c = this.src[this.i++];
    if (c === undefined) throw this.error('\\ at end of pattern');
    const cls = CLASS_ESCAPES[c];
    if (cls) return cls;
    const ctl = CONTROL_ESCAPES[c];
    if (ctl !== undefined) return (x) => x === ctl;
    if (/[1-9]/.test(c) || c === 'k') throw this.error('backreferences are not supported');
    if ((c === 'b' || c === 'B') && !inClass) throw this.error('word boundaries (\\b, \\B) are not supported');
    if (c === 'b') return (x) => x === 8;
    if (/[A-Za-z]/.test(c)) throw this.error(`the escape \\${c} is not supported`);
    const k = code(c);
    return (x) => x === k;
  }

  private charClass(): Pred {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const parts: Pred[] = [];
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) throw this.error("missing ']'");
      if (c === ']') break; // as in JavaScript: `[]` matches nothing, `[^]` anything
      this.i++;
      const lo =
        c === '\\'
          ? this.escape(true)
          : (
              (k: number) => (x: number) =>
                x === k
            )(code(c));
      const loCode = c === '\\' ? this.singleCode(this.src.slice(this.i - 2, this.i)) : code(c);
      if (this.peek() === '-' && this.src[this.i + 1] !== undefined && this.src[this.i + 1] !== ']' && loCode !== undefined) {
        this.i++;
        const d = this.src[this.i++] as string;
        const hiCode = d === '\\' ? this.singleCode(`\\${this.src[this.i++] ?? ''}`) : code(d);
        if (hiCode === undefined) throw this.error('a class escape cannot end a range');
        if (hiCode < loCode) throw this.error('range out of order in character class');
        parts.push((x) => x >= loCode && x <= hiCode);
      } else parts.push(lo);
    }
    this.i++;
    return negate ? (x) => !parts.some((p) => p(x)) : (x) => parts.some((p) => p(x));
  }

  /** The one character code an escape stands for, or undefined for a class escape (\d...). */
  private singleCode(esc: string): number | undefined {
    const c = esc[1] ?? '';
    if (CLASS_ESCAPES[c]) return undefined;
    return CONTROL_ESCAPES[c] ?? (c === 'b' ? 8 : code(c));
  }
}

class Compiler {
  readonly prog: Inst[] = [];

  private emit(i: Inst): number {
    if (this.prog.length >= MAX_PROGRAM_SIZE) throw new PathPatternError(`the pattern is too complex (over ${MAX_PROGRAM_SIZE} steps)`);
    this.prog.push(i);
    return this.prog.length - 1;
  }

  compile(n: Node): void {
    switch (n.t) {
      case 'char':
        this.emit({ op: 'char', pred: n.pred });
        return;
      case 'bol':
      case 'eol':
        this.emit({ op: n.t });
        return;
      case 'cat':
        for (const item of n.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          if (k === n.items.length - 1) return this.compile(item);
          const split = this.emit({ op: 'split', x: 0, y: 0 });
          this.compile(item);
          jumps.push(this.emit({ op: 'jmp', x: 0 }));
          this.prog[split] = { op: 'split', x: split + 1, y: this.prog.length };
        });
        for (const j of jumps) this.prog[j] = { op: 'jmp', x: this.prog.length };
        return;
      }
      case 'rep':
        return this.repeat(n.node, n.min, n.max);
    }
  }

  private repeat(node: Node, min: number, max: number): void {
    for (let k = 0; k < min; k++) this.compile(node);
    if (max === Infinity) {
      const split = this.emit({ op: 'split', x: 0, y: 0 });
      this.compile(node);
      this.emit({ op: 'jmp', x: split });
      this.prog[split] = { op: 'split', x: split + 1, y: this.prog.length };
      return;
    }
    const splits: number[] = [];
    for (let k = min; k < max; k++) {
      splits.push(this.emit({ op: 'split', x: 0, y: 0 }));
      this.compile(node);
    }
    for (const s of splits) this.prog[s] = { op: 'split', x: s + 1, y: this.prog.length };
  }
}

export interface PathPattern {
  readonly source: string;
  /** Like RegExp.prototype.test: true when the pattern matches anywhere in the path. Linear in the path length. */
  test(path: string): boolean;
}

/** Compiles a pattern; throws PathPatternError with a message naming what is wrong. */
export function compilePathPattern(source: string): PathPattern {
  if (source.length > MAX_PATTERN_LENGTH) throw new PathPatternError(`longer than ${MAX_PATTERN_LENGTH} characters`);
  const compiler = new Compiler();
  compiler.compile(new Parser(source).parse());
  const prog = compiler.prog;
  prog.push({ op: 'match' });
  return { source, test: (path) => run(prog, path) };
}

/** Pike VM: every thread advances one character at a time; a program counter is on a list at most once per step. */
function run(prog: Inst[], s: string): boolean {
  const seen = new Int32Array(prog.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const add = (list: number[], pc: number, pos: number, mark: number): boolean => {
    const stack = [pc];
    while (stack.length) {
      const p = stack.pop() as number;
      if (seen[p] === mark) continue;
      seen[p] = mark;
      const inst = prog[p] as Inst;
      if (inst.op === 'match') return true;
      if (inst.op === 'jmp') stack.push(inst.x);
      else if (inst.op === 'split') stack.push(inst.y, inst.x);
      else if (inst.op === 'bol') {
        if (pos === 0) stack.push(p + 1);
      } else if (inst.op === 'eol') {
        if (pos === s.length) stack.push(p + 1);
      } else list.push(p);
    }
    return false;
  };
  for (let pos = 0; ; pos++) {
    // Unanchored search: a new thread starts at every position (as RegExp.test does).
    if (add(current, 0, pos, pos)) return true;
    if (pos === s.length) return false;
    const c = s.charCodeAt(pos);
    next = [];
    for (const pc of current) {
      const inst = prog[pc] as Inst;
      if (inst.op === 'char' && inst.pred(c) && add(next, pc + 1, pos + 1, pos + 1)) return true;
    }
    current = next;
  }
}
