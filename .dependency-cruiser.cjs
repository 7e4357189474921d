// The layering of docs/architecture.md, enforced (`npm run lint:deps`, run by `npm run lint` in CI).
// Layers, lowest first; a module may import its own layer and any layer below it, never above:
//   0 ast, errors · 1 functions · 2 parse, numeric, render, trace · 3 rules
//   4 derive, simplify, algebra · 5 check · 6 graph, verify, tensor · 7 api, server, mcp, worksheet, i18n, index
// Two more rules: the engine (layers 4–6 and numeric/trace) never imports the doors (parse reads
// user text, render prints for users), and render imports nothing of the engine but ast and
// functions — it reads typed results (type-only imports are allowed). No cycles anywhere.
const LAYERS = [
  ['ast', 'errors\\.ts'],
  ['functions'],
  ['parse', 'numeric', 'render', 'trace'],
  ['rules'],
  ['derive', 'simplify', 'algebra'],
  ['check'],
  ['graph', 'verify', 'tensor'],
  ['api', 'server', 'mcp', 'worksheet', 'i18n', 'index\\.ts'],
];
const dir = (names) => `^src/(${names.join('|')})`;
// render reads the typed results of every layer (a derivation, a verdict, an op's response type):
// type-only imports, erased at build, are allowed to point up from render and only from render.
const layerRules = LAYERS.slice(0, -1).flatMap((own, i) => [
  {
    name: `layer-${i}-imports-upward`,
    comment: `${own.join(', ')} may not import a higher layer (docs/architecture.md)`,
    severity: 'error',
    from: { path: dir(own), pathNot: dir(['render']) },
    to: { path: dir(LAYERS.slice(i + 1).flat()) },
  },
  ...(own.includes('render')
    ? [{ name: 'render-imports-upward', comment: 'render may import types from higher layers, never code', severity: 'error', from: { path: dir(['render']) }, to: { path: dir(LAYERS.slice(i + 1).flat()), dependencyTypesNot: ['type-only'] } }]
    : []),
]);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'import cycles make load order matter', from: { path: '^src/' }, to: { circular: true } },
    ...layerRules,
    {
      name: 'engine-imports-a-door',
      comment:
        'the engine works on trees: reading user text (parse) and formatting results for users (render’s derivation, ' +
        'graph and verdict views) happen at the doors. The expression printers (render/index, text, unicode, latex and ' +
        'their helpers) are leaves over ast and functions, below rules in the layering, so a message may print an expression.',
      severity: 'error',
      from: { path: dir(['numeric', 'trace', 'derive', 'simplify', 'algebra', 'check', 'graph', 'verify', 'tensor']) },
      to: {
        path: dir(['parse', 'render']),
        pathNot: '^src/render/(index|text|unicode|latex|precedence|normal)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'render-imports-the-engine',
      comment: 'render reads typed results: only ast and functions at run time',
      severity: 'error',
      from: { path: dir(['render']) },
      to: { path: '^src/', pathNot: dir(['render', 'ast', 'functions', 'errors\\.ts']), dependencyTypesNot: ['type-only'] },
    },
    { name: 'no-orphans', severity: 'warn', from: { path: '^src/', orphan: true, pathNot: 'src/parse/generated/' }, to: {} },
  ],
  options: {
    // TypeScript's own parser, so that `import type` is told apart from a run-time import
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'src/parse/generated/' },
  },
};
