// Source positions kept beside the tree (esbuild's Expr{Data, Loc} idea): a side table from node
// identity to its span in the input, so node equality never sees positions. Only the parser
// writes spans; a node built later (a derivative, a simplification) simply has none.
import type { Expr } from './nodes.js';

/** Half-open span [start, end) of UTF-16 offsets into the normalised input. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export class SpanTable {
  private readonly map = new WeakMap<object, Span>();
  set<T extends object>(node: T, span: Span): T {
    if (!this.map.has(node)) this.map.set(node, span);
    return node;
  }
  get(node: object): Span | undefined {
    return this.map.get(node);
  }
}

/** Position in the user's text: 1-based line and column, 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let col = 1;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col, offset: end };
}
