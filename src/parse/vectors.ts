// Functions of whole vectors where one number is meant (issue 12): softmax(a) is the vector of K
// probabilities, so outside CE(softmax(a), t) it must be taken component by component
// (softmax(a_j)); softmax takes a component of a NAMED vector (softmax(2x) has no reading), and CE
// and logsumexp take vectors by name. Checked once when a program is read, so every door (derive,
// simplify, evaluate, verify, graph, latex) answers WHOLE_VECTOR with the call's position.
import { splitName } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import type { SpanTable } from '../ast/spans.js';
import { children } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';

/** A component of a named vector: a_j, a_1, w_i1 (a subscript that is an index pattern). */
const isComponent = (e: Expr): boolean => e.kind === 'sym' && /^[a-z0-9]{1,3}$/.test(splitName(e.name).sub ?? '');

const COMPONENT_HINT = 'take one component, softmax(a_j) (also softmax(a)_j or softmax_j(a)), or pass the vector whole to CE(softmax(a), t)';

/** Throw WHOLE_VECTOR at the first use of softmax, CE or logsumexp that has no scalar reading. */
export function checkVectorUses(roots: readonly Expr[], spans: SpanTable): void {
  const fail = (at: Expr, message: string): never => {
    throw new ChainruleError('WHOLE_VECTOR', message, spans.get(at));
  };
  const go = (e: Expr, asVector: boolean): void => {
    if (e.kind === 'call' && e.fn === 'softmax') {
      const a = e.args[0]!;
      if (asVector) {
        if (a.kind !== 'sym') fail(e, 'CE takes softmax of a named vector, CE(softmax(a), t): name the argument first (z_j = …; CE(softmax(z), t)).');
        return;
      }
      if (a.kind === 'sym' && !isComponent(a))
        fail(e, `softmax(${a.name}) is the whole vector of K probabilities, not one number: ${COMPONENT_HINT}.`);
      if (a.kind !== 'sym')
        fail(e, 'softmax takes one component of a named vector, softmax(a_j): name its argument first (z_j = …; y_j = softmax(z_j)).');
      return;
    }
    if (e.kind === 'call' && e.fn === 'CE') {
      const [y, t] = e.args as [Expr, Expr];
      if (y.kind !== 'sym' && !(y.kind === 'call' && y.fn === 'softmax')) fail(e, 'CE takes its prediction as a named vector or as softmax of one: CE(y, t), CE(softmax(a), t).');
      if (t.kind !== 'sym') fail(e, 'CE takes its target as a named vector: CE(y, t).');
      go(y, true);
      return;
    }
    if (e.kind === 'call' && e.fn === 'logsumexp') {
      if (e.args[0]!.kind !== 'sym') fail(e, 'logsumexp takes a named vector: logsumexp(a).');
      return;
    }
    for (const k of children(e)) go(k, false);
  };
  for (const r of roots) go(r, false);
}
