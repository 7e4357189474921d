// Width of printed math and where to break it. `latexWidth` estimates, in points at 11 pt
// Computer Modern in display style, the width pdflatex gives a string of the LaTeX printer's
// output (calibrated against pdflatex; test/render/latex-fit.test.ts compiles the results and
// fails on any overfull box). `breakLatex` splits a long formula at top-level `+`, `−`, `\cdot`
// or between juxtaposed factors, going inside brackets only when it must; brackets a break
// falls inside become fixed-size (\Bigl( … \Bigr)) so every piece is valid LaTeX on its own.

/** Points per unit at 11 pt (Computer Modern is set at 10.95 pt), with 8 % to spare: measured
 * against pdflatex on the goldens' formulas the unscaled estimate was 7 % short at worst. */
const PT = 1.095 * 1.08;
/** Per-style size factor: display, text, script, scriptscript. */
const SIZE = [1, 1, 0.7, 0.5] as const;
type Style = 0 | 1 | 2 | 3;
const fracStyle = (s: Style): Style => (s <= 0 ? 1 : s === 1 ? 2 : 3);
const supStyle = (s: Style): Style => (s <= 1 ? 2 : 3);

/** Widths at 10 pt of single characters in math italic / roman. */
const NARROW = new Set(['i', 'j', 'l', 'f', 't', 'r', 's']);
const WIDE = new Set(['m', 'w', 'M', 'W']);
const OPS = new Set(['+', '-', '*']);
const RELS = new Set(['=', '<', '>']);
/** Control words: width at 10 pt (binary operators and relations include their spacing). */
const WORD: Readonly<Record<string, number>> = {
  cdot: 7.2, times: 12.2, pm: 12.2, neq: 13.3, leq: 13.3, geq: 13.3, to: 15.5, approx: 13.3,
  partial: 5.7, sigma: 5.9, pi: 5.8, infty: 10, sum: 10.5, prod: 10, quad: 10, qquad: 20,
  log: 14, ln: 9.5, exp: 16, sin: 13.5, cos: 14, tan: 15, tanh: 20.5, max: 19, min: 16,
  ',': 1.7, ';': 2.8, ':': 2.2, '!': -1.7, ' ': 3.3, '{': 5, '}': 5, '%': 8.3, '&': 7.8, '$': 5, '#': 8.3, _: 5,
};

/** Index after the group opening at `i` (`{…}`), or s.length when unbalanced. */
export function groupEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return s.length;
}

/** The argument starting at `i` (a braced group or one token) and the index after it. */
function argument(s: string, i: number): [string, number] {
  while (s[i] === ' ') i++;
  if (s[i] === '{') {
    const e = groupEnd(s, i);
    return [s.slice(i + 1, e - 1), e];
  }
  if (s[i] === '\\') {
    const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
    return [m ? m[0] : '\\', i + (m ? m[0].length : 1)];
  }
  return [s[i] ?? '', i + 1];
}

/** Estimated width in points of math-mode LaTeX `s` in `style` (0: display). */
export function latexWidth(s: string, style: Style = 0): number {
  return units(s, style) * PT;
}

function units(s: string, style: Style): number {
  const k = SIZE[style];
  let w = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))!;
      const cmd = m[1]!;
      i += m[0].length;
      if (cmd === 'frac') {
        const [num, a] = argument(s, i);
        const [den, b] = argument(s, a);
        w += Math.max(units(num, fracStyle(style)), units(den, fracStyle(style))) + 2.4 * k;
        i = b;
      } else if (cmd === 'text' || cmd === 'textbf' || cmd === 'mathrm' || cmd === 'operatorname') {
        const [t, e] = argument(s, i);
        w += textUnits(t) * k + (cmd === 'operatorname' ? 1.7 * k : 0);
        i = e;
      } else if (cmd === 'hat' || cmd === 'bar' || cmd === 'tilde' || cmd === 'dot' || cmd === 'cancel' || cmd === 'boxed' || cmd === 'mathbf') {
        const [t, e] = argument(s, i);
        w += units(t, style) + (cmd === 'boxed' ? 6 * k : 0);
        i = e;
      } else if (cmd === 'sqrt') {
        const [t, e] = argument(s, i);
        w += units(t, style) + 8.5 * k;
        i = e;
      } else if (cmd === 'left' || cmd === 'right' || /^[Bb]igg?[lr]?$/.test(cmd)) {
        // a delimiter: `.` is empty (only \nulldelimiterspace)
        const d = s[i] === '\\' ? (/^\\([a-zA-Z]+|.)/.exec(s.slice(i))?.[0] ?? '\\') : s[i] ?? '';
        i += d.length;
        w += (d === '.' ? 1.2 : cmd === 'left' || cmd === 'right' || cmd.startsWith('B') ? 5.2 : 4.6) * k;
      } else if (cmd === 'textbackslash' || cmd === 'textasciicircum' || cmd === 'textasciitilde') {
        w += 5 * k;
      } else w += (WORD[cmd] ?? (/^[A-Z]/.test(cmd) ? 7.5 : 6)) * k;
    } else if (c === '^' || c === '_') {
      const [t, e] = argument(s, i + 1);
      w += units(t, supStyle(style)) + 0.5 * k;
      i = e;
    } else if (c === '{' || c === '}' || c === ' ' || c === '&') {
      i++;
    } else {
      w += charUnits(c, s[i + 1]) * k;
      i++;
    }
  }
  return w;
}

