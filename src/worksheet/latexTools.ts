// LaTeX helpers for worksheets: \cancel on the factors a cancellation step removes, and breaking a
// long line at top-level `+`, `-` or `\cdot` so that it fits an A4 page with 2.5 cm margins
// (inside \left(…\right) a break closes with \right. and reopens with \left.). The width is an
// estimate in "em-ish" units; tests compile the output and fail on any overfull box.

/** Index after the group that opens at `i` (`{…}` or `(…)`), or -1. */
function skipGroup(s: string, i: number): number {
  const open = s[i];
  const close = open === '{' ? '}' : open === '(' ? ')' : open === '[' ? ']' : '';
  if (!close) return -1;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') {
      j++;
      continue;
    }
    if (s[j] === open) depth++;
    else if (s[j] === close && --depth === 0) return j + 1;
  }
  return -1;
}

/** Top-level factors of a product written by the engine's printer, or undefined if it is not one. */
export function factors(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const scripts = () => {
    while (s[i] === '^' || s[i] === '_') {
      i++;
      if (s[i] === '{') i = skipGroup(s, i);
      else i++;
      if (i < 0) return false;
    }
    return true;
  };
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    const start = i;
    if (s.startsWith('\\cdot', i)) {
      i += 5;
      continue;
    }
    if (s.startsWith('\\left(', i)) {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s.startsWith('\\left', j)) depth++;
        else if (s.startsWith('\\right', j) && --depth === 0) break;
      }
      if (j >= s.length) return undefined;
      i = j + 7;
    } else if (s[i] === '(') {
      i = skipGroup(s, i);
    } else if (s[i] === '\\') {
      const m = /^\\[a-zA-Z]+/.exec(s.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      while (i > 0 && s[i] === '{') i = skipGroup(s, i);
      if (i > 0 && s[i] === '(') i = skipGroup(s, i);
    } else if (/[a-zA-Z]/.test(s[i]!)) {
      i++;
    } else if (/[0-9]/.test(s[i]!)) {
      while (i < s.length && /[0-9.]/.test(s[i]!)) i++;
    } else return undefined;
    if (i < 0 || !scripts()) return undefined;
    out.push(s.slice(start, i));
  }
  return out;
}

const strip = (f: string) => (f.startsWith('(') && f.endsWith(')') && skipGroup(f, 0) === f.length ? f.slice(1, -1) : f);

/** `\frac{num}{den}` with the factors whose conditions are given (`y \neq 0`) cancelled top and
 * bottom; the input unchanged when it is not such a fraction or a factor is not found in both. */
export function cancelFactors(latex: string, conditions: readonly string[]): string {
  if (!latex.startsWith('\\frac{')) return latex;
  const numEnd = skipGroup(latex, 5);
  if (numEnd < 0 || latex[numEnd] !== '{') return latex;
  const denEnd = skipGroup(latex, numEnd);
  if (denEnd !== latex.length) return latex;
  const num = factors(latex.slice(6, numEnd - 1));
  const den = factors(latex.slice(numEnd + 1, denEnd - 1));
  if (!num || !den) return latex;
  let changed = false;
  for (const c of conditions) {
    const f = c.replace(/\s*\\neq\s*0$/, '').trim();
    const a = num.findIndex((x) => strip(x) === f);
    const b = den.findIndex((x) => strip(x) === f);
    if (a < 0 || b < 0) continue;
    num[a] = `\\cancel{${num[a]}}`;
    den[b] = `\\cancel{${den[b]}}`;
    changed = true;
  }
  return changed ? `\\frac{${num.join('')}}{${den.join('')}}` : latex;
}

