#!/usr/bin/env node
// The `chainrule` binary (package.json `bin`): the bundled CLI, loaded with its code cache, and V8's
// tier-up threshold raised (load.js).
'use strict';
const { exports: core } = require('./load.js').loadCore({ tiering: true });
core.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
