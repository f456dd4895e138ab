// What a caller may read (mức độ tiếp cận, issue 12/14): the one place that turns the request's
// Actor.readable, and the grants its account holds directly or through its units (migration 014),
// into filters. Every read path (search, lists, detail, files, relations, hồ sơ
// contents, exports) asks here, so a document a caller may not read is absent everywhere and a
// direct id answers NOT_FOUND (never FORBIDDEN: that would say the document exists).
import { appError } from '../../contract/errors.js';
import { RECORD_ACCESS_LEVELS, type SecrecyLevel } from '../../contract/dto.js';
import { levelChoices, parseAccessLevel, parseSecrecyLevel } from '../../contract/glossary.js';
import type { AccessLevel, Actor } from '../../contract/request-context.js';
import type { Db } from './database.js';
import { prepared } from './prepared.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** The levels a caller reads; `all` lets every path skip its filter (the local person, admins). */
export interface ReadScope {
  readonly all: boolean;
  readonly levels: ReadonlySet<AccessLevel>;
  /** The account whose grants (its own and its units') open documents and hồ sơ beyond `levels`. */
  readonly userId: number | null;
}

/** Reads every level: what a caller without an account (the CLI, the desktop app) gets. */
export const READ_ALL: ReadScope = Object.freeze({
  all: true,
  levels: new Set(RECORD_ACCESS_LEVELS),
  userId: null,
});

export function readScope(readable: readonly AccessLevel[], userId: number | null = null): ReadScope {
  // Only known codes and an integer id: they are written into SQL below, so nothing else may pass.
  const levels = new Set(RECORD_ACCESS_LEVELS.filter((l) => readable.includes(l)));
  if (levels.size === RECORD_ACCESS_LEVELS.length) return READ_ALL;
  const id = userId !== null && Number.isSafeInteger(userId) && userId > 0 ? userId : null;
  return Object.freeze({ all: false, levels, userId: id });
}

const ACCOUNT_ACTOR = /^user:([1-9][0-9]*)$/;

/** The actor id of an office account (users.id), as requests and the audit log carry it. */
export function accountActorId(userId: number): string {
  return `user:${userId}`;
}

/** The users.id of an account actor, null for the local person. */
export function accountIdOf(actor: Pick<Actor, 'id'>): number | null {
  const m = ACCOUNT_ACTOR.exec(actor.id);
  return m ? Number(m[1]) : null;
}

/** A level as people type it (the glossary's one parser), or INVALID_INPUT naming the choices. */
export function requireAccessLevel(value: string): AccessLevel {
  const level = parseAccessLevel(value);
  if (level === null) throw new VanKhoError(appError('INVALID_INPUT', `${levelChoices('access')}: ${value}`));
  return level;
}

/** The same for độ mật. */
export function requireSecrecyLevel(value: string): SecrecyLevel {
  const level = parseSecrecyLevel(value);
  if (level === null)
    throw new VanKhoError(appError('INVALID_INPUT', `${levelChoices('secrecy')}: ${value}`));
  return level;
}

export function scopeOf(actor: Pick<Actor, 'readable' | 'id'>): ReadScope {
  return readScope(actor.readable, accountIdOf(actor));
}

/** The scope with one level less (an export leaving mật out), keeping the account's grants. */
export function withoutLevel(scope: ReadScope, level: AccessLevel): ReadScope {
  return readScope(
    [...scope.levels].filter((l) => l !== level),
    scope.all ? null : scope.userId,
  );
}

/**
 * A SQL condition on a documents row (alias `d` by default) or '' when the caller reads all, to AND
 * into a WHERE. The levels are the closed set of codes, so they are written as literals.
 */
export function accessCondition(scope: ReadScope, alias = 'd'): string {
  return documentCondition(scope, `${alias}.id`, `${alias}.access`);
}

/**
 * The same on any SQL expressions giving a document's id and level (a register row's document,
 * possibly in the trash): its level is read, or a grant covers the id.
 */
export function documentCondition(scope: ReadScope, idSql: string, levelSql: string): string {
  return withGrant(scope, levelSql, idSql, 'SELECT document_id FROM user_granted_documents');
}

/** A hồ sơ row (alias `r`): its level is read, or a grant to the account or one of its units. */
export function recordCondition(scope: ReadScope, alias = 'r'): string {
  return withGrant(scope, `${alias}.access`, `${alias}.id`, 'SELECT record_id FROM user_granted_records');
}

