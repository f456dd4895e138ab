// The one place of the audit_log table's SQL (issue 14; Nghị định 30/2020 Phụ lục VI): who viewed,
// downloaded, exported, edited or deleted what, when and from where, and every login. Rows are only
// ever appended (migration 009's triggers refuse UPDATE and DELETE).
import type { AuditAction, AuditEntryDto } from '../../contract/dto.js';
import type { Actor } from '../../contract/request-context.js';
import type { Db } from '../archive/database.js';
import { prepared } from '../archive/prepared.js';

export type { AuditAction } from '../../contract/dto.js';

export interface AuditEntry {
  actor: Pick<Actor, 'id' | 'displayName'>;
  action: AuditAction;
  documentId?: number | null;
  remoteAddress?: string | null;
  /** A short machine-readable note (the method, the fields changed, the job id). */
  detail?: string | null;
}

/** A row as stored (the account's current user name is the contract's to add). */
export type AuditRow = Omit<AuditEntryDto, 'username'>;

export interface AuditFilter {
  /** An actor id ('local', 'user:<id>'). */
  actor?: string;
  documentId?: number;
  action?: AuditAction;
  /** ISO time; rows at or after it. */
  since?: string;
  /** ISO time; rows before it. */
  until?: string;
  limit?: number;
  offset?: number;
}

const INSERT = `INSERT INTO audit_log (at, actor, actor_name, action, document_id, remote_address, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

export function appendAudit(db: Db, entry: AuditEntry, at: Date = new Date()): void {
  appendAuditRows(db, [entry], at);
}

/** Several rows at once (an export's documents), one prepared statement; the caller's transaction. */
export function appendAuditRows(db: Db, entries: readonly AuditEntry[], at: Date = new Date()): void {
  const insert = prepared(db, INSERT);
  const when = at.toISOString();
  for (const entry of entries)
    insert.run(
      when,
      entry.actor.id,
      entry.actor.displayName,
      entry.action,
      entry.documentId ?? null,
      entry.remoteAddress ?? null,
      entry.detail ?? null,
    );
}

function whereOf(filter: AuditFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    args.push(value);
  };
  if (filter.actor !== undefined) add('a.actor = ?', filter.actor);
  if (filter.documentId !== undefined) add('a.document_id = ?', filter.documentId);
  if (filter.action !== undefined) add('a.action = ?', filter.action);
  if (filter.since !== undefined) add('a.at >= ?', filter.since);
  if (filter.until !== undefined) add('a.at < ?', filter.until);
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', args };
}

/**
 * Newest first, with the document's số ký hiệu when it is known: from the archive, else from its
 * trash entry (a purged document keeps only its id here).
 */
export function listAudit(db: Db, filter: AuditFilter = {}): AuditRow[] {
  const { sql: where, args } = whereOf(filter);
  const sql = `SELECT a.id, a.at, a.actor, a.actor_name AS actorName, a.action, a.document_id AS documentId,
      COALESCE(d.number, (SELECT t.number FROM trash t WHERE t.document_id = a.document_id
        ORDER BY t.id DESC LIMIT 1)) AS documentNumber,
      a.remote_address AS remoteAddress, a.detail
    FROM audit_log a LEFT JOIN documents d ON d.id = a.document_id
    ${where}
    ORDER BY a.id DESC LIMIT ? OFFSET ?`;
  const limit = Math.max(1, Math.min(filter.limit ?? 1000, 100_000));
  return db.prepare(sql).all(...args, limit, Math.max(0, filter.offset ?? 0)) as AuditRow[];
}

export function countAudit(db: Db, filter: AuditFilter = {}): number {
  const { sql: where, args } = whereOf(filter);
  return db
    .prepare(`SELECT count(*) FROM audit_log a ${where}`)
    .pluck()
    .get(...args) as number;
}
