#!/usr/bin/env node
// The `vankho` command: runs the CLI from its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
// `vankho list | head`: a closed pipe is not an error; the command still finishes and closes the archive.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
// main.ts only defines the program (tests drive runCli in-process); running it is this file's job.
const { runCli } = await import('../main/cli/main.ts');
process.exitCode = await runCli(process.argv);
