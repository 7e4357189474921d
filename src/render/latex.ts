// LaTeX printer in the course notes' style: `\sigma(z)`, `\hat{y}`, `\frac{a}{b}`, `e^{-z}` (the
// spec's latexForm), `\log(y)` (a call always brackets its arguments), `\operatorname{BCE}(p, t)`,
// `x_{2}` or `W^{(1)}` (layerIndex). Invariants: every output passes KaTeX with strict: 'error';
// no redundant brackets, but brackets that show a nested product are kept (`a(bc)`, `(ab)c`) so a
// regrouping step is visible (the one textbook merge: `-xy` is both −(xy) and (−x)y);
// `\left( \right)` only around a \frac; deterministic.
import { isFactorName, latexName } from '../ast/names.js';
import { checkBudget } from '../ast/budget.js';
import type { Expr } from '../ast/nodes.js';
import { lookupFunction } from '../functions/index.js';
import { liftSigns, liftSignsIn } from './normal.js';
import { SLOT, isDigitCode, isLetterCode, POW, PRIMARY, rememberShared, SUM, trailingLetters, UNARY, type Printed, type PrintStats, type SharedMemo } from './precedence.js';

export interface LatexOptions {
  /** print a numeric subscript as a layer index: `W_2` → `W^{(2)}` (the notes' `W²`) */
  layerIndex?: boolean;
}

/** The LaTeX form of `e` (math mode, no delimiters). */
export function toLatex(e: Expr, opts: LatexOptions = {}): string {
  return toLatexCounted(e, opts, undefined);
}

/** toLatex, counting the work in `stats` (a separate entry: `exprs.map(toLatex)` passes extra arguments). */
export function toLatexCounted(e: Expr, opts: LatexOptions, stats: PrintStats | undefined): string {
  return new LatexPrinter(opts.layerIndex ?? false, stats).print(liftSigns(e)).s;
}

/** toLatex (default options) with per-node results kept in `shared` across calls (one response). */
export function toLatexShared(e: Expr, shared: SharedMemo): string {
  return new LatexPrinter(false, undefined, shared).print(liftSignsIn(e, shared)).s;
}

/**
 * A printed fragment with what its parent asks of it, kept as flags rather than found by scanning
 * the text again at every level (that scan made deep nesting quadratic): whether it contains a
 * `\frac`, a `^` outside braces, a `\cdot`. Each flag is the OR of the pieces a fragment is
 * made of; no such token spans two pieces (a control word is spaced off from following letters).
 */
interface LPrinted extends Printed {
  readonly frac: boolean;
  readonly sup: boolean;
  readonly cdot: boolean;
}

/** The flags of a small fragment (a name, a head, a template), found by scanning it. */
function scan(s: string, p: number): LPrinted {
  return { s, p, frac: s.includes('\\frac'), sup: hasTopLevelSup(s), cdot: s.includes('\\cdot') };
}

/**
 * A name's fragment, kept by name and option for the process: a step brings fresh leaves (each
 * printed anew by the memos keyed on nodes), and a name's LaTeX is a function of the name alone.
 * Fragments are never mutated. Bounded: names come from requests.
 */
const SYMBOLS = [new Map<string, LPrinted>(), new Map<string, LPrinted>()] as const;
const SYMBOLS_KEPT = 4096;
function symbolLatex(name: string, layerIndex: boolean): LPrinted {
  const kept = SYMBOLS[layerIndex ? 1 : 0];
  let r = kept.get(name);
  if (r === undefined) {
    if (kept.size >= SYMBOLS_KEPT) kept.clear();
    kept.set(name, (r = scan(latexName(name, { layerIndex }), PRIMARY)));
  }
  return r;
}

