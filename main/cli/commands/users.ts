// `vankho users add|list|disable|enable|reset-password|role|grant|unit`: the office server's accounts,
// managed on the archive folder by whoever holds it (the first administrator is made this way), or,
// while `vankho serve` holds it, through the server's local admin channel.
// Passwords come only from standard input (--password-stdin), never from an argument, so they stay
// out of shell history and the process list.
import type { Command } from 'commander';
import { USER_ROLES, type UserDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { levelChoices, parseAccessLevel } from '../../contract/glossary.js';
import { isWeakPassword } from '../../contract/password-rule.js';
import type { AccessLevel, Role } from '../../contract/request-context.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { registerUserUnitCommand } from './units.js';

// Changes go through the contract as the local actor: the audit log names this computer.

const ROLE_LABEL: Record<UserDto['role'], string> = {
  admin: 'quản trị / admin',
  archivist: 'văn thư, lưu trữ / archivist',
  reader: 'cán bộ / reader',
};

/** The password for `username` on standard input; WEAK_PASSWORD by the app's own rule. */
export async function readPasswordFromStdin(
  username: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  // One trailing newline is the shell's (echo, a here-string), not part of the password.
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  // Judged before anything is opened or created (the core judges it again when it writes).
  if (isWeakPassword(text, username)) throw new VanKhoError(appError('WEAK_PASSWORD'));
  return text;
}

function requirePasswordStdin(opts: { passwordStdin?: boolean }): void {
  if (!opts.passwordStdin) {
    throw usageError(
      '--password-stdin: mật khẩu chỉ nhận từ đầu vào chuẩn / the password is read from standard input only',
    );
  }
}

function parseRole(role: string): Role {
  if (!(USER_ROLES as readonly string[]).includes(role)) throw usageError('role');
  return role as Role;
}

function parseLevels(list: string): AccessLevel[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((value) => {
      const level = parseAccessLevel(value);
      if (level === null) throw usageError(`${levelChoices('access')}: ${value}`);
      return level;
    });
}

/** What one `users` subcommand changes, in the contract's terms. */
type AccountChange = { role?: Role; disabled?: boolean; readable?: AccessLevel[] };

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('tài khoản máy chủ văn phòng / office server accounts');

  users
    .command('add')
    .description('thêm tài khoản / add an account')
    .argument('<name>', 'tên đăng nhập / user name')
    .requiredOption('--role <role>', 'admin | archivist | reader')
    .option('--display-name <text>', 'tên hiển thị / name shown')
    .option('--password-stdin', 'đọc mật khẩu từ đầu vào chuẩn / read the password from standard input')
    .action(
      async (
        name: string,
        opts: { role: string; displayName?: string; passwordStdin?: boolean },
        cmd: Command,
      ) => {
        const role = parseRole(opts.role);
        requirePasswordStdin(opts);
        const password = await readPasswordFromStdin(name);
        // The first administrator may be made before the server ever ran: the archive is created then.
        await withApp(
          cmd,
          async (app) => {
            const u = await app.call('usersCreate', {
              username: name,
              role,
              password,
              ...(opts.displayName ? { displayName: opts.displayName } : {}),
            });
            if (isJson(cmd)) printJson({ ok: true, user: u });
            else printLine(`Đã thêm tài khoản / account added: ${u.username} (${ROLE_LABEL[u.role]})`);
            return EXIT.OK;
          },
          { create: true, viaServer: true },
        );
      },
    );

  users
    .command('list')
    .description('liệt kê tài khoản / list accounts')
    .action(async (_o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const list = await app.call('usersList', {});
          if (isJson(cmd)) {
            printJson({ ok: true, users: list });
            return EXIT.OK;
          }
          if (list.length === 0) printLine('Chưa có tài khoản nào / no accounts yet');
          for (const u of list) {
            const state = u.disabled ? '  [đã khóa / disabled]' : '';
            printLine(`${u.username}  ${ROLE_LABEL[u.role]}  ${u.readable.join(',')}${state}`);
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });

  const change = (
    sub: string,
    description: string,
    changeOf: (arg: string | undefined) => AccountChange,
    done: { vi: string; en: string },
    arg?: { name: string; description: string },
  ): void => {
    const c = users.command(sub).description(description).argument('<name>', 'tên đăng nhập / user name');
    if (arg) c.argument(`<${arg.name}>`, arg.description);
    c.action(async (name: string, ...rest: unknown[]) => {
      const cmd = rest[rest.length - 1] as Command;
      const value = arg ? (rest[0] as string) : undefined;
      const changes = changeOf(value);
      await withApp(
        cmd,
        async (app) => {
          const u = await app.call('userGet', { username: name });
          const after = await app.call('usersUpdate', { userId: u.id, ...changes });
          if (isJson(cmd)) printJson({ ok: true, user: after });
          else printLine(`${done.vi} / ${done.en}: ${after.username}`);
          return EXIT.OK;
        },
        { viaServer: true },
      );
    });
  };

  change(
    'disable',
    'khóa tài khoản (đăng xuất mọi phiên) / disable an account (ends its sessions)',
    () => ({ disabled: true }),
    { vi: 'Đã khóa tài khoản', en: 'account disabled' },
  );
  change('enable', 'mở lại tài khoản / enable an account again', () => ({ disabled: false }), {
    vi: 'Đã mở lại tài khoản',
    en: 'account enabled',
  });
  change(
    'role',
    'đổi vai trò / change the role',
    (role) => ({ role: parseRole(role ?? '') }),
    { vi: 'Đã đổi vai trò', en: 'role changed' },
    { name: 'role', description: 'admin | archivist | reader' },
  );
  change(
    'grant',
    'mức tiếp cận thêm cho cán bộ (vd. han-che,mat; rỗng = bỏ) / extra access levels for a reader',
    (levels) => ({ readable: parseLevels(levels ?? '') }),
    { vi: 'Đã đặt quyền đọc', en: 'access levels set' },
    { name: 'levels', description: 'han-che,mat' },
  );

  registerUserUnitCommand(users);

  users
    .command('reset-password')
    .description('đặt lại mật khẩu (đăng xuất mọi phiên) / reset the password (ends its sessions)')
    .argument('<name>', 'tên đăng nhập / user name')
    .option('--password-stdin', 'đọc mật khẩu từ đầu vào chuẩn / read the password from standard input')
    .action(async (name: string, opts: { passwordStdin?: boolean }, cmd: Command) => {
      requirePasswordStdin(opts);
      const password = await readPasswordFromStdin(name);
      await withApp(
        cmd,
        async (app) => {
          const u = await app.call('userGet', { username: name });
          const after = await app.call('usersResetPassword', { userId: u.id, password });
          if (isJson(cmd)) printJson({ ok: true, user: after });
          else printLine(`Đã đặt lại mật khẩu / password reset: ${after.username}`);
          return EXIT.OK;
        },
        { viaServer: true },
      );
    });
}
