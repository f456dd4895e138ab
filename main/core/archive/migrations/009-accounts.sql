-- Office server (issue 14): accounts, their sessions and an append-only audit log, kept in the
-- archive itself so a backup carries who could do what and who did what.

-- password_hash holds the scheme and its parameters with the hash ("scrypt$N$r$p$salt$hash"), so
-- the cost can be raised later without breaking stored accounts. readable: JSON array of the access
-- levels this account may read beyond its role's default (a reader reads 'cong-khai' only unless
-- granted more). failed_logins / locked_until: lockout after repeated wrong passwords.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'archivist', 'reader')),
  password_hash TEXT NOT NULL,
  readable TEXT NOT NULL DEFAULT '[]',
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Only the SHA-256 of a session token is stored: a copy of the database does not sign anyone in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remote_address TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Who did what to which document, when, from where (Nghị định 30/2020 Phụ lục VI). actor is the
-- actor id ('local' or 'user:<id>'), actor_name the name shown at that time (an account may be
-- renamed later); username is the name typed at a failed login (no account may exist).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  document_id INTEGER,
  remote_address TEXT,
  detail TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_document ON audit_log(document_id);

-- Append-only: the log is evidence, so no row may change or go, whoever holds the database.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
