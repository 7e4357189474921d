#!/usr/bin/env node
// The `chainrule` command line (commander). Start-up matters (`chainrule eval` should answer in
// well under 150 ms): only commander loads at start; each command imports what it needs.
// Exit codes: 0 success, 2 user error (bad input; message with a caret on stderr), 1 internal fault.
import { Command, CommanderError, Option } from 'commander';

const program = new Command();
program
  .name('chainrule')
  .description('Step-by-step symbolic differentiation for the mathematics of backpropagation')
  .version('0.1.0')
  .showHelpAfterError()
  // Commander exits 1 on a bad option or command; here 1 means an internal fault, so its errors
  // are caught below and given the user-error code 2. Set before .command(): subcommands inherit it.
  .exitOverride();

const notation = () => new Option('-n, --notation <notation>', 'input notation').choices(['auto', 'text', 'latex']).default('auto');
const vars = () => new Option('--vars <names>', 'declared multi-letter symbol names, comma-separated (e.g. "loss,lr")');

function namesOf(v: string | undefined): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Run a command body; map errors to exit codes. */
async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const { formatError, isUserError } = await import('./errors.js');
    process.stderr.write(formatError(e) + '\n');
    process.exitCode = isUserError(e) ? 2 : 1;
  }
}

program
  .command('parse')
  .description('read an expression (or definitions) and print it back')
  .argument('<expr>', 'expression, e.g. "BCE(σ(wx+b), ŷ)"')
  .addOption(notation())
  .addOption(vars())
  .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'unicode', 'latex', 'json']).default('text'))
  .action((expr: string, o: { notation: string; vars?: string; format: string }) =>
    run(async () => {
      const { parseCommand } = await import('./commands.js');
      process.stdout.write(await parseCommand(expr, namesOf(o.vars), o.notation, o.format));
    }),
  );

program
  .command('eval')
  .description('evaluate at a point')
  .argument('<expr>', 'expression, e.g. "σ(1)"')
  .option('-a, --at <point>', 'values, e.g. "x=1.5, y=1/3"', '')
  .option('--exact', 'print the exact rational value when there is one')
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { at: string; exact?: boolean; notation: string; vars?: string }) =>
    run(async () => {
      const { evalCommand } = await import('./commands.js');
      process.stdout.write(await evalCommand(expr, o.at, namesOf(o.vars), o.notation, Boolean(o.exact)));
    }),
  );

program
  .command('latex')
  .description('print an expression as LaTeX')
  .argument('<expr>', 'expression')
  .option('--layer-index', 'print numeric subscripts of capitals as layer indices W^{(1)}')
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { layerIndex?: boolean; notation: string; vars?: string }) =>
    run(async () => {
      const { latexCommand } = await import('./commands.js');
      process.stdout.write(await latexCommand(expr, namesOf(o.vars), o.notation, Boolean(o.layerIndex)));
    }),
  );

program
  .command('derive')
  .description('differentiate step by step, every step checked numerically')
  .argument('<expr>', 'expression or definitions, e.g. "BCE(σ(wx+b), ŷ)" or "z = wx + b; y = σ(z); L = BCE(y, ŷ)"')
  .option('-w, --wrt <names>', 'variable(s), comma-separated; omitted: every input (the gradient)')
  .option('-g, --given <definitions>', 'definitions the expression uses, e.g. "z = wx + b; y = σ(z)"')
  .option('--order <n>', 'second derivative with 2', '1')
  .option('--no-check', 'skip the numeric checks')
  .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'latex', 'json']).default('text'))
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { wrt?: string; given?: string; order: string; check: boolean; format: string; notation: string; vars?: string }) =>
    run(async () => {
      const { deriveCommand } = await import('./commands.js');
      process.stdout.write(await deriveCommand(expr, o.wrt ? namesOf(o.wrt) : undefined, o.given, Number(o.order), o.check, o.format, namesOf(o.vars), o.notation));
    }),
  );

program
  .command('simplify')
  .description('simplify step by step to the textbook form, every step checked')
  .argument('<expr>', 'expression, e.g. "((1−y)/(1−s) − y/s)·s(1−s)"')
  .option('--no-check', 'skip the numeric checks')
  .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'latex', 'json']).default('text'))
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { check: boolean; format: string; notation: string; vars?: string }) =>
    run(async () => {
      const { simplifyCommand } = await import('./commands.js');
      process.stdout.write(await simplifyCommand(expr, o.check, o.format, namesOf(o.vars), o.notation));
    }),
  );

