// `vankho serve` as a child process on 127.0.0.1 and a cookie/CSRF client for it (issue 14): the
// real CLI (bin/vankho.mjs) makes accounts and starts the server, requests go over real HTTP.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CSRF_HEADER, type SessionInfo } from '../../main/contract/transport.js';
import { repoPath } from './repo-root.js';
import { runCliInProcess } from './run-cli-in-process.js';

const VANKHO = repoPath('bin/vankho.mjs');

export function vankhoCli(
  args: string[],
  input = '',
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [VANKHO, ...args], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `vankho users add NAME --role ROLE --password-stdin` for each account (the archive made when
 * missing), run in this process: a child costs seconds of module loading, and users-cli.test.ts
 * covers the command as a real process.
 */
export async function addAccounts(
  archive: string,
  accounts: ReadonlyArray<readonly [name: string, role: string]>,
  password: string,
): Promise<void> {
  for (const [name, role] of accounts) {
    const r = await runCliInProcess(
      ['--archive', archive, 'users', 'add', name, '--role', role, '--password-stdin'],
      {},
      `${password}\n`,
    );
    if (r.code !== 0) throw new Error(`users add ${name}: exit ${r.code}: ${r.stderr}`);
  }
}

/**
 * vankhoCli without blocking the event loop: while a blocked test process sleeps, the server closes
 * its idle keep-alive sockets unseen and the next fetch fails on one ("other side closed").
 */
export function vankhoCliAsync(
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [VANKHO, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `vankho serve ARGS` and resolves with its URL once it printed `VanKho server: <URL>`. */
export function startServe(args: string[]): Promise<{
  child: ChildProcess;
  url: string;
  /** What it wrote to stderr so far. */
  stderr: () => string;
}> {
  const child = spawn(process.execPath, [VANKHO, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^VanKho server: (\S+)$/m.exec(out);
      if (m) resolve({ child, url: m[1]!, stderr: () => err });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

export async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export interface ServeSession {
  cookie: string;
  csrf: string;
  info: SessionInfo;
}

/** What a call answered: the HTTP status and the Result body. */
export interface Answer<T> {
  status: number;
  body: { ok: boolean; value?: T; error?: { code: string } };
}

export function serveClient(base: string) {
  const post = (path: string, body: unknown, s?: ServeSession): Promise<Response> =>
    fetch(new URL(path, base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(s ? { cookie: s.cookie, [CSRF_HEADER]: s.csrf } : {}),
      },
      body: JSON.stringify(body),
    });
  const answer = async <T>(s: ServeSession, method: string, input: unknown): Promise<Answer<T>> => {
    const r = await post(`/api/${method}`, { input }, s);
    return { status: r.status, body: (await r.json()) as Answer<T>['body'] };
  };
  return {
    post,
    answer,
    /** The value of a call that must succeed. */
    async call<T>(s: ServeSession, method: string, input: unknown): Promise<T> {
      const a = await answer<T>(s, method, input);
      if (a.status !== 200 || !a.body.ok) throw new Error(`${method}: ${a.status} ${a.body.error?.code}`);
      return a.body.value as T;
    },
    /** 'ok', or the error code of a refused call. */
    async code(s: ServeSession, method: string, input: unknown): Promise<string> {
      const a = await answer(s, method, input);
      return a.body.ok ? 'ok' : a.body.error!.code;
    },
    async signIn(username: string, password: string): Promise<ServeSession> {
      const r = await post('/api/login', { input: { username, password } });
      const body = (await r.json()) as { ok: boolean; value: SessionInfo; error?: { code: string } };
      if (!body.ok) throw new Error(`login ${username}: ${body.error?.code}`);
      const setCookie = r.headers.get('set-cookie') ?? '';
      return { cookie: setCookie.split(';')[0]!, csrf: body.value.csrfToken, info: body.value };
    },
  };
}
