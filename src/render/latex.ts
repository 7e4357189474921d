// LaTeX printer in the course notes' style: `\sigma(z)`, `\hat{y}`, `\frac{a}{b}`, `e^{-z}` (the
// spec's latexForm), `\log(y)` (a call always brackets its arguments), `\operatorname{BCE}(p, t)`,
// `x_{2}` or `W^{(1)}` (layerIndex). Invariants: every output passes KaTeX with strict: 'error';
// no redundant brackets, but brackets that show a nested product are kept (`a(bc)`, `(ab)c`) so a
// regrouping step is visible (the one textbook merge: `-xy` is both −(xy) and (−x)y);
// `\left( \right)` only around a \frac; deterministic.
import { latexName } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import { lookupFunction } from '../functions/index.js';
import { liftSigns } from './normal.js';
import { POW, PRIMARY, SUM, UNARY, type Printed, type PrintStats } from './precedence.js';

export interface LatexOptions {
  /** print a numeric subscript as a layer index: `W_2` → `W^{(2)}` (the notes' `W²`) */
  layerIndex?: boolean;
}

/** The LaTeX form of `e` (math mode, no delimiters). `stats` counts work. */
export function toLatex(e: Expr, opts: LatexOptions = {}, stats?: PrintStats): string {
  return new LatexPrinter(opts, stats).print(liftSigns(e)).s;
}

/** Brackets; tall ones only around a fraction, as the notes do. */
function paren(s: string): string {
  return s.includes('\\frac') ? `\\left(${s}\\right)` : `(${s})`;
}

/** A `^` outside braces: such a base needs brackets or KaTeX reports a double superscript. */
function hasTopLevelSup(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '^' && depth === 0) return true;
  }
  return false;
}

/**
 * Concatenate, keeping a control word apart from a following letter (`\pi x`, not `\pix`).
 * `last` is the piece `a` ends with: testing it, not the whole run `a`, keeps a long product
 * linear (a control word cannot reach back past a piece: it would have been spaced off already).
 */
