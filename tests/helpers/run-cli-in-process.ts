import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { runCli } from '../../main/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The run in progress: one at a time, since every run captures the one process.stdout. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the `vankho` program in this process (fast, unlike a child process): stdout/stderr captured,
 * env overrides applied for the duration of the call only; `input`, when given, is what the command
 * reads on standard input (`--password-stdin`). Runs started together (Promise.all) take turns: a
 * command awaits its contract calls, and two interleaved would write into each other's output.
 */
export function runCliInProcess(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliRun> {
  const run = queue.then(() => runOnce(args, env, input));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  const stdin =
    input === undefined
      ? null
      : vi
          .spyOn(process, 'stdin', 'get')
          .mockReturnValue(Readable.from([Buffer.from(input)]) as unknown as typeof process.stdin);
  try {
    const code = await runCli(['node', 'vankho', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    stdin?.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
