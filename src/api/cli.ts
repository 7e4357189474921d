#!/usr/bin/env node
// The `chainrule` binary: the CLI (cliMain.ts) on the process's arguments and streams.
import { main } from './cliMain.js';

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