function cat(a: string, last: string, b: string): string {
  return /\\[A-Za-z]+$/.test(last) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

const isOne = (e: Expr): boolean => e.kind === 'num' && e.n === 1n && e.d === 1n;
const isQuotient = (e: Expr): boolean => e.kind === 'div' || (e.kind === 'num' && e.d !== 1n);

class LatexPrinter {
  // each distinct node is printed once: a product asks for a factor's form two or three times,
  // and a derivative shares sub-trees, so printing per request cost 2ⁿ–3ⁿ at nesting n
  private readonly memo = new Map<Expr, Printed>();

  constructor(
    private readonly opts: LatexOptions,
    private readonly stats?: PrintStats,
  ) {}

  print(e: Expr): Printed {
    let r = this.memo.get(e);
    if (r === undefined) {
      if (this.stats) this.stats.visits++;
      r = this.printNode(e);
      this.memo.set(e, r);
    }
    return r;
  }

  at(e: Expr, min: number): string {
    const r = this.print(e);
    return r.p >= min ? r.s : paren(r.s);
  }

  printNode(e: Expr): Printed {
    switch (e.kind) {
      case 'num': {
        // liftSigns leaves no negative literal; the sign branch keeps the printer total
        const a = e.n < 0n ? -e.n : e.n;
        const s = e.d === 1n ? a.toString() : `\\frac{${a}}{${e.d}}`;
        return e.n < 0n ? { s: '-' + s, p: UNARY } : { s, p: PRIMARY };
      }
      case 'sym':
        return { s: latexName(e.name, { layerIndex: this.opts.layerIndex ?? false }), p: PRIMARY };
      case 'const':
        return { s: e.name === 'pi' ? '\\pi' : 'e', p: PRIMARY };
      case 'call':
        return { s: this.call(e.fn, e.args), p: PRIMARY };
      case 'diff':
        return { s: `\\frac{d}{d${latexName(e.wrt)}}\\left(${this.print(e.arg).s}\\right)`, p: PRIMARY };
      case 'add': {
        let s = this.at(e.terms[0]!, UNARY);
        for (const t of e.terms.slice(1)) {
          const neg = t.kind === 'neg';
          const u = this.at(neg ? t.arg : t, UNARY);
          // never two signs in a row: `a - (-b)`, `a + (-b)`
          s += (neg ? ' - ' : ' + ') + (u.startsWith('-') ? paren(u) : u);
        }
        return { s, p: SUM };
      }
      case 'mul':
        return { s: this.product(e.factors), p: UNARY };
      case 'div':
        return { s: `\\frac{${this.print(e.num).s}}{${this.print(e.den).s}}`, p: PRIMARY };
      case 'neg': {
        // a product needs no brackets after a minus sign (-2x); a second minus does: -(-x)
        const s = this.at(e.arg, UNARY);
        return { s: '-' + (s.startsWith('-') ? paren(s) : s), p: UNARY };
      }
      case 'pow': {
        const b = this.print(e.base);
        const base = b.p >= PRIMARY && !hasTopLevelSup(b.s) && !isQuotient(e.base) ? b.s : paren(b.s);
        return { s: `${base}^{${this.print(e.exp).s}}`, p: POW };
      }
    }
  }

  call(fn: string, args: readonly Expr[]): string {
    const spec = lookupFunction(fn);
    const printed = args.map((a) => this.print(a).s);
    if (spec?.latexForm) return spec.latexForm(printed);
    const head = spec ? spec.latex : `\\operatorname{${fn}}`;
    const inner = printed.join(', ');
    return head + (inner.includes('\\frac') ? `\\left(${inner}\\right)` : `(${inner})`);
  }

  /**
   * Juxtaposition (`2x`, `y(1 - y)`, `\sigma(z)(1 - \sigma(z))`), with `\cdot` where side by side
   * would mislead: before a digit (`2 \cdot 3`, `x \cdot 2`) or a bracketed negative
   * (`2 \cdot (-3)`), next to a quotient of expressions (`\frac{a}{b} \cdot c`), before a fraction
   * literal (`2 \cdot \frac{1}{3}` is not a mixed number), after a 1 (`1 \cdot x`, not `1x`).
   * A leading negated factor needs no brackets (`-y\log(\hat{y})`, as the notes write it); a
   * nested product keeps its brackets unless `\cdot` sets it apart on both sides
   * (`\frac{a}{b} \cdot y(1 - y)`).
   */
  product(fs: readonly Expr[]): string {
    const bare = fs.map((f, i) => {
      const r = this.print(f);
      // a leading minus on a single factor reads as the textbook's -y\log(\hat{y})
      const leadingNeg = i === 0 && f.kind === 'neg' && this.print(f.arg).p >= POW;
      return leadingNeg || r.p >= POW ? r.s : undefined;
    });
    const dotBefore = (i: number, t: string): boolean =>
      /^\d/.test(t) || fs[i]!.kind === 'neg' || fs[i - 1]!.kind === 'div' || isQuotient(fs[i]!) || isOne(fs[i - 1]!);
    // Once a `\cdot` separates two factors, every later boundary is a `\cdot` too: the notation
    // reads `x \cdot 0e` as x·(0e), so a flat product must not go back to juxtaposition.
    const dots: boolean[] = [false];
    for (let i = 1; i < fs.length; i++) dots.push(dots[i - 1]! || dotBefore(i, bare[i] ?? '('));
    const strs = fs.map((f, i) => {
      const b = bare[i];
      if (b !== undefined) return b;
      const inner = this.print(f).s;
      // a nested product set apart by `\cdot` on both sides reads back as one factor; first in
      // line it would merge into the product, so it keeps its brackets there
      if (f.kind === 'mul' && !inner.includes('\\cdot') && !inner.startsWith('-') && i > 0 && dots[i] && (i === fs.length - 1 || dots[i + 1])) {
        return inner;
      }
      return paren(inner);
    });
    let s = strs[0]!;
    for (let i = 1; i < strs.length; i++) s = dots[i] ? `${s} \\cdot ${strs[i]}` : cat(s, strs[i - 1]!, strs[i]!);
    return s;
  }
}
