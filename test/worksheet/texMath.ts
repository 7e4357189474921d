// Test helper: every math string of a generated .tex — inline $…$ and each row of an align*
// environment with the TeX-only scaffolding (&, \tag*, \adjustbox, \quad) taken off — so that a
// test can run KaTeX strict over exactly what pdflatex typesets.
export function mathOfTex(tex: string): string[] {
  const out: string[] = [];
  const envs = [...tex.matchAll(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g)];
  for (const env of envs) {
    for (let row of env[1]!.split(' \\\\\n')) {
      row = row.replace(/ \\tag\*\{[\s\S]*$/, '');
      const box = /\\adjustbox\{[^}]*\}\{\$\\displaystyle ([\s\S]*)\$\}$/.exec(row.replace(/^&(= |\\quad |\\qquad | )?/, ''));
      out.push(box ? box[1]! : row.replace(/^(.*?)&/, '$1'));
    }
  }
  const rest = tex.replace(/\\begin\{align\*\}[\s\S]*?\\end\{align\*\}/g, '').replace(/\\tag\*\{[^\n]*\}/g, '');
  for (const m of rest.matchAll(/(?<!\\)\$([^$]+)\$/g)) out.push(m[1]!);
  return out;
}
