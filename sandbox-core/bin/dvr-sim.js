#!/usr/bin/env node
// The dvr-sim command: a thin launcher for the compiled CLI (built by `npm install` through the root `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (await import('node:fs/promises')).readFile,
});
