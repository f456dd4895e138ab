#!/usr/bin/env node
// Runs a TypeScript entry point from source (CLI, web mode, benchmarks) through tsx, so the same
// sources serve tests and tools without a separate build step.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
// The entry takes this script's place, as `node file.js` has it: argv[1] is the file run.
process.argv.splice(1, 2, resolve(entry));
await import(pathToFileURL(resolve(entry)).href);
