// Building a worksheet: read the YAML, solve every problem through the op runner (a progress
// callback per problem, for long sheets), then print the requested views and formats. Nothing is
// written here: the CLI writes the files whole or not at all (write.ts); the op returns strings.
import type { Lang } from '../i18n/index.js';
import type { SolvedProblem, SolvedWorksheet } from './model.js';
import { readWorksheet } from './read.js';
import { type Runner, solveProblem } from './solve.js';

export interface SolveOptions {
  /** called before each problem: 1-based index, count, id */
  readonly progress?: (n: number, total: number, id: string) => void;
}

export async function solveWorksheet(yaml: string, run: Runner, opts: SolveOptions = {}): Promise<SolvedWorksheet & { lang: Lang }> {
  const read = await readWorksheet(yaml);
  const problems: SolvedProblem[] = [];
  const cache = new Map<string, string>();
  const total = read.spec.problems.length;
  for (let i = 0; i < total; i++) {
    opts.progress?.(i + 1, total, read.spec.problems[i]!.id ?? `p${i + 1}`);
    problems.push(await solveProblem(read, i, run, cache));
  }
  return { spec: read.spec, problems, lang: read.spec.language ?? 'en' };
}

