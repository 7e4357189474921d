// Data sets for sums over rows: columns of numbers by name. Three readers, one result:
// inline text `x=-2,0,1; y=-1,1,2`, CSV (the subset a spreadsheet exports for numbers: a header
// line of names, then rows of numbers, comma-separated, no quoting — a few lines here rather than
// a dependency), and JSON (an object of columns or an array of row objects). Invariants: column
// names are canonical symbol names (ŷ and y_hat name one column); values keep their exact text
// (0.1 stays 1/10 for exact arithmetic); every column has the same number of rows, at least one;
// every error is a ChainruleError with the position of the offending text where there is text.
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { canonicalSymbol, isNumberText } from './index.js';

export interface Data {
  /** canonical column names, in the order given */
  readonly columns: readonly string[];
  readonly rows: number;
  /** column → the values' exact text, row by row */
  readonly values: ReadonlyMap<string, readonly string[]>;
}

/** Most rows a data set may have: with 10,000 descent steps at most (descend.ts), the work stays
 * under the 10⁷ row evaluations that take a few seconds. */
export const MAX_ROWS = 100_000;

function nameAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const span = { start: start + lead, end: start + lead + raw.trim().length };
  if (raw.trim() === '') throw new ChainruleError('BAD_VALUE', 'A column needs a name.', { start, end: Math.max(end, start + 1) });
  try {
    return canonicalSymbol(raw.trim());
  } catch (e) {
    if (e instanceof ChainruleError) throw new ChainruleError(e.code, e.message, span);
    throw e;
  }
}

function numberAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  const v = raw.trim();
  const lead = raw.length - raw.trimStart().length;
  const span: Span = { start: start + lead, end: start + lead + Math.max(1, v.length) };
  if (!isNumberText(v)) throw new ChainruleError('BAD_VALUE', v === '' ? 'A value is missing.' : `${JSON.stringify(v)} is not a number (write 1.5, -2, 1e-3 or 1/3).`, span);
  if (/\/\s*0+$/.test(v)) throw new ChainruleError('BAD_VALUE', `${JSON.stringify(v)} divides by zero.`, span);
  return v;
}

function finish(columns: string[], values: Map<string, string[]>, spanOf: (c: string) => Span | undefined): Data {
  if (columns.length === 0) throw new ChainruleError('BAD_VALUE', 'The data has no columns.');
  const rows = values.get(columns[0]!)!.length;
  for (const c of columns) {
    const n = values.get(c)!.length;
    if (n !== rows) throw new ChainruleError('BAD_VALUE', `Column ${c} has ${n} values; ${columns[0]} has ${rows}. Every column needs one value per row.`, spanOf(c));
  }
  if (rows === 0) throw new ChainruleError('BAD_VALUE', 'The data has no rows.');
  if (rows > MAX_ROWS) throw new ChainruleError('INPUT_TOO_LONG', `The data has ${rows} rows; the limit is ${MAX_ROWS}.`);
  return { columns, rows, values };
}

/** `x=-2,0,1; y=-1,1,2` (columns separated by `;` or new lines). */
export function readInlineData(text: string): Data {
  const columns: string[] = [];
  const values = new Map<string, string[]>();
  const spans = new Map<string, Span>();
  let offset = 0;
  for (const part of text.split(/[;\n]/)) {
    const start = offset;
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new ChainruleError('BAD_VALUE', 'Write each column as name=v1,v2,… (columns separated by ;).', { start, end: start + part.length });
    const name = nameAt(text, start, start + eq);
    if (values.has(name)) throw new ChainruleError('BAD_VALUE', `Column ${name} is given twice.`, { start, end: start + eq });
    const list: string[] = [];
    let at = start + eq + 1;
    for (const v of part.slice(eq + 1).split(',')) {
      list.push(numberAt(text, at, at + v.length));
      at += v.length + 1;
    }
    columns.push(name);
    values.set(name, list);
    spans.set(name, { start, end: start + part.length });
  }
  return finish(columns, values, (c) => spans.get(c));
}

