#!/usr/bin/env node
// The `chainrule` binary (package.json `bin`): the bundled CLI, loaded with its code cache (load.js).
// A one-shot command that derives also raises V8's tier-up threshold (load.js, TIERING): not the
// others — once it is raised, Node's own modules loaded later (the batch's worker thread, streams, the
// server) compile without Node's code cache, which V8 keys by its flags too — nor eval, parse and
// latex, too short for it to repay loading node:v8 (≈ 2 ms).
'use strict';
const ONE_SHOT = new Set(['derive', 'simplify', 'verify', 'graph', 'descend', 'demo']);
const { exports: core } = require('./load.js').loadCore({ tiering: ONE_SHOT.has(process.argv[2]) });
core.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