function withGrant(scope: ReadScope, levelSql: string, idSql: string, grantedSql: string): string {
  const level = levelCondition(scope, levelSql);
  if (level === '' || scope.userId === null) return level;
  const granted = `${idSql} IN (${grantedSql} WHERE user_id = ${scope.userId})`;
  return level === '0' ? granted : `(${level} OR ${granted})`;
}

/**
 * The condition on a level alone, for what no grant reaches (a trash snapshot: its grants went
 * with the live rows): '' when the caller reads all.
 */
export function levelCondition(scope: ReadScope, levelSql: string): string {
  if (scope.all) return '';
  if (scope.levels.size === 0) return '0';
  return `${levelSql} IN (${[...scope.levels].map((l) => `'${l}'`).join(', ')})`;
}

const and = (c: string): string => (c === '' ? '' : ` AND ${c}`);

/** `AND <level condition>` to append to a WHERE, or '' when the caller reads all. */
export function andReadable(scope: ReadScope, levelSql: string): string {
  return and(levelCondition(scope, levelSql));
}

/** `AND <accessCondition>` for a documents row. */
export function andReadableDocument(scope: ReadScope, alias = 'd'): string {
  return and(accessCondition(scope, alias));
}

/** `AND <recordCondition>` for a hồ sơ row. */
export function andReadableRecord(scope: ReadScope, alias = 'r'): string {
  return and(recordCondition(scope, alias));
}

// Statements below are prepared once per connection (prepared.ts): every search, detail and file
// of a signed-in reader asks, and preparing cost more than the lookup. Their SQL varies only by the
// closed set of levels and the account id, so a connection holds a few per account.

/**
 * The same rule in memory, for the search engine's attribute store: null when the caller reads
 * all, else a test on a document's id and level (the grants read once, here).
 */
export function readableTest(db: Db, scope: ReadScope): ((id: number, level: AccessLevel) => boolean) | null {
  if (scope.all) return null;
  const granted =
    scope.userId === null
      ? new Set<number>()
      : new Set(
          prepared(db, 'SELECT document_id FROM user_granted_documents WHERE user_id = ?')
            .pluck()
            .all(scope.userId) as number[],
        );
  return (id, level) => scope.levels.has(level) || granted.has(id);
}

/** The document exists and the caller may read it. */
export function mayReadDocument(db: Db, scope: ReadScope, documentId: number): boolean {
  return (
    prepared(db, `SELECT 1 FROM documents d WHERE d.id = ?${andReadableDocument(scope)}`)
      .pluck()
      .get(documentId) !== undefined
  );
}

/** NOT_FOUND unless the caller may read the document (absent and unreadable look the same). */
export function requireReadableDocument(db: Db, scope: ReadScope, documentId: number): void {
  if (!mayReadDocument(db, scope, documentId))
    throw new VanKhoError(appError('NOT_FOUND', `document #${documentId}`));
}

/** NOT_FOUND unless the stored file's document is one the caller may read. */
export function requireReadableFile(db: Db, scope: ReadScope, fileId: number): void {
  const found = prepared(
    db,
    `SELECT 1 FROM files f JOIN documents d ON d.id = f.document_id WHERE f.id = ?${andReadableDocument(scope)}`,
  )
    .pluck()
    .get(fileId);
  if (found === undefined) throw new VanKhoError(appError('NOT_FOUND', `file #${fileId}`));
}

/**
 * The documents the caller may not read, in one query. A caller reading công khai (every account
 * today) only scans the few non-public documents (the partial index); empty when it reads all.
 */
export function hiddenDocumentIds(db: Db, scope: ReadScope): ReadonlySet<number> {
  if (scope.all) return new Set();
  const onlyNonPublic = scope.levels.has('cong-khai') ? "d.access <> 'cong-khai' AND " : '';
  const sql = `SELECT d.id FROM documents d WHERE ${onlyNonPublic}NOT (${accessCondition(scope)})`;
  return new Set(prepared(db, sql).pluck().all() as number[]);
}

/** `items` without those whose document the caller may not read, in their order. */
export function readableOnly<T>(
  db: Db,
  scope: ReadScope,
  items: readonly T[],
  idOf: (t: T) => number | null,
): T[] {
  if (scope.all) return [...items];
  const hidden = hiddenDocumentIds(db, scope);
  return items.filter((t) => {
    const id = idOf(t);
    return id === null || !hidden.has(id);
  });
}

/** The mật documents: an export leaves them out unless it asks for them. */
export function secretDocumentIds(db: Db): number[] {
  return db.prepare<[], number>(`SELECT id FROM documents WHERE access = 'mat'`).pluck().all();
}
