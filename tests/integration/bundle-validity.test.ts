// A person's word on validity (document_validity, issue 12) travels in document bundles: exported with
// who and when, imported into a new archive identical, filled into a copy of the document that has
// none, and never over one said in the receiving archive.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { allDocumentIds, getDocument, setDocumentValidity } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { makePdf } from '../helpers/make-pdf.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

let tmp: TempDir;
const opened: Archive[] = [];
const open = (name: string) => {
  const x = openArchive(join(tmp.dir, name));
  opened.push(x);
  return x;
};

async function seed(archive: Archive): Promise<Map<string, number>> {
  const docs = [
    ['uid-qd-12', '12/2020/QĐ-UBND', 'Ban hành Quy chế công tác văn thư, lưu trữ'],
    ['uid-qd-30', '30/2024/QĐ-UBND', 'Ban hành Quy chế công tác văn thư, lưu trữ mới'],
  ] as const;
  const out = [];
  for (const [uid, number, title] of docs)
    out.push({
      uid,
      title,
      number,
      docType: 'Quyết định',
      issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      files: [
        {
          name: `${uid}.pdf`,
          bytes: await makePdf([[`Số: ${number}`, title]]),
          mediaType: 'application/pdf',
        },
      ],
    });
  return seedArchive(archive, out);
}

const overrideOf = (archive: Archive, id: number) => getDocument(archive.db, id)!.validity.override;

beforeEach(async () => {
  tmp = await makeTempDir('vankho-bundle-validity-');
});
afterEach(async () => {
  for (const x of opened.splice(0)) x.close();
  await tmp.cleanup();
});

describe('validity overrides in bundles', () => {
  it('round trip into a new archive keeps status, note, who and when', async () => {
    const a = open('A');
    const ids = await seed(a);
    setDocumentValidity(
      a,
      ids.get('uid-qd-12')!,
      { status: 'no-longer-in-force', note: 'Hết hiệu lực từ 01/6/2024' },
      'văn thư',
    );
    const set = overrideOf(a, ids.get('uid-qd-12')!)!;
    expect(set).toMatchObject({ status: 'no-longer-in-force', setBy: 'văn thư' });

    const out = join(tmp.dir, 'goi.zip');
    await exportBundle(exportSourceOf(a), {
      ids: allDocumentIds(a.db),
      out,
      title: 'Kho',
      selection: { kind: 'all', value: null },
    });
    const b = open('B');
    const r = await importBundle(b, out);
    expect([r.added, r.merged, r.skipped]).toEqual([2, 0, 0]);
    expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    const idB = b.db.prepare("SELECT id FROM documents WHERE uid = 'uid-qd-12'").pluck().get() as number;
    expect(overrideOf(b, idB)).toEqual(set);
    expect(getDocument(b.db, idB)!.validity.status).toBe('no-longer-in-force');
    const other = b.db.prepare("SELECT id FROM documents WHERE uid = 'uid-qd-30'").pluck().get() as number;
    expect(overrideOf(b, other)).toBeNull();
    // Again: nothing new.
    const r2 = await importBundle(b, out);
    expect([r2.added, r2.merged, r2.skipped]).toEqual([0, 0, 2]);
  });

  it('fills in where the receiving copy has none, and keeps one said there', async () => {
    const a = open('A');
    const ids = await seed(a);
    setDocumentValidity(a, ids.get('uid-qd-12')!, { status: 'replaced', note: '' }, 'A');
    setDocumentValidity(a, ids.get('uid-qd-30')!, { status: 'amended', note: 'theo A' }, 'A');
    const out = join(tmp.dir, 'goi.zip');
    await exportBundle(exportSourceOf(a), {
      ids: allDocumentIds(a.db),
      out,
      title: 'Kho',
      selection: { kind: 'all', value: null },
    });

    // B holds the same two documents (same uids, same bytes), one with its own override.
    const b = open('B');
    const idsB = await seed(b);
    setDocumentValidity(b, idsB.get('uid-qd-30')!, { status: 'in-force', note: 'theo B' }, 'B');
    const r = await importBundle(b, out);
    const byUid = new Map(r.outcomes.map((o) => [o.uid, o]));
    expect(byUid.get('uid-qd-12')).toMatchObject({ outcome: 'merged', changes: ['validity'] });
    expect(byUid.get('uid-qd-30')?.outcome).toBe('skipped');
    expect(overrideOf(b, idsB.get('uid-qd-12')!)).toMatchObject({ status: 'replaced', setBy: 'A' });
    expect(overrideOf(b, idsB.get('uid-qd-30')!)).toMatchObject({
      status: 'in-force',
      note: 'theo B',
      setBy: 'B',
    });
  });
});
