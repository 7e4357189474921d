// Binding strengths of the plain-text notation, shared by all printers. Invariant: these levels
// mirror the parser's grammar exactly, low → high: + - < explicit * / < unary - < implicit
// multiplication < ^ < primary; a printer brackets a child when the child's level is below what
// its slot requires (the readable printers add a few more brackets, each said where it is done).
export const SUM = 1;
export const PROD = 2;
export const UNARY = 3;
export const IMPLICIT = 4;
export const POW = 5;
export const PRIMARY = 6;

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
