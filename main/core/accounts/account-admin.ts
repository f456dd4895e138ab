// Changing accounts with their audit row (issue 14): each create, role / level / name / state change
// and password reset appends one 'users' row with what the account was and became ({from, to}), in
// the change's own transaction. The app's handlers and the CLI both come here, so neither can change
// an account without a row, and both meet the users store's guards (LAST_ADMIN, USER_EXISTS).
import type { AccessLevel, Actor, Role } from '../../contract/request-context.js';
import type { Db } from '../archive/database.js';
import { appendAudit } from './audit-store.js';
import {
  getUser,
  insertUser,
  setUserDisabled,
  setUserDisplayName,
  setUserGrants,
  setUserPassword,
  setUserRole,
  type UserRow,
} from './users-store.js';

/** Who makes the change, as the audit row records it. */
export interface ChangedBy {
  actor: Pick<Actor, 'id' | 'displayName'>;
  remoteAddress?: string | null;
}

export interface AccountChange {
  role?: Role;
  disabled?: boolean;
  displayName?: string;
  /** Levels granted beyond the role's default. */
  grants?: readonly AccessLevel[];
}

type Shown = Record<string, string | boolean | readonly string[]>;

function audit(db: Db, by: ChangedBy, user: string, from: Shown | null, to: Shown): void {
  appendAudit(db, {
    actor: by.actor,
    action: 'users',
    remoteAddress: by.remoteAddress ?? null,
    detail: JSON.stringify({ user, from, to }),
  });
}

export function createAccount(
  db: Db,
  by: ChangedBy,
  u: {
    username: string;
    displayName?: string;
    role: Role;
    grants?: readonly AccessLevel[];
    passwordHash: string;
  },
): UserRow {
  return db.transaction(() => {
    const made = insertUser(db, u);
    if (u.grants && u.grants.length > 0) setUserGrants(db, made.id, u.grants);
    const row = getUser(db, made.id)!;
    audit(db, by, row.username, null, {
      displayName: row.displayName,
      role: row.role,
      grants: row.grants,
    });
    return row;
  })();
}

const sameLevels = (a: readonly AccessLevel[], b: readonly AccessLevel[]): boolean =>
  a.length === b.length && a.every((l) => b.includes(l));

/** Applies the fields given that differ from the account's; no row when nothing changed. */
export function changeAccount(db: Db, by: ChangedBy, userId: number, change: AccountChange): UserRow | null {
  return db.transaction(() => {
    const before = getUser(db, userId);
    if (!before) return null;
    const from: Shown = {};
    const to: Shown = {};
    if (
      change.displayName !== undefined &&
      change.displayName.normalize('NFC').trim() !== before.displayName
    ) {
      setUserDisplayName(db, userId, change.displayName);
      from.displayName = before.displayName;
    }
    if (change.grants !== undefined && !sameLevels(change.grants, before.grants)) {
      setUserGrants(db, userId, change.grants);
      from.grants = before.grants;
    }
    if (change.role !== undefined && change.role !== before.role) {
      setUserRole(db, userId, change.role);
      from.role = before.role;
    }
    if (change.disabled !== undefined && change.disabled !== before.disabled) {
      setUserDisabled(db, userId, change.disabled);
      from.disabled = before.disabled;
    }
    const after = getUser(db, userId)!;
    for (const k of Object.keys(from)) to[k] = after[k as keyof AccountChange & keyof UserRow] as never;
    if (Object.keys(from).length > 0) audit(db, by, after.username, from, to);
    return after;
  })();
}

/** Ends the account's sessions (setUserPassword); the row says a reset happened, never the password. */
export function resetAccountPassword(
  db: Db,
  by: ChangedBy,
  userId: number,
  passwordHash: string,
): UserRow | null {
  return db.transaction(() => {
    const before = getUser(db, userId);
    if (!before) return null;
    setUserPassword(db, userId, passwordHash);
    audit(db, by, before.username, null, { password: 'reset' });
    return getUser(db, userId)!;
  })();
}