/** A character of math: italic letters, digits, brackets, binary operators with their spacing. */
function charUnits(c: string, after: string | undefined): number {
  // the printer spaces a binary operator on both sides and a sign on neither (a piece of a broken
  // line may start with its operator, so the space after decides)
  if (OPS.has(c)) return after === ' ' ? 12.2 : 7.8;
  if (RELS.has(c)) return 13.3;
  if (c === '(' || c === ')' || c === '[' || c === ']') return 3.9;
  if (c === ',') return 2.8 + 1.7;
  if (c === '.' || c === "'") return 2.8;
  if (/[0-9]/.test(c)) return 5;
  if (NARROW.has(c)) return 4.2;
  if (WIDE.has(c)) return c === 'm' ? 8.8 : 9.5;
  if (/[A-Z]/.test(c)) return 8;
  if (/[a-z]/.test(c)) return 5.6;
  return 6.5;
}

/** Roman text (\text{}, \operatorname{}) at 10 pt. */
function textUnits(t: string): number {
  let w = 0;
  for (const c of t.replace(/\\[a-zA-Z]+(\{\})?|\\./g, 'x')) {
    if (c === ' ') w += 3.3;
    else if (/[il.,:;'!|]/.test(c)) w += 2.8;
    else if (/[mwMW]/.test(c)) w += 8.6;
    else if (/[A-Z]/.test(c)) w += 7.3;
    else if (/[a-z0-9]/.test(c)) w += 4.7;
    // Hangul and other CJK take a full em
    else if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u4e00-\u9fff]/.test(c)) w += 10;
    else w += 6;
  }
  return w;
}

interface Point {
  /** index of the operator (or of the factor a juxtaposition break starts) */
  readonly at: number;
  /** prefix the continuation gets (`\cdot ` where a product was juxtaposed) */
  readonly insert: string;
  /** bracket groups (by opening index) the point lies inside */
  readonly inside: readonly number[];
}

interface Group {
  readonly open: number;
  readonly close: number;
  /** opening token length (`\left(` 6, `(` 1) and closing token length */
  readonly openLen: number;
  readonly closeLen: number;
  readonly tall: boolean;
}

/** Top-level break points of `s` and its bracket groups. */
function scanPoints(s: string): { points: Point[]; groups: Map<number, Group> } {
  const points: Point[] = [];
  const groups = new Map<number, Group>();
  const stack: Array<{ open: number; len: number; left: boolean }> = [];
  let brace = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))!;
      const cmd = m[1]!;
      if (brace === 0 && cmd === 'left') {
        stack.push({ open: i, len: m[0].length + 1, left: true });
      } else if (brace === 0 && cmd === 'right') {
        const g = stack.pop();
        const closeLen = m[0].length + 1;
        if (g) groups.set(g.open, { open: g.open, close: i, openLen: g.len, closeLen, tall: g.left && s.slice(g.open, i).includes('\\frac') });
        i += closeLen - 1;
        juxtaposed(i + 1);
        continue;
      } else if (brace === 0 && cmd === 'cdot' && i > 0) {
        points.push({ at: i, insert: '', inside: stack.map((g) => g.open) });
      }
      i += m[0].length - 1;
      if (cmd === 'left') i++;
      continue;
    }
    if (c === '{') brace++;
    else if (c === '}') brace--;
    else if (brace > 0) continue;
    else if (c === '(') stack.push({ open: i, len: 1, left: false });
    else if (c === ')') {
      const g = stack.pop();
      if (g) groups.set(g.open, { open: g.open, close: i, openLen: g.len, closeLen: 1, tall: false });
      juxtaposed(i + 1);
    } else if ((c === '+' || c === '-') && s[i - 1] === ' ' && s[i + 1] === ' ') {
      points.push({ at: i, insert: '', inside: stack.map((g) => g.open) });
    }
  }
  // a product written side by side may break after a closing bracket: the next line starts `\cdot`
  function juxtaposed(j: number): void {
    if (brace !== 0 || j >= s.length) return;
    const rest = s.slice(j);
    if (/^(\\left|\(|\\[a-zA-Z]|[A-Za-z0-9])/.test(rest) && !/^\\(right|cdot)/.test(rest)) {
      points.push({ at: j, insert: '\\cdot ', inside: stack.map((g) => g.open) });
    }
  }
  return { points, groups };
}