program
  .command('graph')
  .description('computational graph: forward values, and upstream × local = downstream gradients on every edge')
  .argument('<expr>', 'expression or definitions, e.g. "z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)"')
  .option('-a, --at <point>', 'input values, e.g. "w0=-3, w1=2, x1=-1"', '')
  .addOption(new Option('-g, --granularity <level>', 'gates').choices(['primitive', 'standard', 'fused']).default('standard'))
  .option('-d, --data <rows>', 'rows for Σ_i: "x=-2,0,1; y=-1,1,2", or a CSV or JSON file')
  .option('--no-check', 'skip the finite-difference checks')
  .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json', 'svg', 'tikz']).default('table'))
  .option('--frames <dir>', 'also write the backward pass as SVG frames, one per edge (frame-001.svg, …), into this directory')
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { at: string; granularity: string; data?: string; check: boolean; format: string; frames?: string; notation: string; vars?: string }) =>
    run(async () => {
      const { graphCommand } = await import('./commands.js');
      process.stdout.write(await graphCommand(expr, o.at, o.granularity, o.data, o.check, o.format, namesOf(o.vars), o.notation, o.frames));
    }),
  );

program
  .command('descend')
  .description('gradient descent on a loss over data: one row per step (parameters, loss, gradient)')
  .argument('<loss>', 'loss, e.g. "L = Σ_i (y_i - (a x_i + b))^2"')
  .option('-d, --data <rows>', 'rows for Σ_i: "x=-2,0,1; y=-1,1,2", or a CSV or JSON file')
  .requiredOption('-s, --start <point>', 'starting values, e.g. "a=2, b=1"')
  .requiredOption('-r, --rate <rate>', 'learning rate, e.g. 0.1')
  .option('--steps <n>', 'number of steps', '1')
  .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table'))
  .addOption(notation())
  .addOption(vars())
  .action((expr: string, o: { data?: string; start: string; rate: string; steps: string; format: string; notation: string; vars?: string }) =>
    run(async () => {
      const { descendCommand } = await import('./commands.js');
      process.stdout.write(await descendCommand(expr, o.data, o.start, o.rate, o.steps, o.format, namesOf(o.vars), o.notation));
    }),
  );

program
  .command('verify')
  .description("check a student's answer (or worked lines) against a problem or an expected answer")
  .option('-p, --problem <expr>', 'the expression the student differentiated, e.g. "BCE(σ(wx+b), ŷ)"')
  .option('-w, --wrt <name>', 'the variable of the problem')
  .option('-e, --expected <expr>', "the teacher's answer (instead of --problem)")
  .option('-a, --answer <expr>', "the student's answer as typed (plain text or LaTeX)")
  .option('-l, --line <expr...>', 'the lines of a worked solution, in order')
  .option('--simplified', 'the problem asks for the simplified form')
  .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
  .action((o: { problem?: string; wrt?: string; expected?: string; answer?: string; line?: string[]; simplified?: boolean; format: string }) =>
    run(async () => {
      const { verifyCommand } = await import('./commands.js');
      process.stdout.write(await verifyCommand(o));
    }),
  );

program
  .command('worksheet')
  .description('YAML worksheet → student and solution sheets: HTML, .tex, PDF (docs/worksheets.md)')
  .argument('<file>', 'the worksheet, e.g. docs/examples/backprop.yaml')
  .requiredOption('-o, --out <dir>', 'output directory')
  .option('-f, --format <formats>', 'comma-separated: html, tex, pdf', 'html,tex')
  .addOption(new Option('--lang <lang>', "language of the sheets (default: the file's)").choices(['en', 'ko']))
  .addOption(new Option('--view <view>', 'which sheets').choices(['student', 'solution', 'both']).default('both'))
  .option('-q, --quiet', 'no progress lines')
  .action((file: string, o: { out: string; format: string; lang?: string; view: string; quiet?: boolean }) =>
    run(async () => {
      const { worksheetCommand } = await import('../worksheet/command.js');
      process.stdout.write(await worksheetCommand(file, o));
    }),
  );

program
  .command('batch')
  .description('JSON Lines on stdin → one JSON line per request on stdout (docs/api.md)')
  .action(() =>
    run(async () => {
      const { runBatch } = await import('./batch.js');
      await runBatch(process.stdin, process.stdout);
    }),
  );

program
  .command('demo')
  .description('a worked example: the golden case G1 (what `npm start` runs)')
  .action(() =>
    run(async () => {
      const { demo } = await import('./demo.js');
      process.stdout.write(await demo());
    }),
  );

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // Commander has already printed its message (and the help); --help and --version exit 0.
  if (!(e instanceof CommanderError)) throw e;
  process.exitCode = e.exitCode === 0 ? 0 : 2;
}
