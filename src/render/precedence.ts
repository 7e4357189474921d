// Binding strengths of the plain-text notation, shared by all printers. Invariant: these levels
// mirror the parser's grammar exactly, low → high: + - < explicit * / < unary - < implicit
// multiplication < ^ < primary; a printer brackets a child when the child's level is below what
// its slot requires (the readable printers add a few more brackets, each said where it is done).
import { checkBudget } from '../ast/budget.js';
import type { Expr } from '../ast/nodes.js';

export const SUM = 1;
export const PROD = 2;
export const UNARY = 3;
export const IMPLICIT = 4;
export const POW = 5;
export const PRIMARY = 6;

// Character tests the printers make on fragments, as char-code loops: a regular expression on a
// fragment (a fresh rope at each new node) cost more than the rest of printing the node.
/** An ASCII letter's code (what /[A-Za-z]/ matches). */
export const isLetterCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** An ASCII digit's code (what /\d/ matches without the u flag). */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** The length of the run of ASCII letters `s` ends with (/[A-Za-z]*$/, scanned backwards). */
export function trailingLetters(s: string): number {
  let i = s.length;
  while (i > 0 && isLetterCode(s.charCodeAt(i - 1))) i--;
  return s.length - i;
}
/** The length of the run of ASCII letters `s` starts with (/^[A-Za-z]+/, or 0). */
export function leadingLetters(s: string): number {
  let i = 0;
  while (i < s.length && isLetterCode(s.charCodeAt(i))) i++;
  return i;
}

/** A printed fragment and the level of its outermost operator. */
export interface Printed {
  readonly s: string;
  readonly p: number;
}

/**
 * Work done by one printer call, for tests that check printing is linear in the tree: `visits`
 * counts calls into the per-node printer (each distinct node is printed once, then memoised).
 */
export interface PrintStats {
  visits: number;
}

/**
 * A printer that prints each distinct node once per call: a derivative shares sub-trees, and a
 * product may be tried in two spellings, so printing per path cost 2ⁿ–3ⁿ at nesting n. The memo
 * lives for one call only: kept across calls it would hold every step's text (flattened by V8 on
 * first read) while a derivation lives — σ nested 200 deep ran out of memory that way. Calls may
 * nest (a printer used inside another's node): each `run` saves and restores its state.
 */
/**
 * Per-node results kept across several top-level calls for ONE response (src/api/serialize.ts's
 * print scope): the steps of a derivation share most of their sub-trees, so each step printed from
 * scratch re-printed them all. Bounded: past SHARED_MEMO_CHARS characters of printed fragments it
 * starts afresh (a deep nest's fragments, flattened by V8 on first read, would otherwise hold
 * many times the response's own text). Printing is a function of the node alone, so a hit gives
 * the same string a fresh print would.
 */
export interface SharedMemo {
  readonly nodes: Map<Expr, Printed>;
  /** the printer's normal forms (normal.ts), node → its form, for the same response; kept when
   * `nodes` starts afresh (it holds trees, not text) */
  readonly normals: Map<Expr, Expr>;
  chars: number;
  readonly limit: number;
}
const SHARED_MEMO_CHARS = 1 << 21;

/** A fresh shared memo; `limit`: characters of fragments held before it starts afresh. */
export function sharedMemo(limit = SHARED_MEMO_CHARS): SharedMemo {
  return { nodes: new Map(), normals: new Map(), chars: 0, limit };
}

/** Remember `r` for `e` in `shared` (counted against its bound). */
export function rememberShared<P extends Printed>(shared: SharedMemo, e: Expr, r: P): void {
  shared.chars += r.s.length;
  if (shared.chars > shared.limit) {
    shared.nodes.clear();
    shared.chars = r.s.length;
  }
  shared.nodes.set(e, r);
}

export interface MemoPrinter<P extends Printed> {
  /** the memoised per-node printer, for recursive calls inside `printNode` */
  readonly print: (e: Expr) => P;
  /** one top-level call: a fresh memo (or `shared`, kept across calls), the work counted in `stats` */
  readonly run: (e: Expr, stats: PrintStats | undefined, shared?: SharedMemo) => P;
}

export function memoPrinter<P extends Printed>(what: string, printNode: (e: Expr) => P): MemoPrinter<P> {
  let memo = new Map<Expr, P>();
  let shared: SharedMemo | undefined;
  let counter: PrintStats | undefined;
  const print = (e: Expr): P => {
    let r = memo.get(e);
    if (r === undefined) {
      checkBudget(what);
      if (counter) counter.visits++;
      r = printNode(e);
      if (shared) rememberShared(shared, e, r);
      else memo.set(e, r);
    }
    return r;
  };
  const run = (e: Expr, stats: PrintStats | undefined, s?: SharedMemo): P => {
    const saved = [memo, counter, shared] as const;
    memo = s ? (s.nodes as Map<Expr, P>) : new Map();
    counter = stats;
    shared = s;
    try {
      return print(e);
    } finally {
      [memo, counter, shared] = saved;
    }
  };
  return { print, run };
}
