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
  readonly nodes: Map<Expr, NodeSlot>;
  chars: number;
  readonly limit: number;
}
/**
 * What a shared memo knows of one node, every printer's result in one entry: the three printers
 * and the two normal forms (normal.ts) of a response all see the same fresh nodes, and a Map.set
 * per node and notation (five per fresh node) was the printers' largest single cost. A fixed-length
 * array indexed by the SLOT constants, not an object filled in whatever order the printers came:
 * one element kind for every slot, where objects took a new hidden class per order of filling.
 * The last three hold a whole expression's string as serialize.ts prints it (respelled first).
 */
export type NodeSlot = [
  text: Printed | undefined,
  unicode: Printed | undefined,
  latex: Printed | undefined,
  lift: Expr | undefined,
  merged: Expr | undefined,
  wholeText: string | undefined,
  wholeUnicode: string | undefined,
  wholeLatex: string | undefined,
];
/** The elements of a NodeSlot: each printer's fragment, liftSigns's and unicodeNormal's forms, whole strings. */
export const SLOT = { text: 0, unicode: 1, latex: 2, lift: 3, merged: 4, wholeText: 5, wholeUnicode: 6, wholeLatex: 7 } as const;
export type PrintedField = 0 | 1 | 2;
export type WholeField = 5 | 6 | 7;
/** Three printers' worth of fragments (one memo serves text, Unicode and LaTeX of a response). */
const SHARED_MEMO_CHARS = 3 << 21;

/** A fresh shared memo; `limit`: characters of fragments held before it starts afresh. */
export function sharedMemo(limit = SHARED_MEMO_CHARS): SharedMemo {
  return { nodes: new Map(), chars: 0, limit };
}

/** The slot of `e` in `shared`, made if it has none. */
export function slotOf(shared: SharedMemo, e: Expr): NodeSlot {
  let slot = shared.nodes.get(e);
  if (slot === undefined) shared.nodes.set(e, (slot = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]));
  return slot;
}

/** Remember `r` as `e`'s `field` in `shared` (counted against its bound; starting afresh drops the
 * normal forms too: they are found again, as new nodes, and printed again, to the same text). */
export function rememberShared(shared: SharedMemo, e: Expr, field: PrintedField, r: Printed): void {
  shared.chars += r.s.length;
  if (shared.chars > shared.limit) {
    shared.nodes.clear();
    shared.chars = r.s.length;
  }
  // looked up again: printing `e` may have started the memo afresh since it was last read
  slotOf(shared, e)[field] = r;
}

export interface MemoPrinter<P extends Printed> {
  /** the memoised per-node printer, for recursive calls inside `printNode` */
  readonly print: (e: Expr) => P;
  /** one top-level call: a fresh memo (or `shared`, kept across calls), the work counted in `stats` */
  readonly run: (e: Expr, stats: PrintStats | undefined, shared?: SharedMemo) => P;
}

export function memoPrinter<P extends Printed>(what: string, field: PrintedField, printNode: (e: Expr) => P): MemoPrinter<P> {
  let memo = new Map<Expr, P>();
  let shared: SharedMemo | undefined;
  let counter: PrintStats | undefined;
  const print = (e: Expr): P => {
    let r = shared !== undefined ? (shared.nodes.get(e)?.[field] as P | undefined) : memo.get(e);
    if (r === undefined) {
      checkBudget(what);
      if (counter) counter.visits++;
      r = printNode(e);
      if (shared) rememberShared(shared, e, field, r);
      else memo.set(e, r);
    }
    return r;
  };
  const run = (e: Expr, stats: PrintStats | undefined, s?: SharedMemo): P => {
    const savedMemo = memo;
    const savedCounter = counter;
    const savedShared = shared;
    if (!s) memo = new Map();
    counter = stats;
    shared = s;
    try {
      return print(e);
    } finally {
      memo = savedMemo;
      counter = savedCounter;
      shared = savedShared;
    }
  };
  return { print, run };
}
