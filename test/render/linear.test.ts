// The printers do work linear in the tree: each family of short inputs that once cost 2ⁿ–3ⁿ
// (issue 10: nested σ, x^x^…^x, -(x+-(x+…)*y)*y, y*(x+y*(x+…)), long implicit products, products
// of sin(x+k)) is printed at growing sizes, and we assert the output exactly (a recursion on
// strings) and the WORK, counted as calls into the per-node printer (PrintStats.visits), never time.
import { describe, expect, it } from 'vitest';
import { add, call, int, mul, neg, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { children } from '../../src/ast/traverse.js';
import { checkDerivation } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { toLatexCounted, toText, toTextCounted, toUnicodeCounted } from '../../src/render/index.js';
import type { PrintStats } from '../../src/render/precedence.js';
import { simplify } from '../../src/simplify/simplify.js';
import type { Step } from '../../src/trace/types.js';

/** Distinct nodes (a DAG's shared node counts once). */
function nodes(e: Expr): number {
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...children(n));
  }
  return seen.size;
}

type Printer = 'text' | 'unicode' | 'latex';
function printCounted(e: Expr, p: Printer): { s: string; visits: number } {
  const stats: PrintStats = { visits: 0 };
  const s = p === 'text' ? toTextCounted(e, stats) : p === 'unicode' ? toUnicodeCounted(e, stats) : toLatexCounted(e, {}, stats);
  return { s, visits: stats.visits };
}

/** n-fold string recursion: iterate(f, s0, n) = f(…f(s0)…). */
function iterate(f: (s: string, k: number) => string, s0: string, n: number): string {
  let s = s0;
  for (let k = 0; k < n; k++) s = f(s, k);
  return s;
}

interface Family {
  name: string;
  sizes: number[];
  input: (n: number) => string;
  text: (n: number) => string;
  unicode: (n: number) => string;
  latex: (n: number) => string;
}

const latexNegNest = (n: number): string => iterate((s) => `(-(x + ${s}))y`, '(-(x + x))y', n - 1);
const letters = 'abcdfghkmnpqrsuvwxyz';

const FAMILIES: Family[] = [
  {
    name: 'σ nested',
    sizes: [1, 20, 200],
    input: (n) => iterate((s) => `σ(${s})`, 'x', n),
    text: (n) => 'sigmoid('.repeat(n) + 'x' + ')'.repeat(n),
    unicode: (n) => 'σ('.repeat(n) + 'x' + ')'.repeat(n),
    latex: (n) => '\\sigma('.repeat(n) + 'x' + ')'.repeat(n),
  },
  {
    name: 'x^x^…^x',
    sizes: [2, 10, 100],
    input: (n) => Array(n).fill('x').join('^'),
    text: (n) => Array(n).fill('x').join('^'),
    unicode: (n) => iterate((s, k) => (k === 0 ? 'x^x' : `x^(${s})`), 'x', n - 1),
    latex: (n) => iterate((s) => `x^{${s}}`, 'x', n - 1),
  },
  {
    name: '-(x+-(x+…)*y)*y',
    sizes: [2, 16, 100],
    input: (n) => iterate((s) => `-(x+${s})*y`, 'x', n),
    text: (n) => iterate((s) => `-(x + ${s})*y`, 'x', n),
    unicode: (n) => iterate((s, k) => `−(x + ${k === 0 ? s : `(${s})`})·y`, 'x', n),
    latex: latexNegNest,
  },
  {
    name: 'y*(x+y*(x+…))',
    sizes: [1, 24, 200],
    input: (n) => iterate((s) => `y*(x+${s})`, 'x', n),
    text: (n) => iterate((s) => `y*(x + ${s})`, 'x', n),
    unicode: (n) => iterate((s) => `y(x + ${s})`, 'x', n),
    latex: (n) => iterate((s) => `y(x + ${s})`, 'x', n),
  },
  {
    name: 'implicit product of letters',
    sizes: [3, 100, 5000],
    input: (n) => Array.from({ length: n }, (_, k) => letters[k % letters.length]).join(' '),
    text: (n) => Array.from({ length: n }, (_, k) => letters[k % letters.length]).join('*'),
    unicode: (n) => Array.from({ length: n }, (_, k) => letters[k % letters.length]).join(''),
    latex: (n) => Array.from({ length: n }, (_, k) => letters[k % letters.length]).join(''),
  },
  {
    name: 'product of sin(x+k)',
    sizes: [2, 30, 300],
    input: (n) => Array.from({ length: n }, (_, k) => `sin(x+${k + 1})`).join('*'),
    text: (n) => Array.from({ length: n }, (_, k) => `sin(x + ${k + 1})`).join('*'),
    unicode: (n) => Array.from({ length: n }, (_, k) => `sin(x + ${k + 1})`).join('·'),
    latex: (n) => Array.from({ length: n }, (_, k) => `\\sin(x + ${k + 1})`).join(''),
  },
];

