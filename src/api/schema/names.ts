// The op names, apart from the schemas so that code which only dispatches (run.ts) does not load
// typebox.
export const OP_NAMES = ['parse', 'evaluate', 'latex', 'derive', 'simplify', 'verify', 'graph', 'descend'] as const;
export type OpName = (typeof OP_NAMES)[number];

export function isOpName(s: unknown): s is OpName {
  return typeof s === 'string' && (OP_NAMES as readonly string[]).includes(s);
}
