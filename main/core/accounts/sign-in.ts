// Signing in and out of the office server (issue 14): the password checked in constant time (an
// unknown name costs one scrypt too, against a dummy hash), lockout after repeated wrong passwords
// per account, a session on success, and an audit row for every attempt with the client's address.
import { appError } from '../../contract/errors.js';
import type { Actor } from '../../contract/request-context.js';
import type { Db } from '../archive/database.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { appendAudit } from './audit-store.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import {
  createSession,
  deleteSession,
  findSession,
  type LiveSession,
  type NewSession,
} from './sessions-store.js';
import {
  actorOf,
  clearFailedLogins,
  findUserForLogin,
  getUser,
  recordFailedLogin,
  type UserRow,
} from './users-store.js';

/** Wrong passwords in a row that lock an account, and for how long. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** Who a failed attempt is recorded as when no account matched the typed name. */
const NOBODY: Pick<Actor, 'id' | 'displayName'> = {
  id: 'anonymous',
  displayName: '(chưa đăng nhập / not signed in)',
};

export interface SignedIn {
  user: UserRow;
  actor: Actor;
  session: NewSession;
}

export async function signIn(
  db: Db,
  username: string,
  password: string,
  remoteAddress: string | null,
  now: () => Date = () => new Date(),
): Promise<SignedIn> {
  const typed = username.normalize('NFC').trim().slice(0, 64);
  const found = typed === '' ? null : findUserForLogin(db, typed);
  // The hash is computed whatever happens below, so the answer's timing tells nothing.
  const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
  const fail = (actor: Pick<Actor, 'id' | 'displayName'>, why: string): void =>
    appendAudit(db, { actor, action: 'login-failed', remoteAddress, detail: `${typed} (${why})` }, now());
  if (!found) {
    fail(NOBODY, 'unknown');
    throw new VanKhoError(appError('LOGIN_FAILED'));
  }
  const user = found.user;
  const actor = actorOf(user);
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > now().getTime()) {
    fail(actor, 'locked');
    throw new VanKhoError(appError('ACCOUNT_LOCKED', user.lockedUntil));
  }
  if (user.disabled) {
    // Same answer as a wrong password: a disabled account is not an account to sign in to.
    fail(actor, 'disabled');
    throw new VanKhoError(appError('LOGIN_FAILED'));
  }
  if (!matches) {
    const after = recordFailedLogin(db, user.id, LOCKOUT_FAILURES, new Date(now().getTime() + LOCKOUT_MS));
    fail(actor, 'password');
    if (after.lockedUntil !== null && Date.parse(after.lockedUntil) > now().getTime())
      throw new VanKhoError(appError('ACCOUNT_LOCKED', after.lockedUntil));
    throw new VanKhoError(appError('LOGIN_FAILED'));
  }
  return db.transaction(() => {
    clearFailedLogins(db, user.id);
    const session = createSession(db, user.id, remoteAddress, now());
    appendAudit(db, { actor, action: 'login', remoteAddress }, now());
    return { user: getUser(db, user.id)!, actor, session };
  })();
}

/** The signed-in caller of a cookie token, or null. */
export function sessionOf(db: Db, token: string): (LiveSession & { actor: Actor }) | null {
  const live = findSession(db, token);
  return live ? { ...live, actor: actorOf(live.user) } : null;
}

export function signOut(db: Db, token: string, remoteAddress: string | null): void {
  const live = findSession(db, token);
  deleteSession(db, token);
  if (live) appendAudit(db, { actor: actorOf(live.user), action: 'logout', remoteAddress });
}
