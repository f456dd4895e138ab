import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { updateDocumentMetadata } from '../../../main/core/archive/documents-repo.js';
import { readScope, READ_ALL } from '../../../main/core/archive/access.js';
import { findIdentityTwins, identityTwinsOf } from '../../../main/core/archive/identity-twins.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

/** A document row, then its identity set through the edit path (which writes number_key as editing does). */
function addDoc(a: Archive, title: string, number: string, issuer: string, issuedDate: string): number {
  const id = a.write((db) => {
    const now = new Date().toISOString();
    return db
      .prepare(
        `INSERT INTO documents (uid, title, text_status, created_at, updated_at) VALUES (?, ?, 'ok', ?, ?)`,
      )
      .run(randomUUID(), title, now, now).lastInsertRowid as number;
  });
  updateDocumentMetadata(a, id, { number, issuer, issuedDate });
  return id;
}

describe('identity twins (số ký hiệu + cơ quan ban hành + năm)', () => {
  let tmp: TempDir;
  let a: Archive;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-twins-');
    a = openArchive(join(tmp.dir, 'kho'));
  });
  afterEach(async () => {
    a.close();
    await tmp.cleanup();
  });

  it('finds the same number, issuer and year however written, and nothing that differs in one part', () => {
    const first = addDoc(a, 'Bản gốc', '15/QĐ-UBND', 'Ủy ban nhân dân tỉnh Bắc Ninh', '2024-03-05');
    const sameSpelledOtherwise = addDoc(
      a,
      'Bản quét',
      '15/qđ-Ubnd',
      'UỶ BAN NHÂN DÂN TỈNH BẮC NINH',
      '2024-11-20',
    );
    const otherYear = addDoc(a, 'Năm khác', '15/QĐ-UBND', 'Ủy ban nhân dân tỉnh Bắc Ninh', '2023-03-05');
    const otherIssuer = addDoc(a, 'Cơ quan khác', '15/QĐ-UBND', 'Ủy ban nhân dân tỉnh Hà Nam', '2024-03-05');

    expect(identityTwinsOf(a.db, READ_ALL, first)).toEqual([sameSpelledOtherwise]);
    expect(identityTwinsOf(a.db, READ_ALL, sameSpelledOtherwise)).toEqual([first]);
    expect(identityTwinsOf(a.db, READ_ALL, otherYear)).toEqual([]);
    expect(identityTwinsOf(a.db, READ_ALL, otherIssuer)).toEqual([]);
    // An identity about to be imported (no row yet) and an incomplete one.
    expect(
      findIdentityTwins(a.db, READ_ALL, {
        number: '15/QĐ-UBND',
        issuer: 'uy ban nhan dan tinh bac ninh',
        issuedDate: '2024',
      }),
    ).toEqual([first, sameSpelledOtherwise]);
    expect(
      findIdentityTwins(a.db, READ_ALL, { number: '15/QĐ-UBND', issuer: null, issuedDate: '2024-03-05' }),
    ).toEqual([]);
  });

  it('never names a document the caller may not read', () => {
    const open = addDoc(a, 'Công khai', '7/BC-VP', 'Văn phòng Tỉnh ủy', '2025-01-02');
    const secret = addDoc(a, 'Mật', '7/BC-VP', 'Văn phòng Tỉnh ủy', '2025-02-02');
    a.write((db) => db.prepare(`UPDATE documents SET access = 'mat' WHERE id = ?`).run(secret));
    expect(identityTwinsOf(a.db, READ_ALL, open)).toEqual([secret]);
    expect(identityTwinsOf(a.db, readScope(['cong-khai']), open)).toEqual([]);
    expect(identityTwinsOf(a.db, readScope(['cong-khai', 'han-che', 'mat']), open)).toEqual([secret]);
  });
});
