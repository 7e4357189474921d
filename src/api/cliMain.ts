// The `chainrule` command line (commander) as a function: `main(argv, io)` runs one command with
// its own streams and returns the exit code, so tests run it in-process and the binary (cli.ts)
// is two lines. Start-up matters (`chainrule eval` should answer in well under 150 ms): only
// commander and the plain JSON request schemas load at start; each command imports what it needs.
// Exit codes: 0 success, 2 user error (bad input; message with a caret on stderr), 1 internal fault.
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError, Option } from 'commander';
import { cliContext } from './cliContext.js';
import { REQUEST_SCHEMAS } from './schema/requests.generated.js';
import { ChainruleError } from '../errors.js';

/** The values a request field allows (its schema's constants): the CLI offers the same choices. */
function choicesOf(op: string, field: string): string[] {
  return (REQUEST_SCHEMAS[op]!.properties[field]!.anyOf ?? []).map((m) => String(m.const));
}

export interface CliIo {
  readonly stdin: Readable;
  /** the batch's output stream; also every command's output unless `out` is given */
  readonly stdout: Writable;
  readonly stderr: { write(s: string): unknown };
  /** a one-shot command's output, when it is not the stream: the binary writes straight to the
   * file descriptor (building process.stdout costs start-up; scripts/cli-entry.mjs) */
  readonly out?: { write(s: string): unknown };
}

/** Run the CLI on `argv` (without the node and script paths); resolves to the exit code. */
/** Every loss written out starts with a minus (`-(y log(p) + (1-y) log(1-p))`): an argument that
 * starts with `-` but cannot be an option (a non-letter after the dash, or spaces/operators inside)
 * is an expression, so it is passed on with a leading space, which the parser ignores. */
export function expressionNotOption(arg: string): string {
  if (!arg.startsWith('-') || arg.startsWith('--')) return arg;
  return /^-[^A-Za-z]/.test(arg) || /[\s()+*/^=·]/.test(arg) ? ` ${arg}` : arg;
}

/** The command a command line runs, when nothing but the program's own `--lang <lang>` comes
 * before it; undefined otherwise (then every command is registered). */
