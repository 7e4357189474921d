// The printers of expression trees: plain text (round-trips exactly through the notation's
// parser), readable Unicode (round-trips up to unicodeNormal), and LaTeX (KaTeX-valid).
// Render imports ast and functions only (types of any layer aside); the engine may import the
// expression printers (text, unicode, latex) to print an expression in a message.
export { toText, toTextCounted, toTextShared } from './text.js';
export { toUnicode, toUnicodeCounted, toUnicodeShared } from './unicode.js';
export { toLatex, toLatexCounted, toLatexShared, type LatexOptions } from './latex.js';
export { liftSigns, unicodeNormal } from './normal.js';
export { SLOT, sharedMemo, type PrintStats, type SharedMemo, slotOf, type WholeField } from './precedence.js';
export { gateLabel, type GateLabel } from './graph.js';
