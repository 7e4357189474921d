// Worksheet speed (issue 14): the example worksheet (G1–G4, docs/examples/backprop.yaml) solved
// and printed to HTML and .tex, both views — aim: under 1 s; and the PDF through latexmk once
// (when TeX Live is installed), recorded in docs/performance.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solveWorksheet } from '../src/worksheet/build.js';
import { batchRunner } from '../src/worksheet/runner.js';
import { toHtml } from '../src/worksheet/html.js';
import { compilePdf, texAvailable } from '../src/worksheet/pdf.js';
import { toTex } from '../src/worksheet/tex.js';

export async function benchWorksheet(root: string): Promise<void> {
  for (const file of ['backprop.yaml', 'backprop.ko.yaml']) {
    const yaml = readFileSync(join(root, 'docs', 'examples', file), 'utf8');
    const build = async () => {
      const ws = await solveWorksheet(yaml, batchRunner);
      return (['student', 'solution'] as const).map((v) => [toHtml(ws, ws.lang, v), toTex(ws, ws.lang, v)]);
    };
    await build(); // warm-up: loads the engine modules and KaTeX's fonts once
    const t: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await build();
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    console.log(`worksheet ${file}: HTML + .tex, both views: ${t[2]!.toFixed(0)} ms (median of 5; aim < 1000 ms)`);
    if (await texAvailable()) {
      const ws = await solveWorksheet(yaml, batchRunner);
      const t0 = performance.now();
      await compilePdf(toTex(ws, ws.lang, 'solution'), 'solution');
      console.log(`worksheet ${file}: solution PDF (latexmk, pdflatex): ${(performance.now() - t0).toFixed(0)} ms`);
    }
  }
}