/**
 * `s` in pieces no wider than `max` points where it can: each piece after the first starts with
 * its operator (`+ …`, `- …`, `\cdot …`). Breaks at the shallowest bracket depth that makes every
 * piece fit; the widest piece is returned as it is when nothing fits.
 */
export function breakLatex(s: string, max: number): string[] {
  if (latexWidth(s) <= max) return [s];
  const { points, groups } = scanPoints(s);
  const depthOf = (p: Point) => p.inside.length;
  // brackets deeper than a few levels are never worth breaking inside (and would cost time)
  const maxDepth = Math.min(8, points.reduce((m, p) => Math.max(m, depthOf(p)), 0));
  let best: string[] = [s];
  let bestWidth = latexWidth(s);
  for (let d = 0; d <= maxDepth; d++) {
    const pieces = greedy(s, points.filter((p) => depthOf(p) <= d), groups, max);
    const widest = pieces.reduce((m, p) => Math.max(m, latexWidth(p)), 0);
    if (widest <= max) return pieces;
    if (widest < bestWidth) [best, bestWidth] = [pieces, widest];
  }
  // one fraction wider than the line (a "combine the fractions" step): its numerator and
  // denominator break inside it, as stacked lines (gathered), since nothing outside can break
  if (best.length === 1) return [breakFraction(s, max) ?? s];
  return best;
}

/** `\frac{N}{D}` (or `-\frac{N}{D}`) with N and D each broken into stacked lines no wider than
 * `max`; undefined when `s` is not one fraction. */
function breakFraction(s: string, max: number): string | undefined {
  const m = /^(-\s*)?\\frac\s*/.exec(s);
  if (!m || s[m[0].length] !== '{') return undefined;
  const e1 = groupEnd(s, m[0].length);
  if (s[e1] !== '{') return undefined;
  const e2 = groupEnd(s, e1);
  if (s.slice(e2).trim() !== '') return undefined;
  const stack = (x: string): string => {
    const ps = breakLatex(x, max);
    return ps.length > 1 ? `\\begin{gathered}${ps.join(' \\\\ ')}\\end{gathered}` : x;
  };
  return `${m[1] ?? ''}\\frac{${stack(s.slice(m[0].length + 1, e1 - 1))}}{${stack(s.slice(e1 + 1, e2 - 1))}}`;
}

/** Greedy line filling over the allowed points. A piece's width is the sum of the widths of the
 * segments between points, each measured once, so a long formula costs linear time. */
function greedy(s: string, points: readonly Point[], groups: ReadonlyMap<number, Group>, max: number): string[] {
  // cum[j]: width of s up to points[j] (cum[points.length]: the whole)
  const cum: number[] = [];
  let acc = 0;
  let prev = 0;
  for (const p of points) {
    acc += latexWidth(s.slice(prev, p.at));
    cum.push(acc);
    prev = p.at;
  }
  cum.push(acc + latexWidth(s.slice(prev)));
  const cuts: Point[] = [];
  let from = -1; // index of the point the current piece starts at (-1: the start)
  const widthTo = (j: number) => cum[j]! - (from < 0 ? 0 : cum[from]!) + (from < 0 ? 0 : latexWidth(points[from]!.insert));
  for (let j = 0; j < points.length; j++) {
    if (widthTo(j) > max && j - 1 > from) {
      cuts.push(points[j - 1]!);
      from = j - 1;
    }
  }
  if (widthTo(points.length) > max && points.length - 1 > from) cuts.push(points[points.length - 1]!);
  return cut(s, cuts, groups);
}

/** Cut `s` at `cuts`; a \left…\right pair a cut falls inside becomes \Bigl…\Bigr (or plain). */
function cut(s: string, cuts: readonly Point[], groups: ReadonlyMap<number, Group>): string[] {
  if (!cuts.length) return [s];
  const split = new Set<number>();
  for (const p of cuts) for (const g of p.inside) split.add(g);
  // edits from the end so that earlier indices stay valid; a cut is a NUL, split on afterwards
  const edits: Array<{ at: number; len: number; text: string }> = [];
  for (const o of split) {
    const g = groups.get(o);
    if (!g || g.openLen === 1) continue;
    const delim = (t: string) => t.replace(/^\\(left|right)\s*/, '');
    const open = delim(s.slice(g.open, g.open + g.openLen));
    const close = delim(s.slice(g.close, g.close + g.closeLen));
    edits.push({ at: g.open, len: g.openLen, text: open === '.' ? '' : g.tall ? `\\Bigl${open}` : open });
    edits.push({ at: g.close, len: g.closeLen, text: close === '.' ? '' : g.tall ? `\\Bigr${close}` : close });
  }
  for (const p of cuts) edits.push({ at: p.at, len: 0, text: '\u0000' + p.insert });
  edits.sort((a, b) => b.at - a.at || b.len - a.len);
  let out = s;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.len);
  return out.split('\u0000').map((p) => p.trim());
}
