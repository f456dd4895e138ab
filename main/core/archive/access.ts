// What a caller may read (mức độ tiếp cận, issue 12/14): the one place that turns the request's
// Actor.readable into filters. Every read path (search, lists, detail, files, relations, hồ sơ
// contents, exports) asks here, so a document a caller may not read is absent everywhere and a
// direct id answers NOT_FOUND (never FORBIDDEN: that would say the document exists).
import { appError } from '../../contract/errors.js';
import { RECORD_ACCESS_LEVELS, type SecrecyLevel } from '../../contract/dto.js';
import { levelChoices, parseAccessLevel, parseSecrecyLevel } from '../../contract/glossary.js';
import type { AccessLevel, Actor } from '../../contract/request-context.js';
import type { Db } from './database.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** The levels a caller reads; `all` lets every path skip its filter (the local person, admins). */
export interface ReadScope {
  readonly all: boolean;
  readonly levels: ReadonlySet<AccessLevel>;
}

/** Reads every level: what a caller without an account (the CLI, the desktop app) gets. */
export const READ_ALL: ReadScope = Object.freeze({ all: true, levels: new Set(RECORD_ACCESS_LEVELS) });

export function readScope(readable: readonly AccessLevel[]): ReadScope {
  // Only known codes: they are written into SQL below, so nothing else may pass.
  const levels = new Set(RECORD_ACCESS_LEVELS.filter((l) => readable.includes(l)));
  if (levels.size === RECORD_ACCESS_LEVELS.length) return READ_ALL;
  return Object.freeze({ all: false, levels });
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

export function scopeOf(actor: Pick<Actor, 'readable'>): ReadScope {
  return readScope(actor.readable);
}

export function mayReadLevel(scope: ReadScope, level: AccessLevel): boolean {
  return scope.all || scope.levels.has(level);
}

/**
 * A SQL condition on a documents row (alias `d` by default) or '' when the caller reads all, to AND
 * into a WHERE. The levels are the closed set of codes, so they are written as literals.
 */
export function accessCondition(scope: ReadScope, alias = 'd'): string {
  return levelCondition(scope, `${alias}.access`);
}

/**
 * The same condition on any SQL expression giving a level (a hồ sơ's column, a trash snapshot's
 * document): '' when the caller reads all.
 */
export function levelCondition(scope: ReadScope, levelSql: string): string {
  if (scope.all) return '';
  if (scope.levels.size === 0) return '0';
  return `${levelSql} IN (${[...scope.levels].map((l) => `'${l}'`).join(', ')})`;
}

/** `AND <condition>` to append to a WHERE, or '' when the caller reads all. */
export function andReadable(scope: ReadScope, levelSql: string): string {
  const c = levelCondition(scope, levelSql);
  return c === '' ? '' : ` AND ${c}`;
}

/** The document exists and the caller may read it. */
export function mayReadDocument(db: Db, scope: ReadScope, documentId: number): boolean {
  const level = db
    .prepare<[number], string>('SELECT access FROM documents WHERE id = ?')
    .pluck()
    .get(documentId);
  return level !== undefined && mayReadLevel(scope, level as AccessLevel);
}

/** NOT_FOUND unless the caller may read the document (absent and unreadable look the same). */
export function requireReadableDocument(db: Db, scope: ReadScope, documentId: number): void {
  if (!mayReadDocument(db, scope, documentId))
    throw new VanKhoError(appError('NOT_FOUND', `document #${documentId}`));
}

/** NOT_FOUND unless the stored file's document is one the caller may read. */
export function requireReadableFile(db: Db, scope: ReadScope, fileId: number): void {
  const level = db
    .prepare<[number], string>(
      'SELECT d.access FROM files f JOIN documents d ON d.id = f.document_id WHERE f.id = ?',
    )
    .pluck()
    .get(fileId);
  if (level === undefined || !mayReadLevel(scope, level as AccessLevel))
    throw new VanKhoError(appError('NOT_FOUND', `file #${fileId}`));
}

/**
 * The documents the caller may not read, in one query. A caller reading công khai (every account
 * today) only scans the few non-public documents (the partial index); empty when it reads all.
 */
export function hiddenDocumentIds(db: Db, scope: ReadScope): ReadonlySet<number> {
  if (scope.all) return new Set();
  const onlyNonPublic = scope.levels.has('cong-khai') ? "d.access <> 'cong-khai' AND " : '';
  const sql = `SELECT d.id FROM documents d WHERE ${onlyNonPublic}NOT (${accessCondition(scope)})`;
  return new Set(db.prepare<[], number>(sql).pluck().all());
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
