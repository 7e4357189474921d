// Reading a worksheet file: YAML (the `yaml` package, whose nodes keep their source ranges) checked
// against WORKSHEET_FILE_SCHEMA. Every error — YAML syntax, a schema violation, later an engine error
// inside a problem's expression — is a FieldError on field `yaml`, so it carries the line and
// column in the file (src/api/errors.ts prints the caret).
import katex from 'katex';
import { isNode, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { ErrorCode } from '../errors.js';
import { FieldError, fieldError } from '../api/errors.js';
import { ChainruleError } from '../errors.js';
import { check } from '../api/schema/check.js';
import type { WorksheetSpec } from './schema.js';
import { WORKSHEET_FILE_JSON } from './schema.generated.js';
import { authorText } from './text.js';

/** A worksheet read from YAML, with the document kept to point into it. */
export interface ReadWorksheet {
  readonly spec: WorksheetSpec;
  readonly source: string;
  readonly doc: Document;
}

/** Longest worksheet file accepted (characters); a course sheet is a few kilobytes. */
export const MAX_YAML = 200_000;

export function yamlError(source: string, code: ErrorCode, message: string, range?: readonly [number, number]): FieldError {
  const span = range ? { start: range[0], end: Math.max(range[1], range[0] + 1) } : undefined;
  return fieldError('yaml', source, code, message, span);
}

/** The node at a path (keys and indices), or the nearest ancestor that exists. */
export function nodeAt(doc: Document, path: readonly (string | number)[], key = false): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const p = path.slice(0, n);
    if (key && n === path.length && n > 0) {
      // the key node of a map entry, for "unknown field" errors
      const parent = doc.getIn(p.slice(0, -1), true);
      if (parent && typeof parent === 'object' && 'items' in parent) {
        for (const item of (parent as { items: unknown[] }).items) {
          const k = (item as { key?: unknown }).key;
          if (isScalar(k) && String(k.value) === String(p[p.length - 1])) return k;
        }
      }
    }
    const node = p.length ? doc.getIn(p, true) : doc.contents;
    if (isNode(node)) return node;
  }
  return undefined;
}

function pointer(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : 'the worksheet';
}

/** Parse and validate; throws a FieldError (field `yaml`) at the first problem found. A valid file
 * is checked against the schema's JSON copy; only an invalid one loads typebox to explain where. */
