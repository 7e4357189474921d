// The scaled programs the benchmarks and the linear-growth tests share: the definitions chain, the
// one-expression network and σ nested n deep (docs/performance.md). Plain strings, no imports, so a
// test can read them without loading the bench.

/** `z1 = w1 x + b1; a1 = σ(z1); … ; L = BCE(an, y)` */
export function networkDefinitions(n: number): string {
  const lines: string[] = [];
  let a = 'x';
  for (let i = 1; i <= n; i++) {
    lines.push(`z${i} = w${i} ${a} + b${i}`, `a${i} = σ(z${i})`);
    a = `a${i}`;
  }
  return [...lines, `L = BCE(${a}, y)`].join('; ');
}

/** `σ(σ(…σ(x)…))`, n deep */
export const nestedSigmoid = (n: number): string => 'σ('.repeat(n) + 'x' + ')'.repeat(n);

/** `BCE(σ(w_n σ(… σ(w_1 x + b_1) …) + b_n), y)` */
export function networkExpression(n: number): string {
  let a = 'x';
  for (let i = 1; i <= n; i++) a = `σ(w${i} ${a} + b${i})`;
  return `BCE(${a}, y)`;
}
