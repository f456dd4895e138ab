// Accounts managed through the contract over real HTTP (issue 14): `vankho serve` as a child process
// on 127.0.0.1, the first administrator made by the CLI. An admin creates a reader who then signs
// in; a reader may not manage accounts; weak passwords and leaving no active administrator are
// refused (the CLI's side in users-cli.test.ts); disabling an account ends its open session at once, a role
// change shows in the account's next request, and every change leaves a 'users' audit row {from, to}.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDto } from '../../../main/contract/dto.js';
import type { SessionInfo } from '../../../main/contract/transport.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import {
  serveClient,
  startServe,
  stopServe,
  vankhoCli,
  vankhoCliAsync,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const ADMIN_PASSWORD = 'quản-trị-mật-khẩu-1';
const READER_PASSWORD = 'cán-bộ-đọc-2026';

describe('accounts through the contract over real HTTP', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let child: ChildProcess;
  let api: ReturnType<typeof serveClient>;
  let admin: ServeSession;
  let adminId: number;
  let readerId: number;

  const auditUsers = (): Array<{ actor: string; detail: string; remote_address: string | null }> => {
    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      return db
        .prepare("SELECT actor, detail, remote_address FROM audit_log WHERE action = 'users' ORDER BY id")
        .all() as never;
    } finally {
      db.close();
    }
  };
  const lastDetail = (): unknown => JSON.parse(auditUsers().at(-1)!.detail);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-users-api-');
    archive = join(tmp.dir, 'kho');
    const made = vankhoCli(
      ['--archive', archive, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
      `${ADMIN_PASSWORD}\n`,
    );
    expect(made.code, made.stderr).toBe(0);
    let url: string;
    ({ child, url } = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']));
    api = serveClient(url);
    admin = await api.signIn('quantri', ADMIN_PASSWORD);
    adminId = (await api.call<UserDto[]>(admin, 'usersList', {})).find((u) => u.username === 'quantri')!.id;
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('lets an admin create a reader who then signs in; a reader may not manage accounts', async () => {
    const made = await api.call<UserDto>(admin, 'usersCreate', {
      username: 'canbo',
      displayName: 'Nguyễn Thị Cán Bộ',
      role: 'reader',
      readable: ['han-che'],
      password: READER_PASSWORD,
    });
    readerId = made.id;
    expect(made).toMatchObject({
      username: 'canbo',
      displayName: 'Nguyễn Thị Cán Bộ',
      role: 'reader',
      grants: ['han-che'],
      readable: ['cong-khai', 'han-che'],
      disabled: false,
    });
    expect(made).not.toHaveProperty('passwordHash');
    const listed = await api.call<UserDto[]>(admin, 'usersList', {});
    expect(listed.map((u) => u.username)).toEqual(['canbo', 'quantri']);

    const created = auditUsers().at(-1)!;
    expect(created.actor).toBe(`user:${adminId}`);
    expect(created.remote_address).toBe('127.0.0.1');
    expect(JSON.parse(created.detail)).toEqual({
      user: 'canbo',
      from: null,
      to: { displayName: 'Nguyễn Thị Cán Bộ', role: 'reader', grants: ['han-che'] },
    });

    const reader = await api.signIn('canbo', READER_PASSWORD);
    expect(reader.info.user).toMatchObject({ username: 'canbo', role: 'reader' });
    for (const [method, input] of [
      ['usersList', {}],
      ['usersCreate', { username: 'x2', role: 'admin', password: 'mot-mat-khau-dai' }],
      ['usersUpdate', { userId: readerId, role: 'admin' }],
      ['usersResetPassword', { userId: adminId, password: 'mot-mat-khau-dai' }],
    ] as const) {
      const a = await api.answer(reader, method, input);
      expect(a.body.ok, method).toBe(false);
      expect(a.body.error?.code, method).toBe('FORBIDDEN');
    }
    // The refused calls changed nothing: still a reader, the admin's password unchanged.
    expect((await api.call<UserDto[]>(admin, 'usersList', {})).find((u) => u.id === readerId)!.role).toBe(
      'reader',
    );
    await api.signIn('quantri', ADMIN_PASSWORD);
  });

  it('refuses weak passwords (short, or holding the user name) in the app and the CLI', async () => {
    const rows = auditUsers().length;
    for (const password of ['ngắn-quá', 'canbo2-dai-hon', 'xxCANBO2xxxxxx', 'canbo2'])
      expect(
        await api.code(admin, 'usersCreate', { username: 'canbo2', role: 'reader', password }),
        password,
      ).toBe('WEAK_PASSWORD');
    expect(await api.code(admin, 'usersResetPassword', { userId: readerId, password: 'canbo-12345' })).toBe(
      'WEAK_PASSWORD',
    );
    expect((await api.call<UserDto[]>(admin, 'usersList', {})).map((u) => u.username)).toEqual([
      'canbo',
      'quantri',
    ]);
    expect(auditUsers()).toHaveLength(rows);
    // The same rule in the CLI, with its message; 10 characters with diacritics are 10, not more.
    // Async: a blocked event loop would miss the server closing its idle keep-alive socket, and the
    // next fetch would fail on it ("other side closed").
    const cli = await vankhoCliAsync(
      ['--archive', archive, 'users', 'add', 'canbo3', '--role', 'reader', '--password-stdin'],
      'canbo3-mat-khau\n',
    );
    expect(cli.code).toBe(EXIT.USAGE);
    expect(cli.stderr).toContain('Mật khẩu quá yếu');
    expect(
      await api.code(admin, 'usersCreate', { username: 'canbo4', role: 'reader', password: 'mậtkhẩuđủ1' }),
    ).toBe('ok');
  });

  it('never leaves the server without an active administrator', async () => {
    expect(await api.code(admin, 'usersUpdate', { userId: adminId, disabled: true })).toBe('LAST_ADMIN');
    expect(await api.code(admin, 'usersUpdate', { userId: adminId, role: 'archivist' })).toBe('LAST_ADMIN');
    // Still an admin, still signed in.
    const me = (await api.call<UserDto[]>(admin, 'usersList', {})).find((u) => u.id === adminId)!;
    expect(me).toMatchObject({ role: 'admin', disabled: false });

    // With a second admin, one of the two may step down (and the change is logged with its before).
    const second = await api.call<UserDto>(admin, 'usersCreate', {
      username: 'quantri2',
      role: 'admin',
      password: ADMIN_PASSWORD,
    });
    await api.call<UserDto>(admin, 'usersUpdate', { userId: second.id, role: 'archivist' });
    expect(lastDetail()).toEqual({ user: 'quantri2', from: { role: 'admin' }, to: { role: 'archivist' } });
    expect(await api.code(admin, 'usersUpdate', { userId: adminId, disabled: true })).toBe('LAST_ADMIN');
  });

  it("ends a disabled account's open session at once; enabling it again needs a new sign-in", async () => {
    const reader = await api.signIn('canbo', READER_PASSWORD);
    expect(await api.code(reader, 'search', { query: '' })).toBe('ok');
    const off = await api.call<UserDto>(admin, 'usersUpdate', { userId: readerId, disabled: true });
    expect(off.disabled).toBe(true);
    expect(lastDetail()).toEqual({ user: 'canbo', from: { disabled: false }, to: { disabled: true } });
    expect((await api.answer(reader, 'search', { query: '' })).status).toBe(401);
    await expect(api.signIn('canbo', READER_PASSWORD)).rejects.toThrow(/LOGIN_FAILED/);

    await api.call<UserDto>(admin, 'usersUpdate', { userId: readerId, disabled: false });
    expect((await api.answer(reader, 'search', { query: '' })).status).toBe(401);
    expect(await api.code(await api.signIn('canbo', READER_PASSWORD), 'search', { query: '' })).toBe('ok');
  });

  it("shows a role or level change in the account's next request, without signing in again", async () => {
    const reader = await api.signIn('canbo', READER_PASSWORD);
    expect(await api.code(reader, 'tagCreate', { name: 'Thi đua' })).toBe('FORBIDDEN');
    await api.call<UserDto>(admin, 'usersUpdate', { userId: readerId, role: 'archivist' });
    expect(lastDetail()).toEqual({ user: 'canbo', from: { role: 'reader' }, to: { role: 'archivist' } });
    const who = (await (await api.post('/api/whoami', {}, reader)).json()) as { value: SessionInfo };
    expect(who.value.user.role).toBe('archivist');
    expect(await api.code(reader, 'tagCreate', { name: 'Thi đua' })).toBe('ok');
    await api.call<UserDto>(admin, 'usersUpdate', { userId: readerId, role: 'reader', readable: [] });
    expect(lastDetail()).toEqual({
      user: 'canbo',
      from: { grants: ['han-che'], role: 'archivist' },
      to: { grants: [], role: 'reader' },
    });
    expect(await api.code(reader, 'tagCreate', { name: 'Khen thưởng' })).toBe('FORBIDDEN');
  });

  it('resets a password: the old one and its sessions stop, the new one signs in', async () => {
    const reader = await api.signIn('canbo', READER_PASSWORD);
    const fresh = 'một-mật-khẩu-mới-9';
    const after = await api.call<UserDto>(admin, 'usersResetPassword', { userId: readerId, password: fresh });
    expect(after.username).toBe('canbo');
    expect(lastDetail()).toEqual({ user: 'canbo', from: null, to: { password: 'reset' } });
    expect(auditUsers().at(-1)!.detail).not.toContain(fresh);
    expect((await api.answer(reader, 'search', { query: '' })).status).toBe(401);
    await expect(api.signIn('canbo', READER_PASSWORD)).rejects.toThrow(/LOGIN_FAILED/);
    expect((await api.signIn('canbo', fresh)).info.user.username).toBe('canbo');
    expect(await api.code(admin, 'usersResetPassword', { userId: 999_999, password: fresh })).toBe(
      'NOT_FOUND',
    );
  });
});
