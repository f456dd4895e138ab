import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  lstatSync,
  readdirSync,
  realpathSync,
  statSync,
  type PathLike,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CheckProblem as ContractCheckProblem, CheckReportDto } from '../../contract/dto.js';
import { openArchive, type Archive } from './archive.js';
import { findOrphanFiles, findRedundantQuarantined, QUARANTINE_DIR } from './archive-sweep.js';
import { SCHEMA_VERSION } from './database.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { damageAdvice, quickCheck, reportFromLines } from './integrity.js';
import { runningImportBatches } from './import-log-repo.js';

/** A problem found by the doctor (shape of the contract's CheckProblem, plus the ids it concerns). */
export interface CheckProblem extends ContractCheckProblem {
  /** Stable machine code: db_integrity, foreign_key, schema_version, document_without_file,
   * file_missing, file_not_regular, file_outside_archive, file_size, file_hash, file_unreadable,
   * orphan_file, staging_leftover, quarantine_present, import_stuck. */
  code: string;
  documentId?: number;
  sha256?: string;
}

export interface CheckReport extends CheckReportDto {
  problems: CheckProblem[];
  schemaVersion: number;
  /** documents, files, filesHashed, errors, warnings; quarantineRedundant: quarantined files
   * byte-identical to a referenced original (not a warning: the next writable open deletes them). */
  counts: Record<
    'documents' | 'files' | 'filesHashed' | 'errors' | 'warnings' | 'quarantineRedundant',
    number
  >;
}

export interface CheckOptions {
  /** Full: integrity_check and SHA-256 of every original; light: quick_check and sizes only. */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * True when the archive in `dir` opens (read-only, without its lock) and its database passes
 * quick_check: nothing to recover. False when it is damaged; other failures (no archive there, a
 * newer schema) are thrown as they are.
 */
export function archiveLooksHealthy(dir: string): boolean {
  try {
    const a = openArchive(dir, { readonly: true });
    try {
      return quickCheck(a.db).ok;
    } finally {
      a.close();
    }
  } catch (e) {
    if (e instanceof VanKhoError && e.appError.code === 'ARCHIVE_CORRUPT') return false;
    throw e;
  }
}

/**
 * The archive doctor (reliability.md §8): SQLite integrity and foreign keys, schema version, every
 * original present, a regular file inside the archive, right size and (full) right SHA-256, orphan
 * files, staging/quarantine leftovers, import batches stuck in 'running'. Never mutates anything.
 */
export async function checkArchive(archive: Archive, opts: CheckOptions = {}): Promise<CheckReport> {
  const full = opts.full ?? true;
  const db = archive.db;
  const problems: CheckProblem[] = [];
  const add = (p: Omit<CheckProblem, 'detail'> & { detail?: string }): void => {
    problems.push({ ...p, detail: p.detail ?? null });
  };

  let integrityLines: string[];
  try {
    integrityLines = (
      db.pragma(full ? 'integrity_check' : 'quick_check', { simple: false }) as Array<Record<string, string>>
    ).map((r) => Object.values(r)[0] ?? '');
  } catch {
    // integrity_check gives up on some damage ("malformed") that quick_check still describes.
    integrityLines = quickCheck(db).lines;
  }
  if (!(integrityLines.length === 1 && integrityLines[0] === 'ok')) {
    const lines = integrityLines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.trim() !== '' && !l.startsWith('***'));
    for (const line of lines.slice(0, 20)) {
      add({
        severity: 'error',
        code: 'db_integrity',
        message: { vi: `Cơ sở dữ liệu bị lỗi: ${line}`, en: `Database integrity problem: ${line}` },
      });
    }
    // What is damaged and what to do: an index only → reindex; data → restore or recover.
    const damage = reportFromLines(db, integrityLines);
    add({
      severity: 'error',
      code: damage.indexOnly ? 'db_index_damaged' : 'db_data_damaged',
      message: damageAdvice(damage),
    });
  }
  let fk: Array<{ table: string; rowid: number; parent: string }> = [];
  try {
    fk = db.pragma('foreign_key_check') as typeof fk;
  } catch {
    // a damaged table cannot be walked; that damage is reported above
  }
  for (const r of fk.slice(0, 50)) {
    add({
      severity: 'error',
      code: 'foreign_key',
      message: {
        vi: `Bảng ${r.table} dòng ${r.rowid} trỏ tới ${r.parent} không tồn tại`,
        en: `Table ${r.table} row ${r.rowid} points to a missing ${r.parent}`,
      },
    });
  }
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  if (schemaVersion !== SCHEMA_VERSION) {
    add({
      severity: 'error',
      code: 'schema_version',
      message: {
        vi: `Phiên bản lược đồ ${schemaVersion}, ứng dụng cần ${SCHEMA_VERSION}`,
        en: `Schema version ${schemaVersion}, the app expects ${SCHEMA_VERSION}`,
      },
    });
  }