/** Brackets; tall ones only around a fraction, as the notes do. */
function paren(r: LPrinted): string {
  return r.frac ? `\\left(${r.s}\\right)` : `(${r.s})`;
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

/** Whether `s` ends with a control word (`\pi`): the end of /\\[A-Za-z]+$/, scanned backwards. */
function endsWithControlWord(s: string): boolean {
  const n = trailingLetters(s);
  return n > 0 && s.length > n && s.charCodeAt(s.length - n - 1) === 92; // a backslash
}

/**
 * Concatenate, keeping a control word apart from a following letter (`\pi x`, not `\pix`).
 * `last` is the piece `a` ends with: testing it, not the whole run `a`, keeps a long product
 * linear (a control word cannot reach back past a piece: it would have been spaced off already).
 */
function cat(a: string, last: string, b: string): string {
  return endsWithControlWord(last) && isLetterCode(b.charCodeAt(0)) ? `${a} ${b}` : a + b;
}

const isFactorSym = (e: Expr): boolean => e.kind === 'sym' && isFactorName(e.name);
const isOne = (e: Expr): boolean => e.kind === 'num' && e.n === 1n && e.d === 1n;
// a named upstream factor prints as \frac{\partial L}{\partial z_{2}}: set apart by \cdot as a quotient is
const isQuotient = (e: Expr): boolean => e.kind === 'div' || (e.kind === 'num' && e.d !== 1n) || (e.kind === 'sym' && isFactorName(e.name));
// one loop per flag (a property read by a variable name was megamorphic across the fragments' shapes)
function anyFrac(rs: readonly LPrinted[]): boolean {
  for (const r of rs) if (r.frac) return true;
  return false;
}
function anySup(rs: readonly LPrinted[]): boolean {
  for (const r of rs) if (r.sup) return true;
  return false;
}
function anyCdot(rs: readonly LPrinted[]): boolean {
  for (const r of rs) if (r.cdot) return true;
  return false;
}

class LatexPrinter {
  // Each distinct node is printed once per call: a product asks for a factor's form two or three
  // times, and a derivative shares sub-trees, so printing per request cost 2ⁿ–3ⁿ at nesting n.
  // One memo per call: kept across calls it would hold every step's text (flattened by V8 on
  // first read) while a derivation lives — σ nested 200 deep ran out of memory that way. A
  // response's print scope passes a bounded memo kept across its calls (precedence.ts SharedMemo).
  private readonly memo: Map<Expr, LPrinted> | undefined;

  constructor(
    private readonly layerIndex: boolean,
    private readonly stats?: PrintStats,
    private readonly shared?: SharedMemo,
  ) {
    this.memo = shared ? undefined : new Map();
  }

  print(e: Expr): LPrinted {
    const shared = this.shared;
    let r = shared !== undefined ? (shared.nodes.get(e)?.[SLOT.latex] as LPrinted | undefined) : this.memo!.get(e);
    if (r === undefined) {
      checkBudget('printing LaTeX');
      if (this.stats) this.stats.visits++;
      r = this.printNode(e);
      if (shared !== undefined) rememberShared(shared, e, SLOT.latex, r);
      else this.memo!.set(e, r);
    }
    return r;
  }

  /** `e` in a slot that needs level `min`: the text, and the fragment it came from (for flags). */
  at(e: Expr, min: number): LPrinted {
    const r = this.print(e);
    return r.p >= min ? r : { s: paren(r), p: r.p, frac: r.frac, sup: r.sup, cdot: r.cdot };
  }

  printNode(e: Expr): LPrinted {
    switch (e.kind) {
      case 'num': {
        // liftSigns leaves no negative literal; the sign branch keeps the printer total
        const a = e.n < 0n ? -e.n : e.n;
        const s = e.d === 1n ? a.toString() : `\\frac{${a}}{${e.d}}`;
        return scan(e.n < 0n ? '-' + s : s, e.n < 0n ? UNARY : PRIMARY);
      }
      case 'sym':
        return symbolLatex(e.name, this.layerIndex);
      case 'const':
        return scan(e.name === 'pi' ? '\\pi' : 'e', PRIMARY);
      case 'call':
        return this.call(e.fn, e.args);
      case 'diff': {
        const a = this.print(e.arg);
        const w = symbolLatex(e.wrt, false).s;
        // the name sits inside \frac's braces; the argument's own `^` and `\cdot` show through
        return { s: `\\frac{d}{d${w}}\\left(${a.s}\\right)`, p: PRIMARY, frac: true, sup: a.sup, cdot: a.cdot || w.includes('\\cdot') };
      }
      case 'add': {
        const parts = [this.at(e.terms[0]!, UNARY)];
        let s = parts[0]!.s;
        for (const t of e.terms.slice(1)) {
          const neg = t.kind === 'neg';
          const u = this.at(neg ? t.arg : t, UNARY);
          parts.push(u);
          // never two signs in a row: `a - (-b)`, `a + (-b)`
          s += (neg ? ' - ' : ' + ') + (u.s.startsWith('-') ? paren(u) : u.s);
        }
        return { s, p: SUM, frac: anyFrac(parts), sup: anySup(parts), cdot: anyCdot(parts) };
      }
      case 'mul':
        return this.product(e.factors);
      case 'div': {
        const n = this.print(e.num);
        const d = this.print(e.den);
        return { s: `\\frac{${n.s}}{${d.s}}`, p: PRIMARY, frac: true, sup: false, cdot: n.cdot || d.cdot };
      }
      case 'neg': {
        // a product needs no brackets after a minus sign (-2x); a second minus does: -(-x)
        const a = this.at(e.arg, UNARY);
        return { s: '-' + (a.s.startsWith('-') ? paren(a) : a.s), p: UNARY, frac: a.frac, sup: a.sup, cdot: a.cdot };
      }
      case 'sum': {
        const body = this.at(e.body, UNARY);
        const bounds = e.lo && e.hi ? `_{${e.index}=${this.print(e.lo).s}}^{${this.print(e.hi).s}}` : `_{${e.index}}`;
        return { ...body, s: `\\sum${bounds} ${body.s}`, p: UNARY };
      }
      case 'pow': {
        const b = this.print(e.base);
        const x = this.print(e.exp);
        const base = b.p >= PRIMARY && !b.sup && !isQuotient(e.base) ? b.s : paren(b);
        return { s: `${base}^{${x.s}}`, p: POW, frac: b.frac || x.frac, sup: true, cdot: b.cdot || x.cdot };
      }
    }
  }

  call(fn: string, args: readonly Expr[]): LPrinted {
    const spec = lookupFunction(fn);
    const printed = args.map((a) => this.print(a));
    const texts = printed.map((r) => r.s);
    if (spec?.latexForm) {
      // the spec's template is opaque: its flags are found by filling it with stand-ins that
      // carry each argument's flags (a template embeds its arguments verbatim)
      const stand = spec.latexForm(printed.map((r) => (r.frac ? '\\frac' : '') + (r.sup ? '^' : '') + (r.cdot ? '\\cdot' : '')));
      const f = scan(stand, PRIMARY);
      return { ...f, s: spec.latexForm(texts) };
    }
    const head = scan(spec ? spec.latex : `\\operatorname{${fn}}`, PRIMARY);
    const inner = texts.join(', ');
    const frac = anyFrac(printed);
    return {
      s: head.s + (frac ? `\\left(${inner}\\right)` : `(${inner})`),
      p: PRIMARY,
      frac: frac || head.frac,
      sup: head.sup || anySup(printed),
      cdot: head.cdot || anyCdot(printed),
    };
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
  product(fs: readonly Expr[]): LPrinted {
    // a named upstream factor first, as the notes write it: \frac{\partial L}{\partial z_{2}} \cdot W_{2}a_{1}(1 - a_{1})
    if (isFactorSym(fs[0]!) && fs.length > 2 && !fs.slice(1).some(isFactorSym) && fs[1]!.kind !== 'neg' && !isQuotient(fs[1]!)) {
      const f = this.print(fs[0]!);
      const rest = this.product(fs.slice(1));
      if (!rest.cdot) return { s: `${f.s} \\cdot ${rest.s}`, p: UNARY, frac: true, sup: rest.sup, cdot: true };
    }
    const printed = fs.map((f) => this.print(f));
    const bare = fs.map((f, i) => {
      const r = printed[i]!;
      // a leading minus on a single factor reads as the textbook's -y\log(\hat{y})
      const leadingNeg = i === 0 && f.kind === 'neg' && this.print(f.arg).p >= POW;
      return leadingNeg || r.p >= POW ? r.s : undefined;
    });
    const dotBefore = (i: number, t: string): boolean =>
      isDigitCode(t.charCodeAt(0)) || fs[i]!.kind === 'neg' || fs[i - 1]!.kind === 'div' || isQuotient(fs[i]!) || isFactorSym(fs[i - 1]!) || isOne(fs[i - 1]!);
    // Once a `\cdot` separates two factors, every later boundary is a `\cdot` too: the notation
    // reads `x \cdot 0e` as x·(0e), so a flat product must not go back to juxtaposition.
    // three letters side by side right before a bracket read back as a misspelt function name
    // (`eex(…)`): the run of letters juxtaposed so far is tracked, and a bracket after a run of
    // three or more gets its `\cdot` (only the run's length matters)
    const dots: boolean[] = [false];
    let run = trailingLetters(bare[0] ?? ')');
    for (let i = 1; i < fs.length; i++) {
      const next = bare[i] ?? '(';
      const dot = dots[i - 1]! || dotBefore(i, next) || ((next.startsWith('(') || next.startsWith('\\left')) && run >= 3);
      dots.push(dot);
      const letters = trailingLetters(next);
      run = !dot && letters > 0 && letters === next.length ? run + letters : letters;
    }
    const strs = fs.map((f, i) => {
      const b = bare[i];
      if (b !== undefined) return b;
      const r = printed[i]!;
      // a nested product set apart by `\cdot` on both sides reads back as one factor; first in
      // line it would merge into the product, so it keeps its brackets there
      if (f.kind === 'mul' && !r.cdot && !r.s.startsWith('-') && i > 0 && dots[i] && (i === fs.length - 1 || dots[i + 1])) {
        return r.s;
      }
      return paren(r);
    });
    let s = strs[0]!;
    for (let i = 1; i < strs.length; i++) s = dots[i] ? `${s} \\cdot ${strs[i]}` : cat(s, strs[i - 1]!, strs[i]!);
    return { s, p: UNARY, frac: anyFrac(printed), sup: anySup(printed), cdot: dots.includes(true) || anyCdot(printed) };
  }
}
