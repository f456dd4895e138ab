// `vankho users …` against real archives: accounts are made with a password read from standard
// input (the first by a real child process), stored as scrypt hashes, and changed by the other
// subcommands, run in this process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { verifyPassword } from '../../../main/core/accounts/password.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function runChild(args: string[], input: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same program in this process, `input` on its standard input (a child costs seconds of loading). */
const stdinRun = (args: string[], input: string) => runCliInProcess(args, {}, input);

interface ListedUser {
  username: string;
  role: string;
  readable: string[];
  disabled: boolean;
}

describe('vankho users', () => {
  let tmp: TempDir;
  let archive: string;
  const list = async (): Promise<ListedUser[]> => {
    const r = await runCliInProcess(['--archive', archive, '--json', 'users', 'list']);
    expect(r.code).toBe(EXIT.OK);
    return (JSON.parse(r.stdout) as { users: ListedUser[] }).users;
  };
  const storedHash = (name: string): string => {
    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      return (
        db.prepare('SELECT password_hash FROM users WHERE username = ?').get(name) as {
          password_hash: string;
        }
      ).password_hash;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-users-');
    archive = join(tmp.dir, 'kho');
  });
  afterAll(() => tmp.cleanup());

  it('adds the first administrator to a new archive, the password read from stdin and stored hashed', async () => {
    const r = runChild(
      ['--archive', archive, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
      'mật-khẩu-dài-1\n',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toContain('quantri');
    const hash = storedHash('quantri');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('mật-khẩu');
    // The trailing newline is the shell's; NFC keeps a decomposed spelling of the same password valid.
    expect(await verifyPassword('mật-khẩu-dài-1', hash)).toBe(true);
    expect(await verifyPassword('mật-khẩu-dài-1'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('mật-khẩu-dài-2', hash)).toBe(false);
    expect(await list()).toEqual([
      expect.objectContaining({
        username: 'quantri',
        role: 'admin',
        readable: ['cong-khai', 'han-che', 'mat'],
        disabled: false,
      }),
    ]);
  });

  it('refuses a short password, a taken name, a bad role and a password not on stdin', async () => {
    const short = await stdinRun(
      ['--archive', archive, 'users', 'add', 'canbo', '--role', 'reader', '--password-stdin'],
      'ngan\n',
    );
    expect(short.code).toBe(EXIT.USAGE);
    expect(short.stderr).toContain('password');
    const taken = await stdinRun(
      ['--archive', archive, 'users', 'add', 'QuanTri', '--role', 'reader', '--password-stdin'],
      'mot-mat-khau-khac',
    );
    expect(taken.code).toBe(EXIT.USAGE);
    expect(taken.stderr).toContain('Đã có tài khoản');
    const role = await runCliInProcess([
      '--archive',
      archive,
      'users',
      'add',
      'x',
      '--role',
      'boss',
      '--password-stdin',
    ]);
    expect(role.code).toBe(EXIT.USAGE);
    const noStdin = await runCliInProcess(['--archive', archive, 'users', 'add', 'x', '--role', 'reader']);
    expect(noStdin.code).toBe(EXIT.USAGE);
    expect(noStdin.stderr).toContain('--password-stdin');
    expect((await list()).map((u) => u.username)).toEqual(['quantri']);
  });

  it('changes role, grants, disabled state and password of an account', async () => {
    expect(
      (
        await stdinRun(
          ['--archive', archive, 'users', 'add', 'canbo', '--role', 'reader', '--password-stdin'],
          'mat-khau-can-bo',
        )
      ).code,
    ).toBe(EXIT.OK);
    const canbo = async (): Promise<ListedUser | undefined> =>
      (await list()).find((u) => u.username === 'canbo');
    expect(await canbo()).toMatchObject({ role: 'reader', readable: ['cong-khai'] });

    expect((await runCliInProcess(['--archive', archive, 'users', 'grant', 'canbo', 'han-che'])).code).toBe(
      EXIT.OK,
    );
    expect(await canbo()).toMatchObject({ readable: ['cong-khai', 'han-che'] });
    expect((await runCliInProcess(['--archive', archive, 'users', 'role', 'canbo', 'archivist'])).code).toBe(
      EXIT.OK,
    );
    expect(await canbo()).toMatchObject({ role: 'archivist', readable: ['cong-khai', 'han-che', 'mat'] });
    expect((await runCliInProcess(['--archive', archive, 'users', 'disable', 'canbo'])).code).toBe(EXIT.OK);
    expect(await canbo()).toMatchObject({ disabled: true });
    const missing = await runCliInProcess(['--archive', archive, 'users', 'disable', 'khongco']);
    expect(missing.code).toBe(EXIT.NOT_FOUND);

    const before = storedHash('canbo');
    const reset = await stdinRun(
      ['--archive', archive, 'users', 'reset-password', 'canbo', '--password-stdin'],
      'mat-khau-moi-123',
    );
    expect(reset.code).toBe(EXIT.OK);
    expect(storedHash('canbo')).not.toBe(before);
    expect(await verifyPassword('mat-khau-moi-123', storedHash('canbo'))).toBe(true);
  });

  it('never disables or demotes the last active administrator, and logs each change as this computer', async () => {
    for (const args of [
      ['disable', 'quantri'],
      ['role', 'quantri', 'reader'],
    ]) {
      const r = await runCliInProcess(['--archive', archive, 'users', ...args]);
      expect(r.code, args.join(' ')).toBe(EXIT.USAGE);
      expect(r.stderr).toContain('quản trị cuối cùng');
    }
    expect((await list()).find((u) => u.username === 'quantri')).toMatchObject({
      role: 'admin',
      disabled: false,
    });
    const weak = await stdinRun(
      ['--archive', archive, 'users', 'reset-password', 'quantri', '--password-stdin'],
      'QuanTri-2026\n',
    );
    expect(weak.code).toBe(EXIT.USAGE);
    expect(weak.stderr).toContain('Mật khẩu quá yếu');
    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT actor, detail FROM audit_log WHERE action = 'users' ORDER BY id")
        .all() as Array<{ actor: string; detail: string }>;
      expect(rows.every((r) => r.actor === 'local')).toBe(true);
      expect(rows.map((r) => JSON.parse(r.detail) as unknown)).toContainEqual({
        user: 'canbo',
        from: { role: 'reader' },
        to: { role: 'archivist' },
      });
    } finally {
      db.close();
    }
  });

  it('keeps the audit log append-only: UPDATE and DELETE are refused by the database itself', () => {
    const db = new Database(join(archive, 'archive.sqlite'));
    try {
      // The account changes above left their 'users' rows; they must survive too.
      const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
      expect(before.length).toBeGreaterThan(0);
      db.prepare(
        `INSERT INTO audit_log (at, actor, actor_name, action) VALUES ('2026-12-03T10:00:00Z', 'local', 'x', 'view')`,
      ).run();
      expect(() => db.prepare(`UPDATE audit_log SET action = 'edit'`).run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      const after = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
      expect(after.slice(0, -1)).toEqual(before);
      expect(after.at(-1)).toMatchObject({ action: 'view', actor_name: 'x' });
    } finally {
      db.close();
    }
  });
});