/** CSV: a header line of column names, then one line of numbers per row (blank lines skipped). */
export function readCsv(text: string): Data {
  const lines: { start: number; text: string }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (body.trim() !== '') lines.push({ start: offset, text: body });
    offset += line.length + 1;
  }
  const header = lines[0];
  if (!header) throw new ChainruleError('BAD_VALUE', 'The CSV is empty: it needs a header line of column names.');
  const columns: string[] = [];
  let at = header.start;
  for (const cell of header.text.split(',')) {
    const name = nameAt(text, at, at + cell.length);
    if (columns.includes(name)) throw new ChainruleError('BAD_VALUE', `Column ${name} is named twice.`, { start: at, end: at + cell.length });
    columns.push(name);
    at += cell.length + 1;
  }
  const values = new Map<string, string[]>(columns.map((c) => [c, []]));
  if (lines.length - 1 > MAX_ROWS) throw new ChainruleError('INPUT_TOO_LONG', `The data has ${lines.length - 1} rows; the limit is ${MAX_ROWS}.`);
  for (const line of lines.slice(1)) {
    const cells = line.text.split(',');
    if (cells.length !== columns.length) {
      throw new ChainruleError('BAD_VALUE', `This row has ${cells.length} values; the header names ${columns.length} columns.`, { start: line.start, end: line.start + line.text.length });
    }
    let c = line.start;
    cells.forEach((cell, k) => {
      values.get(columns[k]!)!.push(numberAt(text, c, c + cell.length));
      c += cell.length + 1;
    });
  }
  return finish(columns, values, () => undefined);
}

function jsonNumber(v: unknown, where: string): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ChainruleError('BAD_VALUE', `${where} must be a finite number.`);
    return String(v);
  }
  if (typeof v === 'string' && isNumberText(v.trim()) && !/\/\s*0+$/.test(v.trim())) return v.trim();
  throw new ChainruleError('BAD_VALUE', `${where} must be a number, or a string such as "1.5" or "1/3".`);
}

/** JSON data: `{"x": [-2, 0, 1], "y": [-1, 1, 2]}` or `[{"x": -2, "y": -1}, …]`. */
export function readJsonData(v: unknown): Data {
  const columns: string[] = [];
  const values = new Map<string, string[]>();
  const column = (key: string): string[] => {
    const name = canonicalSymbol(key);
    let list = values.get(name);
    if (!list) {
      columns.push(name);
      values.set(name, (list = []));
    }
    return list;
  };
  if (Array.isArray(v)) {
    if (v.length > MAX_ROWS) throw new ChainruleError('INPUT_TOO_LONG', `The data has ${v.length} rows; the limit is ${MAX_ROWS}.`);
    v.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ChainruleError('BAD_REQUEST', `Row ${i + 1} of the data must be an object such as {"x": 1, "y": 2}.`);
      const keys = Object.keys(row);
      if (i > 0 && (keys.length !== columns.length || keys.some((k) => !columns.includes(canonicalSymbol(k))))) {
        throw new ChainruleError('BAD_VALUE', `Row ${i + 1} of the data has the columns ${keys.join(', ')}; the first row has ${columns.join(', ')}.`);
      }
      for (const [k, x] of Object.entries(row as Record<string, unknown>)) column(k).push(jsonNumber(x, `Row ${i + 1}, column ${k}`));
    });
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, list] of Object.entries(v as Record<string, unknown>)) {
      if (!Array.isArray(list)) throw new ChainruleError('BAD_REQUEST', `Column ${k} of the data must be an array of numbers.`);
      const col = column(k);
      if (col.length) throw new ChainruleError('BAD_VALUE', `Column ${k} is given twice.`);
      list.forEach((x, i) => col.push(jsonNumber(x, `Row ${i + 1} of column ${k}`)));
    }
  } else {
    throw new ChainruleError('BAD_REQUEST', 'The data must be text such as "x=-2,0,1; y=-1,1,2", an object of columns, or an array of rows.');
  }
  return finish(columns, values, () => undefined);
}
