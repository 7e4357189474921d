import fc from 'fast-check';
import { it } from 'vitest';
import { derive } from '../../src/derive/derive.js';
import { simplify } from '../../src/simplify/simplify.js';
import { checkDerivation, checkEquivalent, checkDerivative } from '../../src/check/index.js';
import { toText } from '../../src/render/index.js';
import { leafCount, equal, nodeAt, replaceAt } from '../../src/ast/traverse.js';
import { arbExprWith } from '../arbitrary.js';
import type { Step } from '../../src/trace/types.js';

for (const depth of [3, 4]) for (const seed of [1, 2]) it(`explore d${depth} s${seed}`, () => {
  const arb = arbExprWith({ depth, symbols: ['x', 'y', 'w', 'b', 'y_hat'] });
  const samples = fc.sample(arb, { numRuns: 300, seed });
  const counts: Record<string, number> = {};
  const bump = (k: string, msg?: string) => { counts[k] = (counts[k] ?? 0) + 1; if (msg && counts[k]! <= 2) console.log(k, '::', msg); };
  let tD = 0, tC = 0, tS = 0, worst = 0, worstE = '';
  for (const e of samples) {
    const t0 = performance.now();
    let d;
    try { d = derive(e, 'x'); } catch (err) { bump('derive-throw', toText(e) + ' ' + String(err)); continue; }
    const t1 = performance.now();
    tD += t1 - t0;
    const c = checkDerivation(d);
    const t2 = performance.now(); tC += t2 - t1;
    if (t2 - t0 > worst) { worst = t2 - t0; worstE = toText(e); }
    bump('deriv-' + c.status);
    const walk = (ss: readonly Step[], cs: any[]) => ss.forEach((s, i) => { const v = cs[i].verdict; if (v.status !== 'verified') bump(v.status + ' ' + s.rule + ' ' + (v.reason ?? '').slice(0, 30), toText(s.from) + ' -> ' + toText(s.to) + ' in ' + toText(e) + ' ' + JSON.stringify(v)); if (s.substeps) walk(s.substeps, cs[i].substeps); });
    walk(d.steps, c.steps as any[]);
    if (c.result && c.result.status !== 'verified') bump('result-' + c.result.status + ' ' + ((c.result as any).reason ?? '').slice(0, 30), toText(e) + ' ' + JSON.stringify(c.result));
    let s;
    const t3 = performance.now();
    try { s = simplify(e); } catch (err) { bump('simp-throw', toText(e) + ' ' + String(err)); continue; }
    tS += performance.now() - t3;
    const v = checkEquivalent(e, s.result);
    bump('simp-' + v.status, v.status !== 'verified' ? toText(e) + ' => ' + toText(s.result) + JSON.stringify(v) : undefined);
    const sc = checkDerivation(s);
    if (sc.status === 'refuted') walk(s.steps, sc.steps as any[]);
    if (leafCount(s.result) > leafCount(e)) bump('simp-larger', toText(e) + ' => ' + toText(s.result));
    const d2 = derive(e, 'x');
    if (!equal(d2.result, d.result) || d2.steps.map(s => s.rule).join() !== d.steps.map(s => s.rule).join()) bump('nondeterministic', toText(e));
    for (const st of [...d.steps, ...s.steps]) {
      if (equal(st.before, st.after)) bump('noop', st.rule);
      if (!equal(nodeAt(st.before, st.path), st.from)) bump('from-mismatch', st.rule);
      if (!equal(replaceAt(st.before, st.path, st.to), st.after)) bump('after-mismatch', st.rule + ' ' + toText(st.before) + ' | ' + toText(st.after));
    }
  }
  console.log(depth, seed, counts, { tD, tC, tS, worst, worstE });
}, 600000);
