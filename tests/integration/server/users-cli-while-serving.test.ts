// `vankho users …` while `vankho serve` holds the archive (issue 14): the CLI finds the server's lock
// and hands its calls to the server over the local admin channel instead of exiting 4 (archive
// locked). The CLI runs in this process (a child costs seconds of module loading); a real child
// process hands an account over, and is refused when the channel file is not the lock holder's.
// The server is the one writer; its clients, over real HTTP on 127.0.0.1, see each change at their
// next request: a disabled account's session ends, a reset password is the only one that signs in, a
// new role takes effect. The channel refuses a wrong token and any method beyond account
// administration; a leftover channel file of another process is never followed.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { AuditPageDto, UnitDto, UserDto } from '../../../main/contract/dto.js';
import { ADMIN_CHANNEL_FILE, adminChannelOf } from '../../../main/host/admin-channel.js';
import {
  serveClient,
  startServe,
  stopServe,
  vankhoCliAsync,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';
const NEW_PASSWORD = 'mật-khẩu-mới-2';

/** One raw request on the channel, as any local program could send it. */
function rawChannel(path: string, line: string): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    const s = createConnection(path);
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (c: string) => (text += c));
    s.on('error', reject);
    s.on('end', () => resolve(JSON.parse(text) as { ok: boolean; error?: { code: string } }));
    s.on('connect', () => s.write(`${line}\n`));
  });
}

