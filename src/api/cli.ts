#!/usr/bin/env node
// The `chainrule` command from the tsc output: the CLI (cliMain.ts) on the process's arguments and
// streams. (The installed binary is the bundle, dist/bin/chainrule.js: scripts/build-cli.mjs.)
import { main } from './cliMain.js';

// stdin as a getter: building process.stdin costs start-up, and only the batch reads it
const io = {
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};
process.exitCode = await main(process.argv.slice(2), io);
