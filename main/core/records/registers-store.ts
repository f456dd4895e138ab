// Sổ đăng ký văn bản đến / đi (Nghị định 30/2020 Điều 15, Phụ lục IV): the one module holding the SQL of
// `register_entries` (migrations/005-records.sql). Numbers (số đến, số đi) run from 1 per register
// (book + series) per year, starting again on 1 January; the next number is taken inside the write
// transaction that inserts the row (one writer at a time: no duplicates), and rows are never deleted
// (no gaps). A row copies the document's metadata when it is registered: the register keeps what was
// registered even if the document is edited or deleted later.
import { appError } from '../../contract/errors.js';
import { parseUserDate } from '../../contract/dates.js';
import { REGISTER_URGENCIES } from '../../contract/dto.js';
import {
  BOOK_LABELS,
  formatSeq,
  seriesClash,
  URGENCY_LABELS,
  urgencyOf,
} from '../../contract/register-labels.js';
import { documentCondition, READ_ALL, type ReadScope } from '../archive/access.js';
import type { Archive, Db } from '../archive/archive.js';
import { trashedLevelSql } from '../archive/trash.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { parseDocNumbers, PARTY_TYPE_CODES, STATE_TYPE_CODES } from '../text/doc-number.js';

export type RegisterBook = 'in' | 'out';
export { BOOK_LABELS, URGENCY_LABELS, formatSeq };

/** Độ khẩn (Nghị định 30 Điều 8): khẩn, thượng khẩn, hỏa tốc; none for ordinary documents. */
export const URGENCIES = REGISTER_URGENCIES;
export type Urgency = (typeof URGENCIES)[number];

export interface RegisterEntry {
  id: number;
  book: RegisterBook;
  series: string;
  year: number;
  /** Số đến / số đi, from 1 each year; shown two digits at least ("01"). */
  seq: number;
  entryDate: string;
  documentId: number | null;
  documentUid: string | null;
  number: string | null;
  docDate: string | null;
  docType: string | null;
  summary: string;
  sender: string | null;
  receiver: string | null;
  dueDate: string | null;
  urgency: Urgency | null;
  signer: string | null;
  recipients: string | null;
  copies: number | null;
  notes: string;
  createdAt: string;
  /** Who entered it (actor id); null before schema 8. */
  registeredBy: string | null;
}

export interface RegisterInput {
  book: RegisterBook;
  documentId: number;
  /** Which sổ of the book ('' the ordinary one; 'mat' for confidential documents; a type code such as
   * 'QĐ' for an outgoing book numbered per type). Absent: `defaultSeries`. */
  series?: string;
  /** Ngày đến (in) / ngày đăng ký (out); default today (local date). Its year picks the numbering. */
  entryDate?: string;
  receiver?: string;
  dueDate?: string;
  urgency?: Urgency;
  copies?: number;
  notes?: string;
}

const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));
const text = (s: string | null | undefined): string => (s ?? '').normalize('NFC').trim();

