// The one place of the audit_log table's SQL (issue 14; Nghị định 30/2020 Phụ lục VI): who viewed,
// downloaded, exported, edited or deleted what, when and from where, and every login. Rows are only
// ever appended (migration 009's triggers refuse UPDATE and DELETE).
import type { Actor } from '../../contract/request-context.js';
import type { Db } from '../archive/database.js';

/** What happened. Login rows carry the typed user name in `detail` when no account matched. */
export type AuditAction =
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'view'
  | 'download'
  | 'print'
  | 'export'
  | 'import'
  | 'edit'
  | 'delete'
  | 'restore'
  | 'purge'
  | 'users';

export interface AuditEntry {
  actor: Pick<Actor, 'id' | 'displayName'>;
  action: AuditAction;
  documentId?: number | null;
  remoteAddress?: string | null;
  /** A short machine-readable note (the method, the fields changed, the job id). */
  detail?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actorName: string;
  action: string;
  documentId: number | null;
  remoteAddress: string | null;
  detail: string | null;
}

export interface AuditFilter {
  /** An actor id ('local', 'user:<id>'). */
  actor?: string;
  documentId?: number;
  /** ISO time; rows at or after it. */
  since?: string;
  limit?: number;
}

export function appendAudit(db: Db, entry: AuditEntry, at: Date = new Date()): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, actor_name, action, document_id, remote_address, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    at.toISOString(),
    entry.actor.id,
    entry.actor.displayName,
    entry.action,
    entry.documentId ?? null,
    entry.remoteAddress ?? null,
    entry.detail ?? null,
  );
}

/** Newest first. */
export function listAudit(db: Db, filter: AuditFilter = {}): AuditRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.actor !== undefined) {
    where.push('actor = ?');
    args.push(filter.actor);
  }
  if (filter.documentId !== undefined) {
    where.push('document_id = ?');
    args.push(filter.documentId);
  }
  if (filter.since !== undefined) {
    where.push('at >= ?');
    args.push(filter.since);
  }
  const sql = `SELECT id, at, actor, actor_name AS actorName, action, document_id AS documentId,
      remote_address AS remoteAddress, detail
    FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY id DESC LIMIT ?`;
  return db.prepare(sql).all(...args, Math.max(1, Math.min(filter.limit ?? 1000, 100_000))) as AuditRow[];
}
