// The accounts at the contract: the password judged (assertStrongPassword) and hashed before the
// write transaction (scrypt is slow and asynchronous), the change and its audit row in one write.
import type { HandlersOf } from '../../contract/api.js';
import type { USERS_API } from '../../contract/api/users-api.js';
import { appError } from '../../contract/errors.js';
import type { RequestContext } from '../../contract/request-context.js';
import {
  changeAccount,
  createAccount,
  resetAccountPassword,
  type ChangedBy,
} from '../accounts/account-admin.js';
import { assertStrongPassword, hashPassword } from '../accounts/password.js';
import {
  getUser,
  listUsers,
  normalizeUsername,
  requireUser,
  userDto,
  type UserRow,
} from '../accounts/users-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { AppSession } from './session.js';

const byOf = (ctx: RequestContext): ChangedBy => ({
  actor: ctx.actor,
  remoteAddress: ctx.remoteAddress ?? null,
});

function found(u: UserRow | null, userId: number): UserRow {
  if (!u) throw new VanKhoError(appError('NOT_FOUND', `user ${userId}`));
  return u;
}

export function usersHandlers(s: AppSession): HandlersOf<typeof USERS_API> {
  return {
    usersList: () => listUsers(s.db).map(userDto),
    userGet: ({ username }) => userDto(requireUser(s.db, username)),
    usersCreate: async ({ username, displayName, role, readable, password }, ctx) => {
      const name = normalizeUsername(username);
      assertStrongPassword(password, name);
      const passwordHash = await hashPassword(password);
      const made = s.vankho.archive.write((db) =>
        createAccount(db, byOf(ctx), {
          username: name,
          role,
          grants: readable,
          passwordHash,
          ...(displayName !== undefined ? { displayName } : {}),
        }),
      );
      return userDto(made);
    },
    usersUpdate: ({ userId, role, disabled, displayName, readable }, ctx) => {
      const after = s.vankho.archive.write((db) =>
        changeAccount(db, byOf(ctx), userId, {
          ...(role !== undefined ? { role } : {}),
          ...(disabled !== undefined ? { disabled } : {}),
          ...(displayName !== undefined ? { displayName } : {}),
          ...(readable !== undefined ? { grants: readable } : {}),
        }),
      );
      return userDto(found(after, userId));
    },
    usersResetPassword: async ({ userId, password }, ctx) => {
      const user = found(getUser(s.db, userId), userId);
      assertStrongPassword(password, user.username);
      const passwordHash = await hashPassword(password);
      const after = s.vankho.archive.write((db) => resetAccountPassword(db, byOf(ctx), userId, passwordHash));
      return userDto(found(after, userId));
    },
  };
}
