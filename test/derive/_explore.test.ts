import fc from 'fast-check';
import { it } from 'vitest';
import { derive } from '../../src/derive/derive.js';
import { simplify } from '../../src/simplify/simplify.js';
import { checkDerivation, checkEquivalent, checkDerivative } from '../../src/check/index.js';
import { toText } from '../../src/render/index.js';
import { leafCount, equal, nodeAt, replaceAt } from '../../src/ast/traverse.js';
import { arbExprWith } from '../arbitrary.js';
import type { Step } from '../../src/trace/types.js';

it('explore', () => {
  const arb = arbExprWith({ depth: 3, symbols: ['x', 'y', 'w', 'b', 'y_hat'] });
  const samples = fc.sample(arb, { numRuns: 400, seed: 42 });
  const counts: Record<string, number> = {};
  const bump = (k: string, msg?: string) => { counts[k] = (counts[k] ?? 0) + 1; if (msg && counts[k]! <= 3) console.log(k, msg); };
  let slow = 0;
  for (const e of samples) {
    const t0 = performance.now();
    let d;
    try { d = derive(e, 'x'); } catch (err) { bump('derive-throw', toText(e) + ' ' + String(err)); continue; }
    const t1 = performance.now();
    if (t1 - t0 > 200) { slow++; console.log('slow derive', (t1 - t0).toFixed(0), toText(e)); }
    const c = checkDerivation(d);
    bump('deriv-' + c.status);
    if (c.status === 'refuted') {
      const walk = (ss: readonly Step[], cs: any[]) => ss.forEach((s, i) => { const v = cs[i].verdict; if (v.status === 'refuted') bump('refuted-rule ' + s.rule, toText(s.from) + ' -> ' + toText(s.to) + ' in ' + toText(e) + ' ' + JSON.stringify(v)); if (s.substeps) walk(s.substeps, cs[i].substeps); });
      walk(d.steps, c.steps as any[]);
      if (c.result?.status === 'refuted') bump('refuted-result', toText(e));
    }
    if (c.status === 'unverifiable') { const r = [...(c.steps as any[])].map((s: any) => s.verdict).find((v: any) => v.status === 'unverifiable') ?? c.result; bump('unv-reason ' + String((r as any)?.reason).slice(0, 40)); }
    let s;
    try { s = simplify(e); } catch (err) { bump('simp-throw', toText(e) + ' ' + String(err)); continue; }
    const v = checkEquivalent(e, s.result);
    bump('simp-' + v.status, v.status === 'refuted' ? toText(e) + ' => ' + toText(s.result) + JSON.stringify(v) : undefined);
    if (leafCount(s.result) > leafCount(e)) bump('simp-larger', toText(e) + ' => ' + toText(s.result));
    for (const st of [...d.steps, ...s.steps]) {
      if (equal(st.before, st.after)) bump('noop', st.rule);
      if (!equal(nodeAt(st.before, st.path), st.from)) bump('from-mismatch', st.rule);
      if (!equal(replaceAt(st.before, st.path, st.to), st.after)) bump('after-mismatch', st.rule + ' ' + toText(st.before) + ' | ' + toText(st.after));
    }
  }
  console.log(counts, 'slow', slow);
}, 600000);
