// tidy's rules are tried by node kind (src/rules/simp.ts BY_KIND): the first rule that rewrites a
// node must be the one a scan of SIMP_RULES in order finds, and tidy's skipped second pass (its
// first result known to be a fixed point) must leave nothing a second tidy would rewrite.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, constant, diff, div, mul, neg, pow, rat, sum, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { children, equal } from '../../src/ast/traverse.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { SIMP_RULES, applySimpRule } from '../../src/rules/simp.js';
import { tidy } from '../../src/simplify/simplify.js';
import { Recorder } from '../../src/trace/recorder.js';
import { arbExpr } from '../arbitrary.js';

/** The first rule in SIMP_RULES's order that rewrites `e`: what applySimpRule answered before. */
function scan(e: Expr): { id: string; after: Expr } | undefined {
  for (const r of SIMP_RULES) {
    const after = r.apply(e);
    if (after !== undefined) return { id: r.id, after };
  }
  return undefined;
}

/** The same tree built again from new nodes. */
function copy(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
      return rat(e.n, e.d);
    case 'sym':
      return sym(e.name);
    case 'const':
      return constant(e.name);
    case 'add':
      return add(...e.terms.map(copy));
    case 'mul':
      return mul(...e.factors.map(copy));
    case 'neg':
      return neg(copy(e.arg));
    case 'div':
      return div(copy(e.num), copy(e.den));
    case 'pow':
      return pow(copy(e.base), copy(e.exp));
    case 'call':
      return call(e.fn, ...e.args.map(copy));
    case 'diff':
      return diff(copy(e.arg), e.wrt);
    case 'sum':
      return sum(e.index, e.lo && copy(e.lo), e.hi && copy(e.hi), copy(e.body));
  }
}

function nodes(e: Expr, out: Expr[] = []): Expr[] {
  out.push(e);
  for (const k of children(e)) nodes(k, out);
  return out;
}

function sameAnswer(e: Expr): void {
  for (const x of nodes(e)) {
    const a = applySimpRule(x);
    const b = scan(x);
    expect(a?.rule.id).toBe(b?.id);
    if (a && b) expect(equal(a.after, b.after)).toBe(true);
  }
}

const WRITTEN = [
  'Σ_i δ_ij x_i',
  'Σ_i (δ_ij + x_i) y',
  'Σ_k 2 t_k',
  'Σ_i 0',
  'δ_ii * x',
  'σ(0) + 0*x + 1*y + (-1)*z + x^1 + x^0 + 2^(-1) + (2/3)^(-2)',
  '-(-x) + (-a)/(-b) + 4/2 + x/1 + 0/x + x*x*x^2 + (1/x)*y + (x + (y + 1)) + (x*(y*z)) + 3 - 5',
  '1/(1/(1+exp(-(w*x+b)))) * (exp(-(w*x+b))*(0 - 1*x)*(-1))/(1+exp(-(w*x+b)))^2',
];

describe('tidy tries its rules by node kind', () => {
  it('every rule names the one kind it rewrites', () => {
    for (const r of SIMP_RULES) expect(['add', 'mul', 'neg', 'div', 'pow', 'call', 'sum']).toContain(r.kind);
  });
  it.each(WRITTEN)('%s: the same first rule at every node as a scan of all rules', (s) => {
    sameAnswer(mainExpr(parse(s)));
  });
  it('random trees: the same first rule at every node as a scan of all rules', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        sameAnswer(e);
      }),
      { numRuns: 400 },
    );
  });
});

describe("tidy's result is a fixed point", () => {
  const again = (e: Expr): number => {
    const rec = new Recorder(e);
    tidy(rec, []);
    return rec.steps.length;
  };
  it.each(WRITTEN)('%s: tidying the result again takes no step', (s) => {
    const rec = new Recorder(mainExpr(parse(s)));
    tidy(rec, []);
    expect(rec.steps.length).toBeGreaterThan(0);
    expect(again(rec.current)).toBe(0);
    expect(again(copy(rec.current))).toBe(0);
  });
  it('random trees: tidying the result again takes no step', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const rec = new Recorder(e);
        tidy(rec, []);
        // the result itself, and a fresh copy of it (no node known to tidy yet), take no step
        expect(again(rec.current)).toBe(0);
        expect(again(copy(rec.current))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