/** Rough printed width of a LaTeX string (1 ≈ one letter of math). */
export function width(s: string): number {
  let w = 0;
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('\\frac{', i)) {
      const a = skipGroup(s, i + 5);
      const b = a > 0 ? skipGroup(s, a) : -1;
      if (b < 0) return w + s.length - i;
      w += Math.max(width(s.slice(i + 6, a - 1)), width(s.slice(a + 1, b - 1))) + 0.5;
      i = b;
    } else if (s[i] === '^' || s[i] === '_') {
      const end = s[i + 1] === '{' ? skipGroup(s, i + 1) : i + 2;
      w += 0.7 * width(s.slice(i + 1, end).replace(/^\{|\}$/g, ''));
      i = end < 0 ? s.length : end;
    } else if (s[i] === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i))!;
      const cmd = m[1]!;
      i += m[0].length;
      if (cmd === 'cdot' || cmd === 'neq' || cmd === 'to') w += 1.6;
      else if (cmd === 'operatorname' || cmd === 'text' || cmd === 'mathrm') {
        const end = skipGroup(s, i);
        w += (end - i - 2) * 0.9;
        i = end;
      } else if (!['left', 'right', 'hat', 'bar', 'cancel', 'boxed', 'quad', 'displaystyle', 'textstyle', ','].includes(cmd)) w += cmd.length > 3 && cmd !== 'sigma' && cmd !== 'alpha' ? cmd.length * 0.7 : 1;
      else if (cmd === 'quad') w += 1.5;
    } else if (s[i] === '{' || s[i] === '}' || s[i] === ' ') i++;
    else if ('+-=<>'.includes(s[i]!)) {
      w += 1.8;
      i++;
    } else {
      w += 1;
      i++;
    }
  }
  return w;
}

/** Split at top-level `+`, `-` (binary) and `\cdot` into pieces no wider than `max`, where it can.
 * Each piece after the first starts with its operator. \left…\right groups that a break falls in
 * are closed with \right. and reopened with \left. so every piece is valid LaTeX on its own. */
export function breakLine(s: string, max: number): string[] {
  if (width(s) <= max) return [s];
  // candidate break points: offsets of an operator at brace depth 0, with the \left depth and
  // the bracket depth (\left and plain parentheses) there: shallower breaks read better
  const points: { at: number; left: number; depth: number }[] = [];
  let brace = 0;
  let left = 0;
  let paren = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      if (s.startsWith('\\left', i)) left++;
      else if (s.startsWith('\\right', i)) left--;
      else if (brace === 0 && s.startsWith('\\cdot', i) && i > 0) points.push({ at: i, left, depth: left + paren });
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
      i += (m?.[0].length ?? 1) - 1;
      continue;
    }
    if (c === '{') brace++;
    else if (c === '}') brace--;
    else if (brace === 0 && c === '(') paren++;
    else if (brace === 0 && c === ')') paren--;
    else if (brace === 0 && (c === '+' || c === '-') && s[i - 1] === ' ' && s[i + 1] === ' ') points.push({ at: i, left, depth: left + paren });
  }
  const maxDepth = Math.max(0, ...points.map((p) => p.depth));
  let fallback: string[] = [s];
  for (let d = 0; d <= maxDepth; d++) {
    const pieces = split(s, points.filter((p) => p.depth <= d), max);
    fallback = pieces;
    if (pieces.every((p) => width(p) <= max)) return pieces;
  }
  return fallback;
}

function split(s: string, points: readonly { at: number; left: number }[], max: number): string[] {
  if (!points.length) return [s];
  const pieces: string[] = [];
  let from = 0;
  let openLeft = 0;
  let best: { at: number; left: number } | undefined;
  for (const p of points) {
    const piece = '\\left.'.repeat(openLeft) + s.slice(from, p.at) + '\\right.'.repeat(p.left);
    if (width(piece) > max && best) {
      pieces.push('\\left.'.repeat(openLeft) + s.slice(from, best.at).trimEnd() + '\\right.'.repeat(best.left));
      from = best.at;
      openLeft = best.left;
    }
    best = p;
  }
  pieces.push('\\left.'.repeat(openLeft) + s.slice(from));
  return pieces;
}