  const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const docsWithoutFile = db
    .prepare('SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id)')
    .pluck()
    .all() as number[];
  for (const id of docsWithoutFile) {
    add({
      severity: 'error',
      code: 'document_without_file',
      documentId: id,
      message: { vi: `Văn bản #${id} không có tệp gốc`, en: `Document #${id} has no original file` },
    });
  }

  const rows = db.prepare('SELECT id, document_id, sha256, size FROM files ORDER BY id').all() as Array<{
    id: number;
    document_id: number;
    sha256: string;
    size: number;
  }>;
  const rootReal = existsSync(archive.files.root) ? realpathSync(archive.files.root) : archive.files.root;
  let filesHashed = 0;
  let done = 0;
  for (const f of rows) {
    opts.signal?.throwIfAborted();
    const ctx = { documentId: f.document_id, sha256: f.sha256 };
    const p = archive.files.pathOf(f.sha256);
    done++;
    opts.onProgress?.(done, rows.length);
    if (!existsSync(p)) {
      add({
        ...ctx,
        severity: 'error',
        code: 'file_missing',
        detail: p,
        message: {
          vi: `Thiếu tệp gốc của văn bản #${f.document_id}`,
          en: `Original of document #${f.document_id} is missing`,
        },
      });
      continue;
    }
    const lst = lstatSync(p);
    if (!lst.isFile()) {
      add({
        ...ctx,
        severity: 'error',
        code: 'file_not_regular',
        detail: p,
        message: { vi: `Tệp gốc không phải tệp thường: ${p}`, en: `Original is not a regular file: ${p}` },
      });
      continue;
    }
    const real = realpathSync(p);
    if (!(real === rootReal || real.startsWith(rootReal + sep))) {
      add({
        ...ctx,
        severity: 'error',
        code: 'file_outside_archive',
        detail: p,
        message: { vi: `Tệp gốc nằm ngoài kho: ${real}`, en: `Original lies outside the archive: ${real}` },
      });
      continue;
    }
    if (lst.size !== f.size) {
      add({
        ...ctx,
        severity: 'error',
        code: 'file_size',
        detail: p,
        message: {
          vi: `Kích thước tệp gốc của văn bản #${f.document_id} sai (${lst.size} ≠ ${f.size})`,
          en: `Original of document #${f.document_id} has the wrong size (${lst.size} ≠ ${f.size})`,
        },
      });
      continue;
    }
    if (full) {
      try {
        const sha = await sha256File(p, opts.signal);
        filesHashed++;
        if (sha !== f.sha256) {
          add({
            ...ctx,
            severity: 'error',
            code: 'file_hash',
            detail: p,
            message: {
              vi: `Tệp gốc của văn bản #${f.document_id} đã bị thay đổi (SHA-256 không khớp)`,
              en: `Original of document #${f.document_id} was altered (SHA-256 mismatch)`,
            },
          });
        }
      } catch (e) {
        if (opts.signal?.aborted) throw e;
        add({
          ...ctx,
          severity: 'error',
          code: 'file_unreadable',
          detail: p,
          message: { vi: `Không đọc được tệp gốc: ${p}`, en: `Cannot read the original: ${p}` },
        });
      }
    }
  }