// unicodeNormal/liftSigns may add a node per literal (num(-k) → neg(k)); 2 visits per parsed node
// is a generous constant that a 2ⁿ printer breaks at the first nesting sizes above
const C = 2;

describe('printers do work linear in the tree (counted node visits, exact output)', () => {
  const rows = FAMILIES.flatMap((f) => f.sizes.flatMap((n) => (['text', 'unicode', 'latex'] as const).map((p) => [f.name, n, p, f] as const)));
  it.each(rows)('%s, n = %i, %s', (_name, n, printer, f) => {
    const e = mainExpr(parse(f.input(n)));
    const { s, visits } = printCounted(e, printer);
    expect(s).toBe(f[printer](n));
    expect(visits).toBeGreaterThan(0);
    expect(visits).toBeLessThanOrEqual(C * nodes(e));
  });

  it('a shared sub-tree (a DAG, as derivatives build) is printed once per distinct node', () => {
    // d_{k+1} = σ(d_k)(1 − σ(d_k)) with σ(d_k) shared: 2^k leaves as a tree, O(k) distinct nodes
    let e: Expr = sym('x');
    let text = 'x';
    for (let k = 0; k < 12; k++) {
      const s = call('sigmoid', e);
      e = mul(s, add(int(1), neg(s)));
      text = `sigmoid(${text})*(1 - sigmoid(${text}))`;
    }
    for (const p of ['text', 'unicode', 'latex'] as const) {
      const r = printCounted(e, p);
      expect(r.visits).toBeLessThanOrEqual(C * nodes(e));
      if (p === 'text') expect(r.s).toBe(text);
      else expect(r.s.length).toBeGreaterThan(2 ** 12);
    }
  });

  it('printing the same tree again does the same work and gives the same text (a memo per call)', () => {
    const e = mainExpr(parse(FAMILIES[0]!.input(50)));
    for (const p of ['text', 'unicode', 'latex'] as const) {
      const first = printCounted(e, p);
      const again = printCounted(e, p);
      expect(again).toEqual(first);
    }
  });

  it('σ nested 20 deep: derive and simplify, every step printed with linear work, and checked', { timeout: 120_000 }, () => {
    const n = 20;
    const e = mainExpr(parse(FAMILIES[0]!.input(n)));
    const d = derive(e, 'x');
    const s = simplify(d.result);
    const steps = (xs: readonly Step[]): Step[] => xs.flatMap((x) => [x, ...steps(x.substeps ?? [])]);
    for (const step of steps([...d.steps, ...s.steps])) {
      for (const tree of [step.before, step.after]) {
        for (const p of ['text', 'unicode', 'latex'] as const) {
          expect(printCounted(tree, p).visits).toBeLessThanOrEqual(C * nodes(tree));
        }
      }
    }
    // the result is the chain of n factors σ'(…): its text grows like n², not 2ⁿ
    const text = toText(s.result);
    expect(text.split('sigmoid(').length - 1).toBeGreaterThanOrEqual(n);
    expect(text.length).toBeLessThan(40 * n * n);
    expect(checkDerivation(d).status).toBe('verified');
    expect(checkDerivation(s).status).toBe('verified');
  });
});
