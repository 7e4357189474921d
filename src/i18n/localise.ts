// An op response in another language (the requests' `lang` field, applied by runOp): every object
// with a step id (`rule`) and a `label` gets the catalog's label for that id, keeping the English
// one as `labelEn`; every diagnosis finding (`id` + `message`, an id with a `diagnosis-<id>`
// message) gets the catalog's message, keeping the English sentence as `messageEn`. Ids and
// expressions are never translated, so a client can still key on them.
import { hasMessage, type Lang, plain, ruleKey } from './index.js';
import { CHAIN_STEP, DIFF_STEP } from '../rules/registry.js';
import { shownPair } from '../verify/natural.js';

const partial = (of: unknown, wrt: unknown) => `∂${String(of)}/∂${String(wrt)}`;

function label(node: Record<string, unknown>, lang: Lang): string | undefined {
  const rule = node['rule'];
  if (typeof rule !== 'string') return undefined;
  const key = ruleKey(rule);
  try {
    // chain steps carry math in their label: the part after the English words is kept
    if (rule === CHAIN_STEP.local.id) return plain(lang, key, { fracMath: partial(node['of'], node['wrt']) });
    if (rule === CHAIN_STEP.upstream.id) return plain(lang, key, { fracMath: String(node['label'] ?? '') });
    // the chain rule names the function it goes through (src/rules/diff.ts): keep the name
    const through = rule === DIFF_STEP.chain.id ? /^.* through (.+)$/.exec(String(node['label'] ?? '')) : null;
    if (through) return plain(lang, 'step-chain-through', { fnMath: through[1]!, fn: through[1]! });
    return plain(lang, key);
  } catch {
    return undefined; // an id not in the catalogs keeps its English label (a test catches it)
  }
}

/** A finding's message in `lang`, with the finding's expression (the missing factor, …) as the
 * message's math argument; undefined for an id the catalogs do not know. */
function finding(node: Record<string, unknown>, lang: Lang): string | undefined {
  const id = node['id'];
  if (typeof id !== 'string' || typeof node['message'] !== 'string') return undefined;
  const key = `diagnosis-${id}`;
  if (!hasMessage(lang, key)) return undefined;
  const expr = typeof node['expr'] === 'string' ? node['expr'] : '';
  try {
    return plain(lang, key, { factorMath: expr, termMath: expr });
  } catch {
    return undefined;
  }
}

/** A verify verdict's reason in `lang`, rebuilt from its counterexample (the point, both values
 * shown as src/verify shows them); undefined when the reason is not the counterexample's sentence. */
function counterexampleReason(node: Record<string, unknown>, lang: Lang): string | undefined {
  const cx = node['counterexample'] as Record<string, unknown> | undefined;
  if (!cx || typeof node['reason'] !== 'string' || node['reason'] !== cx['reason']) return undefined;
  const point = Object.entries((cx['point'] ?? {}) as Record<string, unknown>)
    .map(([k, v]) => `${k} = ${v ?? '?'}`)
    .join(', ');
  const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const word = (x: string) => (x === 'undefined' ? plain(lang, 'verify-undefined') : x);
  const [student, expected] = shownPair(num(cx['student']), num(cx['expected']));
  return plain(lang, 'verify-counterexample', { point, student: word(student), expected: word(expected) });
}

/** Readings phrased "<typed> was read as <read>: <why>", by the kind of why. */
const READ_AS: Readonly<Record<string, string>> = { FUNCTION_SCOPE: 'function', EXPONENT_SCOPE: 'exponent', DIVISION_SCOPE: 'division', INDEX_AS_LETTER: 'index', LAYER_INDEX: 'layer' };

/** A reading (docs/notation.md, "How chainrule reads what you type") in `lang`, rebuilt from its
 * code and the parts it names; undefined for a code the catalogs do not phrase (kept in English). */
function readingMessage(node: Record<string, unknown>, lang: Lang): string | undefined {
  const code = node['code'];
  const read = node['read'];
  if (typeof code !== 'string' || typeof read !== 'string' || typeof node['message'] !== 'string' || node['position'] === undefined) return undefined;
  if (code === 'IMPLICIT_PRODUCT_BEFORE_PAREN') {
    const name = /^(.+)·\(…\)$/.exec(read)?.[1];
    const defined = (node['message'] as string).includes(' is a defined name,');
    return name ? plain(lang, defined ? 'reading-implicit-product-defined' : 'reading-implicit-product', { name, read }) : undefined;
  }
  if (code === 'LETTERS_SPLIT') return plain(lang, 'reading-letters-split', { word: read.replace(/·/g, ''), read });
  if (code === 'ARGUMENT_ROLES') {
    const roles = /^prediction (.+), label (.+)$/.exec(read);
    const fn = /^([^:]+):/.exec(node['message'] as string)?.[1];
    return roles && fn ? plain(lang, 'reading-argument-roles', { fn, prediction: roles[1]!, label: roles[2]! }) : undefined;
  }
  if (code === 'DERIVATIVE_SCOPE') {
    const m = /^(.+) applied to (.+) only$/.exec(read);
    return m ? plain(lang, 'reading-derivative-scope', { op: m[1]!, arg: m[2]! }) : undefined;
  }
  const why = READ_AS[code];
  if (why) {
    const typed = /^(.+?) was read as /.exec(node['message'] as string)?.[1];
    return typed ? plain(lang, 'reading-read-as', { typed, read, why }) : undefined;
  }
  if (code === 'ARGUMENT_ROLES_SUSPICIOUS') {
    const m = /^([^:]+): the \S+ (.+) depends on (.+) and the prediction (.+) does not — /.exec(node['message'] as string);
    return m ? plain(lang, 'reading-roles-suspicious', { fn: m[1]!, label: m[2]!, vars: m[3]!, prediction: m[4]! }) : undefined;
  }
  if (code === 'RESULT_IN_NAMES') {
    const g = /^(.+) in the names$/.exec(read)?.[1];
    const chars = /(\d+) characters$/.exec(String(node['alternative']))?.[1];
    const msg = node['message'] as string;
    const where = msg.includes('`parts`') ? 'parts' : 'definitions';
    return g && chars ? plain(lang, 'reading-result-in-names', { g, where, factors: msg.includes('`factors`') ? 'yes' : 'no', chars: Number(chars).toLocaleString('en') }) : undefined;
  }
  return undefined;
}

/** A copy of `response` with step labels and findings in `lang` (English: unchanged). */
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
    const reading = readingMessage(o, lang);
    if (reading !== undefined) {
      out['messageEn'] = o['message'];
      out['message'] = reading;
    }
    const why = counterexampleReason(o, lang);
    if (why !== undefined) {
      out['reasonEn'] = o['reason'];
      out['reason'] = why;
      out['counterexample'] = { ...(out['counterexample'] as object), reason: why };
    }
    const m = finding(o, lang);
    if (m !== undefined) {
      out['messageEn'] = o['message'];
      out['message'] = m;
    }
    return out;
  };
  return walk(response) as T;
}
