// The local administration channel of a running `vankho serve` (issue 14). The server holds the
// archive lock, so `vankho users …` cannot open the archive beside it; instead of a second writer
// (which would break "one writer" and leave the server's view of accounts to chance), the CLI hands
// its contract calls to the server, which runs them as the person at this machine — the same actor
// the CLI uses on an archive nobody holds — so sessions of a disabled account end at once.
//
// The server listens on a Unix socket (a named pipe on Windows) and writes where it listens, with a
// random token, to a file in the archive folder readable by its owner only: whoever may read that
// file may already administer the archive's files, so the channel gives no one more than they had.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiMethod } from '../contract/api.js';
import { appError, type Result } from '../contract/errors.js';
import { LOCK_FILE_NAME, readLockOwner } from '../core/archive/archive-lock.js';
import type { Dispatch } from '../core/app/dispatch.js';

/** In the archive folder, beside archive.lock; a dot name like the server's certificate folder. */
export const ADMIN_CHANNEL_FILE = '.vankho-server-admin.json';

/**
 * What the channel accepts: account, unit and grant administration (`vankho users|units|grant`).
 * Short calls only: imports and other jobs are the server's clients' work, not a side door's.
 */
export const ADMIN_CHANNEL_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'usersList',
  'userGet',
  'usersCreate',
  'usersUpdate',
  'usersResetPassword',
  'unitsList',
  'unitsCreate',
  'unitsDelete',
  'usersSetUnits',
  'grantsList',
  'grantsAdd',
  'grantsRemove',
]);

/** One request is a few fields; anything longer is not a client of this channel. */
const MAX_REQUEST_BYTES = 64 * 1024;

interface ChannelFile {
  pid: number;
  hostname: string;
  path: string;
  token: string;
}

interface ChannelRequest {
  token: string;
  method: string;
  input: unknown;
}

function channelPath(): string {
  const name = `vankho-admin-${randomBytes(8).toString('hex')}`;
  // The socket lives in the temp folder: an archive path can exceed a Unix socket path's 107 bytes.
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

/** Reads one newline-ended JSON line (at most MAX_REQUEST_BYTES) from the socket. */
function readLine(socket: Socket, onLine: (line: string | null) => void): void {
  let buf = '';
  let done = false;
  const finish = (line: string | null): void => {
    if (done) return;
    done = true;
    socket.removeAllListeners('data');
    onLine(line);
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    const nl = buf.indexOf('\n');
    if (nl >= 0) finish(buf.slice(0, nl));
    else if (buf.length > MAX_REQUEST_BYTES) finish(null);
  });
  socket.on('end', () => finish(null));
  socket.on('error', () => finish(null));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AdminChannel {
  close(): Promise<void>;
}

/** Server side: listens, writes the channel file, and answers each connection's one call. */
export async function openAdminChannel(archiveDir: string, dispatch: Dispatch): Promise<AdminChannel> {
  const token = randomBytes(32).toString('base64url');
  const path = channelPath();
  const file = join(archiveDir, ADMIN_CHANNEL_FILE);
  const answer = (socket: Socket, r: Result<unknown>): void => {
    socket.end(`${JSON.stringify(r)}\n`);
  };
  const server: Server = createServer((socket) => {
    readLine(socket, (line) => {
      let req: Partial<ChannelRequest>;
      try {
        req = line === null ? {} : (JSON.parse(line) as Partial<ChannelRequest>);
      } catch {
        req = {};
      }
      if (typeof req.token !== 'string' || !sameToken(req.token, token))
        return answer(socket, { ok: false, error: appError('UNAUTHORIZED', 'admin channel') });
      if (typeof req.method !== 'string' || !ADMIN_CHANNEL_METHODS.has(req.method as ApiMethod))
        return answer(socket, { ok: false, error: appError('UNSUPPORTED', String(req.method)) });
      // No context: the caller is the person at this machine (LOCAL_ACTOR), as for the CLI itself.
      dispatch(req.method, req.input).then(
        (r) => answer(socket, r),
        () => answer(socket, { ok: false, error: appError('INTERNAL', 'admin channel') }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  const entry: ChannelFile = { pid: process.pid, hostname: hostname(), path, token };
  writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      // Only our own entry: a later server on the same folder may have written its own.
      const current = readChannelFile(archiveDir);
      if (current && current.token === token) rmSync(file, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readChannelFile(archiveDir: string): ChannelFile | null {
  try {
    const v = JSON.parse(readFileSync(join(archiveDir, ADMIN_CHANNEL_FILE), 'utf8')) as Partial<ChannelFile>;
    if (
      typeof v.pid === 'number' &&
      typeof v.hostname === 'string' &&
      typeof v.path === 'string' &&
      typeof v.token === 'string'
    )
      return { pid: v.pid, hostname: v.hostname, path: v.path, token: v.token };
  } catch {
    /* none, or unreadable by this user */
  }
  return null;
}

export type AdminCall = (method: ApiMethod, input: unknown) => Promise<Result<unknown>>;

/**
 * Client side: a caller of the server that holds the archive lock, or null when no server of this
 * machine holds it through a channel (the app, another machine, a server killed before it cleaned up).
 */
export function adminChannelOf(archiveDir: string): AdminCall | null {
  const entry = readChannelFile(archiveDir);
  const holder = readLockOwner(join(archiveDir, LOCK_FILE_NAME));
  // The lock's holder must be the process that wrote the channel: a leftover file of a killed server
  // never sends calls to whatever listens at its old path now.
  if (!entry || !holder || holder.pid !== entry.pid || holder.hostname !== entry.hostname) return null;
  if (entry.hostname !== hostname()) return null;
  return (method, input) =>
    new Promise((resolve) => {
      const socket = createConnection(entry.path);
      const fail = (detail: string): void =>
        resolve({ ok: false, error: appError('ARCHIVE_LOCKED', `admin channel: ${detail}`) });
      socket.once('error', (e) => fail((e as NodeJS.ErrnoException).code ?? 'error'));
      socket.once('connect', () => {
        socket.write(`${JSON.stringify({ token: entry.token, method, input } satisfies ChannelRequest)}\n`);
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (c: string) => (text += c));
        socket.once('end', () => {
          try {
            resolve(JSON.parse(text) as Result<unknown>);
          } catch {
            fail('no answer');
          }
        });
      });
    });
}
