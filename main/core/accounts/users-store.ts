// The one place of the users table's SQL: office-server accounts (issue 14), their role, the
// access levels each may read, whether the account is disabled, and its lockout counters.
import { appError } from '../../contract/errors.js';
import { RECORD_ACCESS_LEVELS, type UserDto } from '../../contract/dto.js';
import type { AccessLevel, Actor, Role } from '../../contract/request-context.js';
import { accountActorId } from '../archive/access.js';
import type { Db } from '../archive/database.js';
import { VanKhoError } from '../errors/vankho-error.js';

export const ROLES: readonly Role[] = ['admin', 'archivist', 'reader'];

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Levels granted beyond the role's default (see readableOf). */
  grants: AccessLevel[];
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

interface RawUser {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  readable: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

// A user name is typed at a login prompt: letters (any script, NFC), digits and . _ -, 1–64 long.
const USERNAME = /^[\p{L}\p{N}._-]{1,64}$/u;

export function normalizeUsername(name: string): string {
  const n = name.normalize('NFC').trim();
  if (!USERNAME.test(n)) throw new VanKhoError(appError('INVALID_INPUT', 'username'));
  return n;
}

export function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new VanKhoError(appError('INVALID_INPUT', 'role'));
  return role as Role;
}

function parseGrants(json: string): AccessLevel[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? RECORD_ACCESS_LEVELS.filter((l) => (v as unknown[]).includes(l)) : [];
  } catch {
    return [];
  }
}

function toRow(r: RawUser): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    grants: parseGrants(r.readable),
    disabled: r.disabled === 1,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The levels an account reads: admins and archivists manage the whole archive, so all; a reader
 * 'cong-khai' plus what was granted to that account.
 */
export function readableOf(user: Pick<UserRow, 'role' | 'grants'>): AccessLevel[] {
  if (user.role !== 'reader') return [...RECORD_ACCESS_LEVELS];
  return RECORD_ACCESS_LEVELS.filter((l) => l === 'cong-khai' || user.grants.includes(l));
}

/** The contract's view of an account (for the app's screen and `users list --json`). */
export function userDto(user: UserRow): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    grants: [...user.grants],
    readable: readableOf(user),
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** The request-context actor of a signed-in account. */
export function actorOf(user: UserRow): Actor {
  return {
    id: accountActorId(user.id),
    kind: 'account',
    displayName: user.displayName,
    role: user.role,
    readable: readableOf(user),
  };
}

export function insertUser(
  db: Db,
  u: { username: string; displayName?: string; role: Role; passwordHash: string; now?: Date },
): UserRow {
  const username = normalizeUsername(u.username);
  const at = (u.now ?? new Date()).toISOString();
  if (findUserRaw(db, username)) throw new VanKhoError(appError('USER_EXISTS', username));
  const info = db
    .prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(username, (u.displayName ?? username).normalize('NFC'), u.role, u.passwordHash, at, at);
  return getUser(db, Number(info.lastInsertRowid))!;
}

function findUserRaw(db: Db, username: string): RawUser | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username.normalize('NFC').trim()) as
    RawUser | undefined;
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as RawUser | undefined;
  return r ? toRow(r) : null;
}

export function findUser(db: Db, username: string): UserRow | null {
  const r = findUserRaw(db, username);
  return r ? toRow(r) : null;
}

/** The account and its stored hash, for a login; null for an unknown name. */
export function findUserForLogin(db: Db, username: string): { user: UserRow; passwordHash: string } | null {
  const r = findUserRaw(db, username);
  return r ? { user: toRow(r), passwordHash: r.password_hash } : null;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as RawUser[]).map(toRow);
}

/** The account of a name, or NOT_FOUND (for commands that change one). */
export function requireUser(db: Db, username: string): UserRow {
  const u = findUser(db, username);
  if (!u) throw new VanKhoError(appError('NOT_FOUND', `user ${username}`));
  return u;
}

function update(db: Db, id: number, set: string, params: unknown[], now = new Date()): void {
  db.prepare(`UPDATE users SET ${set}, updated_at = ? WHERE id = ?`).run(...params, now.toISOString(), id);
}

/**
 * LAST_ADMIN when the account is an active administrator and no other is: the guard of every path
 * that disables or demotes one (the app and the CLI), so the server always has someone to manage it.
 */
function keepAnAdmin(db: Db, id: number): void {
  const u = getUser(db, id);
  if (!u || u.role !== 'admin' || u.disabled) return;
  const others = db
    .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?")
    .pluck()
    .get(id) as number;
  if (others === 0) throw new VanKhoError(appError('LAST_ADMIN', u.username));
}

export function setUserDisabled(db: Db, id: number, disabled: boolean): void {
  // A disabled account's sessions end with it: otherwise an open browser would keep working.
  db.transaction(() => {
    if (disabled) keepAnAdmin(db, id);
    update(db, id, 'disabled = ?', [disabled ? 1 : 0]);
    if (disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  })();
}

export function setUserPassword(db: Db, id: number, passwordHash: string): void {
  db.transaction(() => {
    update(db, id, 'password_hash = ?, failed_logins = 0, locked_until = NULL', [passwordHash]);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  })();
}

export function setUserRole(db: Db, id: number, role: Role): void {
  db.transaction(() => {
    if (role !== 'admin') keepAnAdmin(db, id);
    update(db, id, 'role = ?', [role]);
  })();
}

export function setUserDisplayName(db: Db, id: number, displayName: string): void {
  update(db, id, 'display_name = ?', [displayName.normalize('NFC').trim()]);
}

export function setUserGrants(db: Db, id: number, grants: readonly AccessLevel[]): void {
  update(db, id, 'readable = ?', [JSON.stringify(RECORD_ACCESS_LEVELS.filter((l) => grants.includes(l)))]);
}

/** Counts a wrong password; from `limit` failures on, the account is locked until `lockUntil`. */
export function recordFailedLogin(db: Db, id: number, limit: number, lockUntil: Date): UserRow {
  db.transaction(() => {
    db.prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?').run(id);
    db.prepare('UPDATE users SET locked_until = ? WHERE id = ? AND failed_logins >= ?').run(
      lockUntil.toISOString(),
      id,
      limit,
    );
  })();
  return getUser(db, id)!;
}

export function clearFailedLogins(db: Db, id: number): void {
  db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
}
