// Step labels of an op response in another language: every object with a step id (`rule`) and a
// `label` gets the catalog's label for that id, keeping the English one as `labelEn`. For the
// api layer's `lang` field (to be wired by the integrator: `localise(response, req.lang)`).
import { type Lang, plain, ruleKey } from './index.js';
import { CHAIN_STEP } from '../rules/registry.js';

const partial = (of: unknown, wrt: unknown) => `∂${String(of)}/∂${String(wrt)}`;

function label(node: Record<string, unknown>, lang: Lang): string | undefined {
  const rule = node['rule'];
  if (typeof rule !== 'string') return undefined;
  const key = ruleKey(rule);
  try {
    // chain steps carry math in their label: the part after the English words is kept
    if (rule === CHAIN_STEP.local.id) return plain(lang, key, { fracMath: partial(node['of'], node['wrt']) });
    if (rule === CHAIN_STEP.upstream.id) return plain(lang, key, { fracMath: String(node['label'] ?? '') });
    return plain(lang, key);
  } catch {
    return undefined; // an id not in the catalogs keeps its English label (a test catches it)
  }
}

/** A copy of `response` with step labels in `lang` (English: unchanged). */
export function localise<T>(response: T, lang: Lang): T {
  if (lang === 'en') return response;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    if (typeof o['label'] === 'string') {
      const l = label(o, lang);
      if (l !== undefined) {
        out['labelEn'] = o['label'];
        out['label'] = l;
      }
    }
    return out;
  };
  return walk(response) as T;
}