export async function readWorksheet(source: string): Promise<ReadWorksheet> {
  if (source.length > MAX_YAML) throw new ChainruleError('INPUT_TOO_LONG', `A worksheet file is limited to ${MAX_YAML} characters.`);
  if (source.trim() === '') throw yamlError(source, 'EMPTY_INPUT', 'The worksheet file is empty.');
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw yamlError(source, 'BAD_REQUEST', `The worksheet is not valid YAML: ${err.message.split('\n')[0]}`, err.pos);
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  const errors = check(WORKSHEET_FILE_JSON, value) ? [] : await schemaErrors(value);
  if (errors.length) {
    // anyOf explains itself badly through its branches: report the union's own error, and
    // otherwise the deepest path first (the most specific place).
    const e = errors.filter((x) => !/\/anyOf\/\d+$/.test(x.schemaPath)).sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]!;
    const path = pointer(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let message: string;
    let keyNode = false;
    if (e.keyword === 'additionalProperties' || (e.keyword === 'boolean' && e.schemaPath.endsWith('additionalProperties'))) {
      const extra = e.keyword === 'boolean' ? String(path[path.length - 1]) : String((params['additionalProperties'] as string[])[0]);
      if (e.keyword !== 'boolean') path.push(extra);
      keyNode = true;
      message = `Unknown field "${extra}" in ${describe(path.slice(0, -1))}.`;
    } else if (e.keyword === 'required') {
      const missing = (params['requiredProperties'] as string[] | undefined) ?? [];
      message = `${describe(path)} needs the field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}.`;
    } else if (e.keyword === 'enum') {
      message = `${describe(path)} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    } else {
      message = `${describe(path)} ${e.message}.`;
    }
    const node = nodeAt(doc, path, keyNode);
    throw yamlError(source, 'BAD_REQUEST', message, node?.range ? [node.range[0], node.range[1]] : undefined);
  }
  const spec = value as WorksheetSpec;
  spec.problems.forEach((p, i) => {
    if ((p.expr === undefined) === (p.definitions === undefined)) {
      const node = nodeAt(doc, ['problems', i]);
      throw yamlError(source, 'BAD_REQUEST', `problems[${i}] needs exactly one of "expr" and "definitions".`, node?.range ? [node.range[0], node.range[0] + 1] : undefined);
    }
  });
  const ids = new Set<string>();
  spec.problems.forEach((p, i) => {
    const id = p.id ?? `p${i + 1}`;
    if (ids.has(id)) {
      const node = nodeAt(doc, ['problems', i, 'id']);
      throw yamlError(source, 'BAD_REQUEST', `The problem id "${id}" is used twice.`, node?.range ? [node.range[0], node.range[1]] : undefined);
    }
    ids.add(id);
  });
  checkAuthorMath({ spec, source, doc });
  return { spec, source, doc };
}

/** TypeBox's account of why `value` is not a worksheet (loaded only for an invalid file). */
async function schemaErrors(value: unknown) {
  const [{ default: Value }, { WORKSHEET_FILE_SCHEMA }] = await Promise.all([import('typebox/value'), import('./schema.js')]);
  const errors = [...Value.Errors(WORKSHEET_FILE_SCHEMA, value)];
  // the JSON copy and TypeBox disagree only if the copy is stale (a test keeps it current)
  if (!errors.length) throw new ChainruleError('INTERNAL', 'The worksheet schema copy (schema.generated.ts) is out of date; run npm run docs:api.');
  return errors;
}

/** The teacher's own LaTeX (answer keys, $…$ in prompts, assumptions, instructions) must pass KaTeX
 * strict like everything else the sheets typeset: an error points at the field. */
function checkAuthorMath(read: ReadWorksheet): void {
  const check = (latex: string, path: (string | number)[]) => {
    try {
      katex.renderToString(latex, { throwOnError: true, strict: 'error' });
    } catch (e) {
      const node = nodeAt(read.doc, path);
      const why = e instanceof Error ? e.message.replace(/^KaTeX parse error: /, '') : String(e);
      throw yamlError(read.source, 'BAD_REQUEST', `${describe(path)}: this LaTeX does not typeset: ${why}`, node?.range ? [node.range[0], node.range[1]] : undefined);
    }
  };
  const inText = (text: string | undefined, path: (string | number)[]) => {
    if (text === undefined) return;
    for (const seg of authorText(text)) if ('math' in seg) check(seg.math, path);
  };
  inText(read.spec.instructions, ['instructions']);
  read.spec.problems.forEach((p, i) => {
    inText(p.title, ['problems', i, 'title']);
    inText(p.prompt, ['problems', i, 'prompt']);
    p.assumptions?.forEach((a, j) => inText(a, ['problems', i, 'assumptions', j]));
    if (typeof p.answer === 'string') check(p.answer, ['problems', i, 'answer']);
    else if (p.answer) for (const [k, v] of Object.entries(p.answer)) check(v, ['problems', i, 'answer', k]);
  });
}

/** Re-point an engine error from a problem's field text into the YAML file. The offset is exact
 * when the field's text appears verbatim in the file (plain or quoted without escapes, or a block
 * scalar on one line); otherwise the error points at the field. */
export function inYaml(read: ReadWorksheet, path: (string | number)[], text: string, e: unknown): unknown {
  if (!(e instanceof ChainruleError)) return e;
  const node = nodeAt(read.doc, path);
  const range = node?.range;
  if (!range) return yamlError(read.source, e.code, `${describe(path)}: ${e.message}`);
  const at = read.source.indexOf(text, range[0]);
  const span = e instanceof FieldError || !e.span ? undefined : e.span;
  const fieldSpan = (e instanceof FieldError && e.span) || span;
  if (at >= 0 && at < range[1] && fieldSpan) {
    return yamlError(read.source, e.code, `${describe(path)}: ${e.message}`, [at + fieldSpan.start, at + fieldSpan.end]);
  }
  return yamlError(read.source, e.code, `${describe(path)}: ${e.message}`, [range[0], range[1]]);
}
