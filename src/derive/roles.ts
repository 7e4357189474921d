// Argument roles of the losses (BCE(prediction, label), MSE(prediction, target)): the role is
// fixed by POSITION (SEEDS.md: the notes swap y and ŷ), so the engine says which argument it took
// as the prediction (ARGUMENT_ROLES) and flags the likely swap (ARGUMENT_ROLES_SUSPICIOUS): the
// "label" depends on the variable and the "prediction" does not (deck 001 writes BCE(y, ŷ)).
import type { Definition, Expr } from '../ast/nodes.js';
import type { SpanTable } from '../ast/spans.js';
import { forEachNode } from '../ast/traverse.js';
import { getFunction, isRegistered } from '../functions/index.js';
import type { Parsed } from '../parse/index.js';
import type { Reading } from '../parse/readings.js';
import { dependencies } from './wrt.js';

const LOSS_ROLES = new Set(['label', 'target']);

/** Readings of the argument roles of every loss call in `what`, given the variables `wrt`;
 * `print` writes an argument for the message (the api passes render's toUnicode: the engine
 * does not print for users). `context`: the definitions the dependencies are traced through
 * (default: the parse's own; a request's `given` and `expr` are two parses of one program, each
 * read with its own spans). In input order. */
export function rolesReadings(what: Parsed | Expr, wrt: string | readonly string[], print: (e: Expr) => string, context?: readonly Definition[]): Reading[] {
  const ws = typeof wrt === 'string' ? [wrt] : wrt;
  const parsed = 'program' in what ? what : undefined;
  const own: readonly Definition[] = parsed?.program.definitions ?? [];
  const defs: readonly Definition[] = context ?? own;
  const spans: SpanTable | undefined = parsed?.spans;
  const roots = parsed ? [...own.map((d) => d.expr), ...(parsed.program.body ? [parsed.program.body] : [])] : [what as Expr];
  const out: Reading[] = [];
  forEachNode(roots, (e) => {
    if (e.kind !== 'call' || !isRegistered(e.fn)) return;
    const spec = getFunction(e.fn);
    if (spec.arity !== 2 || spec.params[0] !== 'prediction' || !LOSS_ROLES.has(spec.params[1]!)) return;
    const [p, t] = e.args as [Expr, Expr];
    const role = spec.params[1]!;
    const span = spans?.get(e) ?? { start: 0, end: 0 };
    const ps = print(p);
    const ts = print(t);
    const swapped = `${spec.name}(${ts}, ${ps})`;
    out.push({
      code: 'ARGUMENT_ROLES', span,
      read: `prediction ${ps}, ${role} ${ts}`,
      alternative: `to take ${ts} as the prediction, write ${swapped}`,
      message: `${spec.name}: ${ps} is taken as the prediction and ${ts} as the ${role} (by position).`,
    });
    const dp = dependencies(p, defs);
    const dt = dependencies(t, defs);
    // the label depends on the variables and the prediction on none of them; or, over several
    // variables (a gradient over every input, a graph), the prediction is a bare input while the
    // label is computed from the variables (BCE(y, ŷ) with ŷ = σ(w·x): y depends on y itself)
    const bare = (x: Expr) => x.kind === 'sym' && !defs.some((d) => d.name === x.name);
    const only = ws.filter((w) => dt.has(w) && !dp.has(w) && !(t.kind === 'sym' && t.name === w));
    if ((ws.some((w) => dt.has(w)) && !ws.some((w) => dp.has(w))) || (bare(p) && !bare(t) && only.length > 0)) {
      out.push({
        code: 'ARGUMENT_ROLES_SUSPICIOUS', span,
        read: `prediction ${ps}, ${role} ${ts}`,
        alternative: `write ${swapped} if ${ts} is the prediction`,
        message: `${spec.name}: the ${role} ${ts} depends on ${(only.length ? only : ws).join(', ')} and the prediction ${ps} does not — were the arguments swapped? ${spec.name} takes the prediction first.`,
      });
    }
  });
  return out.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : 1));
}