  // Originals of documents in the trash: while the trash holds them they must be there to restore.
  const hasTrash = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trash_files'`)
    .get();
  const trashFiles = hasTrash
    ? (db
        .prepare(
          `SELECT t.trash_id, t.sha256, t.size, x.document_id FROM trash_files t JOIN trash x ON x.id = t.trash_id
           WHERE t.sha256 NOT IN (SELECT sha256 FROM files) ORDER BY t.trash_id`,
        )
        .all() as Array<{ trash_id: number; sha256: string; size: number; document_id: number }>)
    : [];
  for (const t of trashFiles) {
    const p = archive.files.pathOf(t.sha256);
    const size = existsSync(p) ? statSync(p).size : null;
    if (size === t.size) continue;
    add({
      sha256: t.sha256,
      severity: 'error',
      code: 'trash_file_missing',
      detail: p,
      message: {
        vi: `Thiếu tệp gốc của văn bản #${t.document_id} trong thùng rác (mục ${t.trash_id}): không khôi phục được đầy đủ`,
        en: `Original of document #${t.document_id} in the trash (entry ${t.trash_id}) is missing or damaged: it cannot be restored whole`,
      },
    });
  }

  for (const abs of findOrphanFiles(db, archive.files)) {
    add({
      severity: 'warning',
      code: 'orphan_file',
      detail: relative(archive.dir, abs),
      message: {
        vi: `Tệp không thuộc văn bản nào: ${relative(archive.dir, abs)}`,
        en: `File not referenced by any document: ${relative(archive.dir, abs)}`,
      },
    });
  }
  if (existsSync(archive.files.stagingDir)) {
    for (const name of readdirSync(archive.files.stagingDir)) {
      const age = Math.round((Date.now() - statSync(join(archive.files.stagingDir, name)).mtimeMs) / 60000);
      add({
        severity: 'warning',
        code: 'staging_leftover',
        detail: join('staging', name),
        message: {
          vi: `Tệp tạm còn sót (${age} phút): staging/${name}`,
          en: `Staging leftover (${age} min old): staging/${name}`,
        },
      });
    }
  }
  const qdir = join(archive.dir, QUARANTINE_DIR);
  let quarantineRedundant = 0;
  if (existsSync(qdir)) {
    // Copies whose bytes are in the store under a row (a killed import's original, stored again by
    // the re-import) need no review: counted, not warned about.
    quarantineRedundant = findRedundantQuarantined(archive.dir, db, archive.files).length;
    const count = countFiles(qdir) - quarantineRedundant;
    if (count > 0) {
      add({
        severity: 'warning',
        code: 'quarantine_present',
        detail: QUARANTINE_DIR,
        message: {
          vi: `${count} tệp trong thư mục cách ly (${QUARANTINE_DIR}/) chờ xem xét`,
          en: `${count} file(s) in the quarantine folder (${QUARANTINE_DIR}/) await review`,
        },
      });
    }
  }
  const stuck = runningImportBatches(db);
  for (const id of stuck) {
    // We hold the archive lock, so no import is running: a 'running' batch was interrupted.
    add({
      severity: 'warning',
      code: 'import_stuck',
      message: {
        vi: `Lần nhập #${id} bị gián đoạn (các tệp đã nhập xong vẫn còn nguyên)`,
        en: `Import batch #${id} was interrupted (files it completed are intact)`,
      },
    });
  }

  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    ok: errors === 0,
    full,
    checkedAt: new Date().toISOString(),
    schemaVersion,
    counts: {
      documents,
      files: rows.length,
      filesHashed,
      errors,
      warnings: problems.length - errors,
      quarantineRedundant,
    },
    problems,
  };
}

export async function sha256File(path: PathLike, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, signal ? { signal } : {});
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    n += statSync(abs).isDirectory() ? countFiles(abs) : 1;
  }
  return n;
}