/** Today as yyyy-mm-dd in local time (a register follows the office's calendar, not UTC). */
export function localToday(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function parseUrgency(value: string): Urgency {
  const found = urgencyOf(value);
  if (!found)
    throw invalid(
      `độ khẩn: khan, thuong-khan hoặc hoa-toc / urgency: khan, thuong-khan or hoa-toc: ${value}`,
    );
  return found;
}

function fullDate(field: string, v: string): string {
  const iso = parseUserDate(v);
  if (!iso || iso.length !== 10)
    throw invalid(`${field}: ngày không hợp lệ (dd/mm/yyyy) / invalid date: ${v}`);
  return iso;
}

interface EntryRow {
  id: number;
  book: RegisterBook;
  series: string;
  year: number;
  seq: number;
  entry_date: string;
  document_id: number | null;
  document_uid: string | null;
  number: string | null;
  doc_date: string | null;
  doc_type: string | null;
  summary: string;
  sender: string | null;
  receiver: string | null;
  due_date: string | null;
  urgency: Urgency | null;
  signer: string | null;
  recipients: string | null;
  copies: number | null;
  notes: string;
  created_at: string;
  registered_by: string | null;
}

function entryOf(r: EntryRow): RegisterEntry {
  return {
    id: r.id,
    book: r.book,
    series: r.series,
    year: r.year,
    seq: r.seq,
    entryDate: r.entry_date,
    documentId: r.document_id,
    documentUid: r.document_uid,
    number: r.number,
    docDate: r.doc_date,
    docType: r.doc_type,
    summary: r.summary,
    sender: r.sender,
    receiver: r.receiver,
    dueDate: r.due_date,
    urgency: r.urgency,
    signer: r.signer,
    recipients: r.recipients,
    copies: r.copies,
    notes: r.notes,
    createdAt: r.created_at,
    registeredBy: r.registered_by,
  };
}

/** The series of mật documents in either book. */
export const SECRET_SERIES = 'mat';

/** Every type code a document number can carry (state codes, then the Party's own), with its name. */
const TYPE_SERIES: ReadonlyArray<{ series: string; name: string }> = [
  ...Object.entries(STATE_TYPE_CODES),
  ...Object.entries(PARTY_TYPE_CODES).filter(([code]) => !(code in STATE_TYPE_CODES)),
].map(([series, name]) => ({ series, name }));

/**
 * The type code of a document: the one its số ký hiệu carries (1520/QĐ-UBND → QĐ, a state công văn
 * 123/UBND-VP → CV, 04-CTr/QU → CTr), else the code of its loại văn bản's name; null for neither.
 */
export function typeCodeOf(number: string | null, docType: string | null): string | null {
  const parsed = number ? parseDocNumbers(number)[0] : undefined;
  if (parsed?.typeCode) return parsed.typeCode;
  const name = text(docType).toLocaleLowerCase('vi');
  if (!name) return null;
  return TYPE_SERIES.find((t) => t.name.toLocaleLowerCase('vi') === name)?.series ?? null;
}

interface SeriesDoc {
  access: string;
  number: string | null;
  doc_type: string | null;
}

/**
 * The sổ a document goes to when the caller names none. Mật documents have their own series in both
 * books (Nghị định 30 Điều 15), so the ordinary register shows no gap where a caller who may not read
 * them would see one. Incoming documents are numbered in one register ('') by ngày đến. An outgoing
 * document follows how this office numbered its type before (the series of the last outgoing row of the
 * same loại văn bản: an office keeping one sổ đi stays with it once chosen), else its type's own series
 * (QĐ, CV, TB…: số văn bản runs per type, a number + ký hiệu unique within the year), else the ordinary one.
 */
export function defaultSeries(db: Db, book: RegisterBook, doc: SeriesDoc): string {
  if (doc.access === 'mat') return SECRET_SERIES;
  if (book === 'in') return '';
  if (doc.doc_type) {
    const before = db
      .prepare<[string, string], string>(
        `SELECT series FROM register_entries WHERE book = 'out' AND doc_type = ? AND series != ?
         ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(doc.doc_type, SECRET_SERIES);
    if (before !== undefined) return before;
  }
  return typeCodeOf(doc.number, doc.doc_type) ?? '';
}

export interface RegisterSeries {
  /** '' the ordinary sổ, 'mat', a type code or a name the office gave. */
  series: string;
  /** The loại văn bản a type code stands for (Quyết định); null for other series. */
  typeName: string | null;
  /** Rows of the book in it that the caller may read (any year). */
  rows: number;
}

/** The series every book offers before it uses any: the ordinary one, mật, and for sổ đi each type code. */
function offeredSeries(book: RegisterBook): string[] {
  return ['', SECRET_SERIES, ...(book === 'out' ? TYPE_SERIES.map((t) => t.series) : [])];
}

/** A series named by the caller: one the book has or offers, or a new one that is not one of those mistyped. */
function chosenSeries(db: Db, book: RegisterBook, name: string): string {
  const series = text(name);
  const used = db
    .prepare<[string], string>('SELECT DISTINCT series FROM register_entries WHERE book = ?')
    .pluck()
    .all(book);
  const known = [...new Set([...used, ...offeredSeries(book)])];
  if (known.includes(series)) return series;
  const clash = seriesClash(series, known);
  if (clash !== null)
    throw invalid(
      `sổ "${series}" trùng với sổ "${clash || 'chung'}" đã có / series "${series}" is the existing series "${clash || 'ordinary'}"`,
    );
  return series;
}

/**
 * The series a person can choose for a book: the ordinary one and mật, those the book already uses
 * (rows the caller may read), and for the outgoing book every type code; with the one `doc` would go
 * to when none is chosen (`defaultSeries`). Those in use come first, the most used first.
 */
export function registerSeriesOf(
  db: Db,
  book: RegisterBook,
  documentId: number | undefined,
  scope: ReadScope = READ_ALL,
): { suggested: string | null; series: RegisterSeries[] } {
  const readable = documentCondition(scope, 'e.document_id', ENTRY_LEVEL_SQL);
  const used = db
    .prepare(
      `SELECT series, count(*) AS n FROM register_entries e WHERE book = ?${readable ? ` AND ${readable}` : ''}
       GROUP BY series ORDER BY n DESC, series`,
    )
    .all(book) as Array<{ series: string; n: number }>;
  const nameOf = (series: string): string | null =>
    TYPE_SERIES.find((t) => t.series === series)?.name ?? null;
  const out = new Map<string, RegisterSeries>();
  for (const u of used) out.set(u.series, { series: u.series, typeName: nameOf(u.series), rows: u.n });
  for (const series of offeredSeries(book))
    if (!out.has(series)) out.set(series, { series, typeName: nameOf(series), rows: 0 });
  let suggested: string | null = null;
  if (documentId !== undefined) {
    const doc = db.prepare('SELECT access, number, doc_type FROM documents WHERE id = ?').get(documentId) as
      SeriesDoc | undefined;
    if (!doc) throw new VanKhoError(appError('NOT_FOUND', `document #${documentId}`));
    suggested = defaultSeries(db, book, doc);
    if (!out.has(suggested)) out.set(suggested, { series: suggested, typeName: nameOf(suggested), rows: 0 });
  }
  return { suggested, series: [...out.values()] };
}

/**
 * Registers an imported document in the incoming or outgoing book, filling the row from its metadata
 * (số ký hiệu, ngày, loại, trích yếu, cơ quan ban hành → nơi gửi, người ký, nơi nhận) and giving it
 * the next number of its register for the year of the entry date. A document is registered once
 * per book.
 */
export function registerDocument(
  archive: Archive,
  input: RegisterInput,
  actor: string | null = null,
): RegisterEntry {
  const book = input.book;
  const entryDate = fullDate('ngày đăng ký / entry date', input.entryDate ?? localToday());
  const dueDate = input.dueDate === undefined ? null : fullDate('hạn xử lý / due date', input.dueDate);
  if (input.copies !== undefined && (!Number.isInteger(input.copies) || input.copies < 1))
    throw invalid(`số bản phải là số nguyên dương / copies must be a positive whole number: ${input.copies}`);
  return archive.write((db) => {
    const doc = db
      .prepare(
        `SELECT id, uid, number, issued_date, doc_type, title, issuer, signer, signer_title, recipients, access
         FROM documents WHERE id = ?`,
      )
      .get(input.documentId) as
      | {
          id: number;
          uid: string;
          number: string | null;
          issued_date: string | null;
          doc_type: string | null;
          title: string;
          issuer: string | null;
          signer: string | null;
          signer_title: string | null;
          recipients: string | null;
          access: string;
        }
      | undefined;
    if (!doc) throw new VanKhoError(appError('NOT_FOUND', `document #${input.documentId}`));
    const series =
      input.series !== undefined ? chosenSeries(db, book, input.series) : defaultSeries(db, book, doc);
    const prior = db
      .prepare('SELECT year, seq, series FROM register_entries WHERE book = ? AND document_uid = ?')
      .get(book, doc.uid) as { year: number; seq: number; series: string } | undefined;
    if (prior)
      throw invalid(
        `văn bản #${doc.id} đã vào ${BOOK_LABELS[book].vi.toLocaleLowerCase('vi')} năm ${prior.year}, số ${formatSeq(prior.seq)} / ` +
          `document #${doc.id} is already in the ${BOOK_LABELS[book].en} of ${prior.year} as no. ${formatSeq(prior.seq)}`,
      );
    const year = Number(entryDate.slice(0, 4));
    const seq =
      db
        .prepare<[string, string, number], number>(
          'SELECT coalesce(max(seq), 0) + 1 FROM register_entries WHERE book = ? AND series = ? AND year = ?',
        )
        .pluck()
        .get(book, series, year) ?? 1;
    const signer = [doc.signer_title, doc.signer].filter(Boolean).join(' ') || null;
    const r = db
      .prepare(
        `INSERT INTO register_entries (book, series, year, seq, entry_date, document_id, document_uid, number,
           doc_date, doc_type, summary, sender, receiver, due_date, urgency, signer, recipients, copies, notes,
           created_at, registered_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        book,
        series,
        year,
        seq,
        entryDate,
        doc.id,
        doc.uid,
        doc.number,
        doc.issued_date,
        doc.doc_type,
        doc.title,
        book === 'in' ? doc.issuer : null,
        book === 'in' ? text(input.receiver) || null : null,
        book === 'in' ? dueDate : null,
        input.urgency ?? null,
        book === 'out' ? signer : null,
        book === 'out' ? doc.recipients : null,
        book === 'out' ? (input.copies ?? null) : null,
        text(input.notes),
        new Date().toISOString(),
        actor,
      );
    return entryOf(
      db.prepare('SELECT * FROM register_entries WHERE id = ?').get(r.lastInsertRowid) as EntryRow,
    );
  });
}

export interface ListRegisterOptions {
  book: RegisterBook;
  /** A year, or a period from/to (yyyy-mm-dd, inclusive) of entry dates. */
  year?: number;
  from?: string;
  to?: string;
  series?: string;
}

/**
 * What a register row is about, as a level: its document's, or — the document in the trash — the
 * trashed one's (a row whose document was deleted for good keeps only what the register says).
 */
const ENTRY_LEVEL_SQL = `coalesce((SELECT d.access FROM documents d WHERE d.id = e.document_id),
  ${trashedLevelSql('e.document_uid')}, 'cong-khai')`;

/**
 * A register query's period as entry dates (yyyy-mm-dd, inclusive; null: open), from what a person
 * typed (dd/mm/yyyy or yyyy-mm-dd). Refuses an invalid day or a period that ends before it starts.
 */
export function registerPeriod(opts: Pick<ListRegisterOptions, 'from' | 'to'>): {
  from: string | null;
  to: string | null;
} {
  const from = opts.from === undefined ? null : fullDate('từ ngày / from', opts.from);
  const to = opts.to === undefined ? null : fullDate('đến ngày / to', opts.to);
  if (from !== null && to !== null && from > to)
    throw invalid(`từ ngày sau đến ngày / the period ends before it starts: ${opts.from} – ${opts.to}`);
  return { from, to };
}

/** A register's rows for a year or a period, in number order (year, series, số); those `scope` may read. */
export function listRegister(
  db: Db,
  opts: ListRegisterOptions,
  scope: ReadScope = READ_ALL,
): RegisterEntry[] {
  const where = ['book = ?'];
  const readable = documentCondition(scope, 'e.document_id', ENTRY_LEVEL_SQL);
  if (readable) where.push(readable);
  const params: unknown[] = [opts.book];
  if (opts.year !== undefined) {
    where.push('year = ?');
    params.push(opts.year);
  }
  const period = registerPeriod(opts);
  if (period.from !== null) {
    where.push('entry_date >= ?');
    params.push(period.from);
  }
  if (period.to !== null) {
    where.push('entry_date <= ?');
    params.push(period.to);
  }
  if (opts.series !== undefined) {
    where.push('series = ?');
    params.push(text(opts.series));
  }
  return (
    db
      .prepare(`SELECT * FROM register_entries e WHERE ${where.join(' AND ')} ORDER BY year, series, seq`)
      .all(...params) as EntryRow[]
  ).map(entryOf);
}

/** The register rows of one document (both books). */
export function registrationsOf(db: Db, documentId: number): RegisterEntry[] {
  return (
    db
      .prepare('SELECT * FROM register_entries WHERE document_id = ? ORDER BY book, year, seq')
      .all(documentId) as EntryRow[]
  ).map(entryOf);
}
