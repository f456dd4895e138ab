// The office server's accounts from the app (issue 14): list, create, change role, access levels,
// name or disabled state, and reset a password; for administrators only (main/contract/permissions.ts).
// The CLI (`vankho users …`) calls these same methods.
import { z } from 'zod';
import { RECORD_ACCESS_LEVELS, USER_ROLES, type UserDto } from '../dto.js';
import { def, empty, id, returns } from './define.js';

const displayName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200));
/** Strength (length, not the user name) is the core's to judge: WEAK_PASSWORD, the same for the CLI. */
const password = z.string().min(1).max(1_024);
/** Levels a reader may read beyond công khai; admins and archivists read every level whatever is set. */
const readable = z.array(z.enum(RECORD_ACCESS_LEVELS)).max(RECORD_ACCESS_LEVELS.length);

export const USERS_API = {
  usersList: def(empty, returns<UserDto[]>()),
  /** One account by its user name (as typed: NFC, trimmed); NOT_FOUND when there is none. */
  userGet: def(z.object({ username: z.string().min(1).max(64) }).strict(), returns<UserDto>()),
  usersCreate: def(
    z
      .object({
        username: z.string().min(1).max(64),
        displayName: displayName.optional(),
        role: z.enum(USER_ROLES),
        readable: readable.default([]),
        password,
      })
      .strict(),
    returns<UserDto>(),
  ),
  /**
   * Only the fields given change. LAST_ADMIN when the change would leave no active administrator;
   * disabling ends the account's sessions.
   */
  usersUpdate: def(
    z
      .object({
        userId: id,
        role: z.enum(USER_ROLES).optional(),
        disabled: z.boolean().optional(),
        displayName: displayName.optional(),
        readable: readable.optional(),
      })
      .strict(),
    returns<UserDto>(),
  ),
  /** Ends the account's sessions and clears its lockout. */
  usersResetPassword: def(z.object({ userId: id, password }).strict(), returns<UserDto>()),
} as const;
