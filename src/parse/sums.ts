// Reading text that may hold sums over data rows, Σ_i (…) and sum_i(…), for `graph` and `descend`,
// without touching the grammar (see src/graph/sums.ts for what a sum then means): the text is
// rewritten (sum_i(u) → (Σ_i(u)), ∑ → Σ, xᵢ → x_i, LaTeX \sum_{i} → \Sigma_{i}) so the parser reads
// Σ_i as the symbol Sigma_i; every position the parser reports is mapped back to the user's text.
// Retired when the AST gets a sum node with a bound index (issue 12).
import type { Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { parseAsync, type ParseOptions, type Parsed } from './index.js';

/** Text edited before parsing, with the way back to the user's offsets. */
export interface Rewritten {
  readonly text: string;
  /** an offset in `text` → the offset in the original */
  readonly back: (offset: number) => number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly by: string;
}

const SUBSCRIPT_LETTERS: Readonly<Record<string, string>> = {
  'ᵢ': 'i', 'ⱼ': 'j', 'ₖ': 'k', 'ₙ': 'n', 'ₘ': 'm', 'ₜ': 't', 'ₐ': 'a', 'ₑ': 'e', 'ₒ': 'o', 'ₓ': 'x',
  'ₕ': 'h', 'ₗ': 'l', 'ₚ': 'p', 'ₛ': 's', 'ᵣ': 'r', 'ᵤ': 'u', 'ᵥ': 'v',
};

/** Rewrite the sum notations into `Σ_i` products the parser reads (see the file header). */
export function rewriteSums(input: string): Rewritten {
  const edits: Edit[] = [];
  const latex = input.includes('\\');
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    // the grammar reads Σ and ∑ as the sum node: spelled Sigma, they stay the placeholder symbol
    if (ch === '∑' || (ch === 'Σ' && !latex)) edits.push({ start: i, end: i + 1, by: latex ? '\\Sigma' : 'Sigma' });
    else if (ch in SUBSCRIPT_LETTERS) edits.push({ start: i, end: i + 1, by: `_${SUBSCRIPT_LETTERS[ch]}` });
  }
  if (latex) {
    for (const m of input.matchAll(/\\sum(?![A-Za-z])/g)) edits.push({ start: m.index, end: m.index + 4, by: '\\Sigma' });
  } else {
    for (const m of input.matchAll(/(?<![A-Za-z0-9_])sum_(?:([A-Za-z])|\{([A-Za-z])\})\s*\(/g)) {
      const open = m.index + m[0].length - 1;
      const close = matching(input, open);
      if (close < 0) continue; // the parser reports the unbalanced parenthesis
      edits.push({ start: m.index, end: open, by: `(Sigma_${m[1] ?? m[2]}` });
      edits.push({ start: close + 1, end: close + 1, by: ')' });
    }
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let text = '';
  let at = 0;
  const map: { newStart: number; newEnd: number; start: number; end: number }[] = [];
  for (const e of edits) {
    text += input.slice(at, e.start);
    const newStart = text.length;
    text += e.by;
    map.push({ newStart, newEnd: text.length, start: e.start, end: e.end });
    at = e.end;
  }
  text += input.slice(at);
  const back = (offset: number): number => {
    let shift = 0;
    for (const m of map) {
      if (offset < m.newStart) break;
      if (offset < m.newEnd) return m.start;
      shift = m.end - m.newEnd;
    }
    return offset + shift;
  };
  return { text, back };
}

function matching(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** One Σ over an index: the placeholder symbol that stands for it and the term it sums. */
/** A node's span in the user's text, through the rewrite. */
export function spanIn(parsed: Parsed, rw: Rewritten): (node: Expr) => Span | undefined {
  return (node) => {
    const s = parsed.spans.get(node);
    return s ? { start: rw.back(s.start), end: Math.max(rw.back(s.start), rw.back(s.end - 1) + 1) } : undefined;
  };
}

export interface ParsedWithSums {
  readonly parsed: Parsed;
  readonly rewritten: Rewritten;
  /** a parsed node's span in the user's text */
  readonly spanOf: (node: Expr) => Span | undefined;
}

/** Parse text that may use Σ_i / sum_i(…); errors point into the original text. */
export async function parseWithSums(text: string, opts: ParseOptions = {}): Promise<ParsedWithSums> {
  const rewritten = rewriteSums(text);
  let parsed: Parsed;
  try {
    parsed = await parseAsync(rewritten.text, opts);
  } catch (e) {
    if (!(e instanceof ChainruleError) || !e.span || rewritten.text === text) throw e;
    const start = rewritten.back(e.span.start);
    throw new ChainruleError(e.code, e.message, { start, end: Math.max(start + (e.span.end > e.span.start ? 1 : 0), rewritten.back(Math.max(e.span.start, e.span.end - 1)) + 1) });
  }
  return { parsed, rewritten, spanOf: spanIn(parsed, rewritten) };
}
