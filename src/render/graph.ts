// How a gate of a computational graph (src/graph) is labelled in a table or a picture: +, ×, −,
// ·(−1), ·2, +1, −1, 1/x, /2, ^2, e^x, exp, log, σ, BCE, σ→BCE, =. Read from the gate's op and
// formula (ports are symbols, constants are folded in), in Unicode and in LaTeX (KaTeX-valid).
// Invariant: the same formula always gets the same label (golden tables and pictures rely on it).
import { mul, rat } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';
import { toLatex } from './latex.js';
import { toUnicode } from './unicode.js';

/** The op of the fused σ→BCE gate (src/graph/gates.ts FUSED_SIGMOID_BCE). */
const FUSED = 'sigmoid+BCE';

export interface GateLabel {
  readonly label: string;
  readonly latex: string;
}

function hasSymbol(e: Expr): boolean {
  return e.kind === 'sym' || children(e).some(hasSymbol);
}
const isPort = (e: Expr) => e.kind === 'sym';
const isNegNum = (e: Expr) => (e.kind === 'num' && e.n < 0n) || e.kind === 'neg';

/** The label of a gate with this op and formula. */
export function gateLabel(op: string, gate: Expr): GateLabel {
  if (op === FUSED) return { label: 'σ→BCE', latex: '\\sigma\\to\\operatorname{BCE}' };
  switch (gate.kind) {
    case 'sym':
      return { label: '=', latex: '=' };
    case 'neg':
      return { label: '·(−1)', latex: '\\cdot(-1)' };
    case 'add': {
      const ports = gate.terms.filter(hasSymbol);
      const consts = gate.terms.filter((t) => !hasSymbol(t));
      if (ports.length === 1 && consts.length === 1) {
        const c = consts[0]!;
        if (isNegNum(c)) {
          const abs = c.kind === 'neg' ? c.arg : c.kind === 'num' ? rat(-c.n, c.d) : c;
          return { label: `−${toUnicode(abs)}`, latex: `-${toLatex(abs)}` };
        }
        return { label: `+${toUnicode(c)}`, latex: `+${toLatex(c)}` };
      }
      return ports.some((t) => t.kind === 'neg') ? { label: '−', latex: '-' } : { label: '+', latex: '+' };
    }
    case 'mul': {
      const ports = gate.factors.filter(hasSymbol);
      const consts = gate.factors.filter((t) => !hasSymbol(t));
      if (ports.length === 1 && consts.length >= 1) {
        const c = consts.length === 1 ? consts[0]! : mul(...consts);
        const u = toUnicode(c);
        const l = toLatex(c);
        return isNegNum(c) || c.kind === 'add' ? { label: `·(${u})`, latex: `\\cdot(${l})` } : { label: `·${u}`, latex: `\\cdot ${l}` };
      }
      return { label: '×', latex: '\\times' };
    }
    case 'div':
      if (!hasSymbol(gate.num) && isPort(gate.den)) return { label: `${toUnicode(gate.num)}/x`, latex: `\\frac{${toLatex(gate.num)}}{x}` };
      if (isPort(gate.num) && !hasSymbol(gate.den)) return { label: `/${toUnicode(gate.den)}`, latex: `/${toLatex(gate.den)}` };
      return { label: '÷', latex: '\\div' };
    case 'pow': {
      if (!hasSymbol(gate.exp)) {
        const u = toUnicode(gate.exp);
        return { label: /^[0-9]+$/.test(u) ? `^${u}` : `^(${u})`, latex: `{}^{${toLatex(gate.exp)}}` };
      }
      if (!hasSymbol(gate.base)) return { label: `${toUnicode(gate.base)}^x`, latex: `${toLatex(gate.base)}^{x}` };
      return { label: '^', latex: '\\hat{}' };
    }
    case 'call': {
      const spec = getFunction(gate.fn);
      return { label: spec.unicode ?? spec.name, latex: spec.latex };
    }
    default:
      return { label: toUnicode(gate), latex: toLatex(gate) };
  }
}
