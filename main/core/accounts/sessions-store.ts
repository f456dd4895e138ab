// The one place of the sessions table's SQL (issue 14): a signed-in browser holds a random token in
// its cookie; the table keeps only the token's SHA-256 (a copy of the database signs nobody in), the
// session's CSRF token, and when it ends. Sessions end 12 hours after sign-in, or after 2 hours
// without a request, whichever is first (an office day, and a PC left alone over lunch).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../archive/database.js';
import { getUser, type UserRow } from './users-store.js';

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

export interface NewSession {
  /** Goes to the cookie only; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface LiveSession {
  user: UserRow;
  csrfToken: string;
  expiresAt: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSession(
  db: Db,
  userId: number,
  remoteAddress: string | null,
  now = new Date(),
): NewSession {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + Math.min(SESSION_IDLE_MS, SESSION_ABSOLUTE_MS)).toISOString();
  db.prepare(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, remote_address)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(tokenHash(token), userId, csrfToken, now.toISOString(), expiresAt, remoteAddress);
  return { token, csrfToken, expiresAt };
}

interface RawSession {
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/**
 * The live session of a cookie token, or null (unknown, expired, idle too long, account disabled).
 * A live one's idle clock restarts: expires_at moves to now + idle, never past the absolute end.
 */
export function findSession(db: Db, token: string, now = new Date()): LiveSession | null {
  const hash = tokenHash(token);
  const r = db
    .prepare<[string], RawSession>(
      'SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ?',
    )
    .get(hash);
  if (!r) return null;
  const user = getUser(db, r.user_id);
  if (!user || user.disabled || Date.parse(r.expires_at) <= now.getTime()) {
    db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
    return null;
  }
  const absoluteEnd = Date.parse(r.created_at) + SESSION_ABSOLUTE_MS;
  const expiresAt = new Date(Math.min(absoluteEnd, now.getTime() + SESSION_IDLE_MS)).toISOString();
  // Written at most once a minute per session: reads stay reads for the many requests of a page.
  if (Date.parse(expiresAt) - Date.parse(r.expires_at) > 60_000)
    db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(expiresAt, hash);
  return { user, csrfToken: r.csrf_token, expiresAt };
}

/** Ends one session; answers the user id it belonged to (null when there was none). */
export function deleteSession(db: Db, token: string): number | null {
  const hash = tokenHash(token);
  const r = db
    .prepare<[string], { user_id: number }>('SELECT user_id FROM sessions WHERE token_hash = ?')
    .get(hash);
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
  return r?.user_id ?? null;
}

/** Drops sessions that have ended (at start and now and then). */
export function purgeExpiredSessions(db: Db, now = new Date()): void {
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
}