function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // a language commander would refuse: its message shows the program's help, with every command
    if (a === '--lang' || a.startsWith('--lang=')) {
      if (!['en', 'ko'].includes(a === '--lang' ? (argv[++i] ?? '') : a.slice('--lang='.length))) return undefined;
    } else return a.startsWith('-') ? undefined : a;
  }
  return undefined;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const out = io.out ?? io.stdout;
  const program = new Command();
  program
    .name('chainrule')
    .description('Step-by-step symbolic differentiation for the mathematics of backpropagation')
    .version('0.1.0')
    .showHelpAfterError()
    // Commander exits 1 on a bad option or command; here 1 means an internal fault, so its errors
    // are caught below and given the user-error code 2. Set before .command(): subcommands inherit it.
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => io.stderr.write(s) })
    // --lang belongs to the program, so every command takes it, before or after the command name
    .addOption(new Option('--lang <lang>', 'language of step labels, diagnoses and worksheets').choices(['en', 'ko']))
    .hook('preAction', (root, command) => {
      const o = command.opts() as { functions?: string; assume?: string; lang?: 'en' | 'ko' };
      const ctx = cliContext.getStore();
      if (!ctx) return;
      ctx.functions = o.functions
        ? o.functions
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      if (o.assume !== undefined) ctx.assume = o.assume;
      const lang = o.lang ?? (root.opts() as { lang?: 'en' | 'ko' }).lang;
      if (lang) ctx.lang = lang;
    });

  const notation = () => new Option('-n, --notation <notation>', 'input notation').choices(choicesOf('parse', 'notation')).default('auto');
  const vars = () => new Option('--vars <names>', 'declared multi-letter symbol names, comma-separated (e.g. "loss,lr")');
  const shapesOpt = () => new Option('--shapes <shapes>', 'matrix shapes, e.g. "X:4x2, W1:2x3" or "X:m×2": the input is a matrix program (docs/matrices.md)');
  const functionsOpt = () => new Option('--functions <names>', 'declared abstract functions, comma-separated (e.g. "f,g": d/dx g(f(x)) = g′(f(x))·f′(x))');
  const assumeOpt = () => new Option('--assume <facts>', 'assumptions, ";"-separated: domain facts and linear constraints (e.g. "0 < p < 1; t1 + t2 + t3 = 1")');

  function namesOf(v: string | undefined): string[] {
    return v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  }

  /** Run a command body; map errors to exit codes. */
  async function run(body: () => Promise<void>): Promise<void> {
    try {
      await body();
      // the choices the engine made in reading the input, on stderr so piped output stays clean
      const ctx = cliContext.getStore();
      const lang = ctx?.lang;
      const note = ctx?.notes.length && lang && lang !== 'en' ? (await import('../i18n/index.js')).plain(lang, 'text-note') : 'note';
      for (const n of ctx?.notes ?? []) io.stderr.write(`${note}: ${n}\n`);
    } catch (e) {
      const { formatError, isUserError } = await import('./errors.js');
      io.stderr.write(formatError(e) + '\n');
      exitCode = isUserError(e) ? 2 : 1;
    }
  }

  // Each command's definition, registered on demand: a run names one command, and building all
  // thirteen with their options costs start-up (≈ 3 ms); help, a misspelt command or an option
  // before the command name registers them all, so commander's messages are the same.
  const COMMANDS: Record<string, () => unknown> = {
    parse: () =>
      program
        .command('parse')
        .description('read an expression (or definitions) and print it back')
        .argument('<expr>', 'expression, e.g. "BCE(σ(wx+b), ŷ)"')
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'unicode', 'latex', 'json']).default('text'))
        .action((expr: string, o: { notation: string; vars?: string; format: string }) =>
          run(async () => {
            const { parseCommand } = await import('./commands.js');
            out.write(await parseCommand(expr, namesOf(o.vars), o.notation, o.format));
          }),
        ),
    eval: () =>
      program
        .command('eval')
        .description('evaluate at a point')
        .argument('<expr>', 'expression, e.g. "σ(1)"')
        .option('-a, --at <point>', 'values, e.g. "x=1.5, y=1/3"', '')
        .option('--exact', 'print the exact rational value when there is one')
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .action((expr: string, o: { at: string; exact?: boolean; notation: string; vars?: string }) =>
          run(async () => {
            const { evalCommand } = await import('./commands.js');
            out.write(await evalCommand(expr, o.at, namesOf(o.vars), o.notation, Boolean(o.exact)));
          }),
        ),
    latex: () =>
      program
        .command('latex')
        .description('print an expression as LaTeX')
        .argument('<expr>', 'expression')
        .option('--layer-index', 'print numeric subscripts of capitals as layer indices W^{(1)}')
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .action((expr: string, o: { layerIndex?: boolean; notation: string; vars?: string }) =>
          run(async () => {
            const { latexCommand } = await import('./commands.js');
            out.write(await latexCommand(expr, namesOf(o.vars), o.notation, Boolean(o.layerIndex)));
          }),
        ),
    derive: () =>
      program
        .command('derive')
        .description('differentiate step by step, every step checked numerically')
        .argument('<expr>', 'expression or definitions, e.g. "BCE(σ(wx+b), ŷ)" or "z = wx + b; y = σ(z); L = BCE(y, ŷ)"')
        .option('-w, --wrt <names>', 'variable(s), comma-separated; omitted: every input (the gradient)')
        .option('-g, --given <definitions>', 'definitions the expression uses, e.g. "z = wx + b; y = σ(z)"')
        .option('--order <n>', 'second derivative with 2', '1')
        .option('--no-check', 'skip the numeric checks')
        .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'latex', 'json']).default('text'))
        .addOption(
          new Option('--steps <level>', 'textbook: named parts for an expression that nests or repeats; full: every rewrite; none: the result').choices(
            choicesOf('derive', 'steps'),
          ),
        )
        .addOption(new Option('--detail <level>', 'the same as --steps').choices(choicesOf('derive', 'steps')).hideHelp())
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .addOption(assumeOpt())
        .addOption(shapesOpt())
        .action(
          (
            expr: string,
            o: { wrt?: string; given?: string; order: string; check: boolean; format: string; steps?: string; detail?: string; notation: string; vars?: string; shapes?: string },
          ) =>
            run(async () => {
              if (o.steps && o.detail && o.steps !== o.detail) throw new ChainruleError('BAD_REQUEST', `--steps ${o.steps} and --detail ${o.detail} disagree; give one of them.`);
              const { deriveCommand } = await import('./commands.js');
              out.write(
                await deriveCommand(
                  expr,
                  o.wrt ? namesOf(o.wrt) : undefined,
                  o.given,
                  Number(o.order),
                  o.check,
                  o.format,
                  namesOf(o.vars),
                  o.notation,
                  o.shapes,
                  o.steps ?? o.detail,
                ),
              );
            }),
        ),
    simplify: () =>
      program
        .command('simplify')
        .description('simplify step by step to the textbook form, every step checked')
        .argument('<expr>', 'expression, e.g. "((1−y)/(1−s) − y/s)·s(1−s)"')
        .option('--no-check', 'skip the numeric checks')
        .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'latex', 'json']).default('text'))
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .addOption(assumeOpt())
        .action((expr: string, o: { check: boolean; format: string; notation: string; vars?: string }) =>
          run(async () => {
            const { simplifyCommand } = await import('./commands.js');
            out.write(await simplifyCommand(expr, o.check, o.format, namesOf(o.vars), o.notation));
          }),
        ),
    graph: () =>
      program
        .command('graph')
        .description('computational graph: forward values, and upstream × local = downstream gradients on every edge')
        .argument('<expr>', 'expression or definitions, e.g. "z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)"')
        .option('-a, --at <point>', 'input values, e.g. "w0=-3, w1=2, x1=-1"', '')
        .addOption(new Option('-g, --granularity <level>', 'gates').choices(choicesOf('graph', 'granularity')).default('standard'))
        .option('-d, --data <rows>', 'rows for Σ_i: "x=-2,0,1; y=-1,1,2", or a CSV or JSON file')
        .option('--no-check', 'skip the finite-difference checks')
        .addOption(new Option('-f, --format <format>', 'output').choices(['table', ...choicesOf('graph', 'format')]).default('table'))
        .option('--frames <dir>', 'also write the backward pass as SVG frames, one per edge (frame-001.svg, …), into this directory')
        .addOption(notation())
        .addOption(vars())
        .addOption(functionsOpt())
        .addOption(shapesOpt())
        .action(
          (
            expr: string,
            o: { at: string; granularity: string; data?: string; check: boolean; format: string; frames?: string; notation: string; vars?: string; shapes?: string },
          ) =>
            run(async () => {
              const { graphCommand } = await import('./commands.js');
              out.write(await graphCommand(expr, o.at, o.granularity, o.data, o.check, o.format, namesOf(o.vars), o.notation, o.frames, o.shapes));
            }),
        ),
    descend: () =>
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
        .addOption(functionsOpt())
        .action((expr: string, o: { data?: string; start: string; rate: string; steps: string; format: string; notation: string; vars?: string }) =>
          run(async () => {
            const { descendCommand } = await import('./commands.js');
            out.write(await descendCommand(expr, o.data, o.start, o.rate, o.steps, o.format, namesOf(o.vars), o.notation));
          }),
        ),
    verify: () =>
      program
        .command('verify')
        .description("check a student's answer (or worked lines) against a problem or an expected answer")
        .option('-p, --problem <expr>', 'the expression the student differentiated, e.g. "BCE(σ(wx+b), ŷ)"')
        .option('-w, --wrt <name>', 'the variable of the problem')
        .option('-e, --expected <expr>', "the teacher's answer (instead of --problem)")
        .option('-a, --answer <expr>', "the student's answer as typed (plain text or LaTeX)")
        .option('-l, --line <expr...>', 'the lines of a worked solution, in order')
        .option('--simplified', 'the problem asks for the simplified form')
        .addOption(vars())
        .addOption(functionsOpt())
        .addOption(assumeOpt())
        .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
        .addOption(shapesOpt())
        .action(
          (o: { problem?: string; wrt?: string; expected?: string; answer?: string; line?: string[]; simplified?: boolean; vars?: string; format: string; shapes?: string }) =>
            run(async () => {
              const { verifyCommand } = await import('./commands.js');
              out.write(await verifyCommand({ ...o, names: namesOf(o.vars) }));
            }),
        ),
    batch: () =>
      program
        .command('batch')
        .description('JSON Lines on stdin → one JSON line per request on stdout (docs/api.md)')
        .option('--budget-ms <ms>', 'default time budget of each request in milliseconds (else CHAINRULE_BUDGET_MS, else 10000)')
        .action((opts: { budgetMs?: string }) =>
          run(async () => {
            if (opts.budgetMs !== undefined) {
              const ms = Number(opts.budgetMs);
              if (!Number.isInteger(ms) || ms < 1)
                throw new ChainruleError('BAD_REQUEST', `--budget-ms must be a whole number of milliseconds, not ${JSON.stringify(opts.budgetMs)}.`);
              (await import('../ast/budget.js')).setDefaultBudgetMs(ms);
            }
            const { runBatch } = await import('./batch.js');
            // the built CLI answers in a worker it can stop (isolate.ts); from sources, in-process
            const { canIsolate, IsolatedRunner } = await import('./isolate.js');
            if (!canIsolate() || process.env['CHAINRULE_BATCH_IN_PROCESS']) {
              await runBatch(io.stdin, io.stdout);
              return;
            }
            const runner = new IsolatedRunner();
            try {
              await runBatch(io.stdin, io.stdout, (line) => runner.handle(line));
            } finally {
              await runner.close();
            }
          }),
        ),
    serve: () =>
      program
        .command('serve')
        .description('the HTTP API, its docs and the playground (env: PORT, HOST, CHAINRULE_*; docs/deploy.md)')
        .option('-p, --port <port>', 'port (env PORT; default 8080)')
        .option('-H, --host <host>', 'host (env HOST; default localhost)')
        .option('--workers <n>', 'worker threads (env CHAINRULE_WORKERS; default: one per core)')
        .option('--timeout-ms <ms>', 'time budget of a request (env CHAINRULE_TIMEOUT_MS; default 2000)')
        .action((o: { port?: string; host?: string; workers?: string; timeoutMs?: string }) =>
          run(async () => {
            const { serve, loadConfig } = await import('../server/index.js');
            const env = {
              ...process.env,
              ...(o.port ? { PORT: o.port } : {}),
              ...(o.host ? { HOST: o.host } : {}),
              ...(o.workers ? { CHAINRULE_WORKERS: o.workers } : {}),
              ...(o.timeoutMs ? { CHAINRULE_TIMEOUT_MS: o.timeoutMs } : {}),
            };
            await serve(loadConfig(env));
          }),
        ),
    mcp: () =>
      program
        .command('mcp')
        .description('a Model Context Protocol server on stdio: derive, simplify, verify, graph, evaluate as tools')
        .action(() =>
          run(async () => {
            const { serveMcp } = await import('../mcp/server.js');
            await serveMcp();
          }),
        ),
    worksheet: () =>
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
            const lang = o.lang ?? cliContext.getStore()?.lang;
            out.write(await worksheetCommand(file, { ...o, ...(lang ? { lang } : {}) }));
          }),
        ),
    demo: () =>
      program
        .command('demo')
        .description('a worked example: the golden case G1, the chain rule through its definitions')
        .action(() =>
          run(async () => {
            const { demo } = await import('./demo.js');
            out.write(await demo());
          }),
        ),
  };
  const named = commandNamed(argv);
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) COMMANDS[named]!();
  else for (const define of Object.values(COMMANDS)) define();

  try {
    await cliContext.run({ functions: [], notes: [] }, () => program.parseAsync(argv.map(expressionNotOption), { from: 'user' }));
  } catch (e) {
    // Commander has already printed its message (and the help); --help and --version exit 0.
    if (!(e instanceof CommanderError)) throw e;
    return e.exitCode === 0 ? 0 : 2;
  }
  return exitCode;
}