describe('vankho users while vankho serve holds the archive', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let child: ChildProcess | undefined;
  let client: ReturnType<typeof serveClient>;
  let admin: ServeSession;
  /** A real `vankho` child process. */
  const realCli = (args: string[], input = '') => vankhoCliAsync(['--archive', archive, ...args], input);
  /** The same program in this process. */
  const cli = (args: string[], input?: string) => runCliInProcess(['--archive', archive, ...args], {}, input);
  const cliJson = async <T>(args: string[], input?: string): Promise<T> => {
    const r = await cli(['--json', ...args], input);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-users-serving-');
    archive = join(tmp.dir, 'kho');
    for (const [name, role] of [
      ['quantri', 'admin'],
      ['an', 'reader'],
    ]) {
      const r = await cli(['users', 'add', name!, '--role', role!, '--password-stdin'], `${PASSWORD}\n`);
      expect(r.code, r.stderr).toBe(EXIT.OK);
    }
    let url: string;
    ({ child, url } = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']));
    client = serveClient(url);
    admin = await client.signIn('quantri', PASSWORD);
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp.cleanup();
  });

  it('adds an account through the server, which signs it in at once', async () => {
    const r = await realCli(
      ['users', 'add', 'binh', '--role', 'reader', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toContain('binh');
    const binh = await client.signIn('binh', PASSWORD);
    expect(binh.info.user.role).toBe('reader');
    // The server's own view (not a second reader of the file) lists it.
    const listed = await client.call<UserDto[]>(admin, 'usersList', {});
    expect(listed.map((u) => u.username).sort()).toEqual(['an', 'binh', 'quantri']);
    // A name taken is refused by the server's own rule, with the CLI's usual exit code.
    const again = await cli(
      ['users', 'add', 'binh', '--role', 'reader', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(EXIT.USAGE);
  });

  it('disables an account: its open session ends at its next request', async () => {
    const an = await client.signIn('an', PASSWORD);
    expect(await client.code(an, 'archiveInfo', {})).toBe('ok');
    const r = await cliJson<{ user: UserDto }>(['users', 'disable', 'an']);
    expect(r.user.disabled).toBe(true);
    const after = await client.answer(an, 'archiveInfo', {});
    expect(after.status).toBe(401);
    await expect(client.signIn('an', PASSWORD)).rejects.toThrow(/LOGIN_FAILED/);
    expect((await cli(['users', 'enable', 'an'])).code).toBe(EXIT.OK);
    expect((await client.signIn('an', PASSWORD)).info.user.username).toBe('an');
  });

  it('resets a password: the old one no longer signs in, the new one does', async () => {
    const binh = await client.signIn('binh', PASSWORD);
    const r = await cli(['users', 'reset-password', 'binh', '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect((await client.answer(binh, 'archiveInfo', {})).status).toBe(401);
    await expect(client.signIn('binh', PASSWORD)).rejects.toThrow(/LOGIN_FAILED/);
    expect((await client.signIn('binh', NEW_PASSWORD)).info.user.username).toBe('binh');
  });

  it('changes a role: the signed-in account may do what the new role allows at its next request', async () => {
    const binh = await client.signIn('binh', NEW_PASSWORD);
    expect(await client.code(binh, 'unitsList', {})).toBe('FORBIDDEN');
    expect((await cli(['users', 'role', 'binh', 'archivist'])).code).toBe(EXIT.OK);
    expect(await client.code(binh, 'unitsList', {})).toBe('ok');
    // The last administrator stays one, whoever asks.
    expect((await cli(['users', 'role', 'quantri', 'reader'])).code).toBe(EXIT.USAGE);
  });

  it('manages units and memberships through the server too', async () => {
    expect((await cli(['units', 'add', 'Phòng Tổ chức'])).code).toBe(EXIT.OK);
    expect((await cli(['users', 'unit', 'an', 'Phòng Tổ chức'])).code).toBe(EXIT.OK);
    const units = await client.call<UnitDto[]>(admin, 'unitsList', {});
    const an = (await client.call<UserDto[]>(admin, 'usersList', {})).find((u) => u.username === 'an')!;
    expect(units.map((u) => [u.name, u.memberIds])).toEqual([['Phòng Tổ chức', [an.id]]]);
  });

  it('records each change in the audit log as made at this computer', async () => {
    const page = await client.call<AuditPageDto>(admin, 'auditList', { action: 'users', user: 'local' });
    const details = page.items.map((e) => JSON.parse(e.detail!) as { user: string });
    expect(details.map((d) => d.user)).toEqual(expect.arrayContaining(['binh', 'an']));
    expect(page.items.every((e) => e.actor === 'local' && e.remoteAddress === null)).toBe(true);
  });

  it('refuses a wrong token and any method beyond account administration', async () => {
    const entry = JSON.parse(readFileSync(join(archive, ADMIN_CHANNEL_FILE), 'utf8')) as {
      path: string;
      token: string;
    };
    const wrong = await rawChannel(
      entry.path,
      JSON.stringify({ token: `${entry.token.slice(0, -1)}x`, method: 'usersList', input: {} }),
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const beyond = await rawChannel(
      entry.path,
      JSON.stringify({ token: entry.token, method: 'trashEmpty', input: {} }),
    );
    expect(beyond).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await rawChannel(entry.path, 'not json')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    // The same channel answers the right token.
    const listed = await rawChannel(
      entry.path,
      JSON.stringify({ token: entry.token, method: 'usersList', input: {} }),
    );
    expect(listed.ok).toBe(true);
  });

  it('never follows a channel file whose writer does not hold the lock', async () => {
    const file = join(archive, ADMIN_CHANNEL_FILE);
    const real = readFileSync(file, 'utf8');
    try {
      const entry = JSON.parse(real) as { pid: number };
      writeFileSync(file, JSON.stringify({ ...entry, pid: entry.pid + 1 }));
      expect(adminChannelOf(archive)).toBeNull();
      // …so the CLI says the archive is locked, as before.
      expect((await realCli(['users', 'disable', 'an'])).code).toBe(EXIT.ARCHIVE_LOCKED);
    } finally {
      writeFileSync(file, real);
    }
  });

  it('removes the channel file when the server stops; the CLI then opens the archive itself', async () => {
    await stopServe(child);
    child = undefined;
    expect(existsSync(join(archive, ADMIN_CHANNEL_FILE))).toBe(false);
    expect((await cli(['users', 'disable', 'binh'])).code).toBe(EXIT.OK);
    const listed = (await cliJson<{ users: UserDto[] }>(['users', 'list'])).users;
    expect(listed.find((u) => u.username === 'binh')).toMatchObject({ disabled: true, role: 'archivist' });
  });
});
