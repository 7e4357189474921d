// How a printed sum reads: the printers write a sum over data rows as the product Σ_i·(body)
// (src/graph/sums.ts sumDisplay); these finish the job in Unicode and LaTeX.
/** LaTeX of a printed sum: \Sigma_{i} → \sum_{i} (and no \cdot after it). */
export function sumLatex(latex: string): string {
  return latex.replace(/\\Sigma_\{([A-Za-z])\}(?: \\cdot )?/g, '\\sum_{$1} ');
}

/** Unicode of a printed sum: no product dot after Σ_i. */
export function sumUnicode(unicode: string): string {
  return unicode.replace(/Σ_([A-Za-z])·/g, 'Σ_$1 ');
}
