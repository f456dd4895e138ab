#!/usr/bin/env node
// The `vankho` command: runs the CLI from its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
// main.ts only defines the program (tests drive runCli in-process); running it is this file's job.
const { runCli } = await import('../main/cli/main.ts');
process.exitCode = await runCli(process.argv);
