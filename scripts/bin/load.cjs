// Loads the bundled CLI (core.js, one CommonJS script built by scripts/build-cli.mjs) through V8's code
// cache: core.cache holds the bytecode of the functions a training run compiled, so start-up neither
// parses the 1.3 MB bundle nor compiles what a command runs (docs/performance.md, "CLI start-up"). A
// cache that V8 rejects (another Node version than the build's) is ignored: the script compiles from
// source, with the same results, only slower, and the process writes a fresh cache as it exits (when
// it can, and only when run without V8 flags). CHAINRULE_CODE_CACHE=0 skips both. The binary (for a
// one-shot command) and the batch's worker also raise V8's tier-up threshold (`tiering`, below).
// Shared by chainrule.js and batchWorker.js; plain CommonJS (dist/bin/package.json says so), copied
// as is.
'use strict';
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const Module = require('node:module');
const vm = require('node:vm');

const CORE = join(__dirname, 'core.js');
const CACHE = join(__dirname, 'core.cache');

/**
 * V8's interrupt budget, 16× its default (66 KiB of bytecode run before a function's feedback is
 * looked at for optimisation): with the default, TurboFan compiles functions of a short command on
 * its background threads — ≈ 15–20 ms of CPU in a cold `derive`, for code that finishes before the
 * optimised version would pay off — and re-optimises long runs after deoptimisations. Measured
 * (docs/performance.md, "CLI start-up", third pass): the G1 derive −12 % CPU, the held-out batch of
 * 300 requests −19 %, the 64-layer network −30 %; ×4 to ×64 gave the same on the G1 derive. Only on
 * the V8 it was measured with (Node 20's), whose default is known: another V8 is left as it is.
 */
const TIERING = process.versions.v8.startsWith('11.3.') ? { raised: '--interrupt-budget=1081344', initial: '--interrupt-budget=67584' } : undefined;

/**
 * Run core.js once per thread; returns its exports and the compiled script (for createCachedData).
 * `tiering`: raise V8's tier-up threshold (TIERING) once the script is loaded. V8's flags are per
 * process and V8 keys a code cache by them (Node's own modules' cache too), so a thread loads its
 * cache under the initial flags (a batch worker started after an earlier one raised them, to replace
 * it, restores them first) and raises them after; a process that renews the cache, or the training
 * run (scripts/train-cli-cache.mjs), which does not ask for tiering, writes it under the initial flags.
 */
function loadCore({ tiering = false } = {}) {
  // the bundle is pure ASCII (esbuild charset), so latin1 decoding is exact and several times faster than UTF-8
  const source = readFileSync(CORE, 'latin1');
  let cachedData;
  if (process.env.CHAINRULE_CODE_CACHE !== '0') {
    try {
      cachedData = readFileSync(CACHE);
    } catch {}
  }
  // not under V8 flags of the user's (the cache is rejected then anyway)
  const setFlags = tiering && TIERING !== undefined && process.execArgv.length === 0 && !process.env.NODE_OPTIONS ? v8FlagSetter() : undefined;
  setFlags?.(TIERING.initial);
  // core.js is one function expression (build-cli.mjs wraps it): CommonJS's wrapper, plus the import()
  // the bundle calls (build-cli.mjs rewrites its few `await import(…)` to it): V8 drops a script's
  // dynamic-import host options when it comes from a code cache
  const script = new vm.Script(source, { filename: CORE, cachedData });
  if (cachedData !== undefined ? script.cachedDataRejected : process.env.CHAINRULE_CODE_CACHE !== '0') renewAtExit(script);
  else setFlags?.(TIERING.raised);
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(CORE), mod, CORE, __dirname, importFromBundle);
  return { exports: mod.exports, script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected };
}

/**
 * V8's setFlagsFromString. `require('node:v8')` costs ≈ 2.3 ms of CPU (it loads Node's streams, for
 * heap snapshots); the function it wraps, on Node's internal v8 binding, ≈ 0.4 ms. The binding is
 * reached through process.binding, deprecated (DEP0111) with a warning, which is silenced for this
 * one call; used only on Node 20 (TIERING), where the binding has the function, else node:v8.
 */
function v8FlagSetter() {
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const f = process.binding('v8').setFlagsFromString;
    if (typeof f === 'function') return (flags) => f(flags);
  } catch {
  } finally {
    process.noDeprecation = quiet;
  }
  return require('node:v8').setFlagsFromString;
}

/** A fresh cache for this Node, written as the process exits (atomically; a read-only install keeps
 * none). Not under V8 flags (--inspect, NODE_OPTIONS): V8 checks them, and a plain run would reject it. */
function renewAtExit(script) {
  // worker_threads is required here, not at the top: loading it costs a start-up (≈ 3 ms CPU) that
  // only a process without a valid cache pays
  if (!require('node:worker_threads').isMainThread || process.execArgv.length > 0 || process.env.NODE_OPTIONS) return;
  process.once('exit', () => {
    const tmp = `${CACHE}.${process.pid}`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, CACHE);
    } catch {
      rmSync(tmp, { force: true });
    }
  });
}

/** import() for the bundle: node built-ins, and the unbundled modules (`../src/server/…`) relative to it. */
function importFromBundle(spec) {
  return import(spec.startsWith('node:') ? spec : pathToFileURL(join(__dirname, spec)).href);
}

module.exports = { loadCore, CORE, CACHE };
