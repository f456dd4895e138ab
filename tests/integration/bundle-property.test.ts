import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { reresolveAutomaticCitations } from '../../main/core/archive/enrich-document.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive, type SeedDoc } from './export-seed.js';

// T-E1 as a property: documents with generated metadata in every column (Vietnamese, emoji,
// decomposed accents, control characters, long text, empty values), generated tags with hierarchy,
// generated relations, arbitrary file bytes and page texts: export → import into a fresh archive
// gives the same archive, field by field and byte by byte; importing again changes nothing.

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    'Quyết định',
    'Quye\u0302\u0301t đi\u0323nh',
    'Đảng ủy 📄',
    '',
    '08/2022/QĐ-TTg',
    'a\u0000b\fc',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
);
const optText = fc.option(text, { nil: null });

const docArb = fc.record({
  title: text,
  number: optText,
  docType: optText,
  issuer: optText,
  issuedDate: fc.option(fc.constantFrom('2022-03-28', '1999-12-31', '2024', ''), { nil: null }),
  signer: optText,
  notes: text,
  extra: fc.record({
    issuer_superior: optText,
    place: optText,
    signer_title: optText,
    recipients: optText,
    system: fc.constantFrom('party', 'state', null),
  }),
  files: fc.array(
    fc.record({
      bytes: fc.uint8Array({ minLength: 0, maxLength: 3000 }),
      name: text,
      pages: fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  fields: fc.dictionary(
    fc.constantFrom('title', 'number', 'doc_type', 'issuer', 'issued_date', 'place'),
    fc.constantFrom('auto' as const, 'user' as const),
  ),
  tagIdx: fc.uniqueArray(fc.nat(4), { maxLength: 3 }),
});

describe('bundle round trip (property)', () => {
  it('holds for generated archives', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { minLength: 1, maxLength: 8 }),
        fc.array(
          fc.tuple(
            fc.nat(7),
            fc.option(fc.nat(7), { nil: null }),
            fc.constantFrom('can_cu', 'thuc_hien', 'thay_the'),
            fc.constantFrom('auto' as const, 'manual' as const),
          ),
          { maxLength: 6 },
        ),
        async (docs, rels) => {
          const tmp = await makeTempDir('vankho-prop-');
          try {
            const a = openArchive(join(tmp.dir, 'A'));
            const tags = [
              { name: 'Gốc', color: '#123456' },
              { name: 'Con 1', parent: 'Gốc' },
              { name: 'Cháu', parent: 'Con 1', color: '#abcdef' },
              { name: 'Con 2 📁', parent: 'Gốc' },
              { name: 'Riêng' },
            ];
            // Distinct bytes per file (files.sha256 is unique per stored original).
            const seedDocs: SeedDoc[] = docs.map((d, i) => ({
              uid: `p${run}-${i}`,
              title: d.title,
              number: d.number,
              docType: d.docType,
              issuer: d.issuer,
              issuedDate: d.issuedDate,
              signer: d.signer,
              notes: d.notes,
              files: d.files.map((f, j) => ({
                name: `${f.name}.pdf`,
                bytes: Buffer.concat([Buffer.from(`${i}-${j}:`), Buffer.from(f.bytes)]),
                mediaType: j % 2 ? 'text/plain' : 'application/pdf',
                pages: f.pages,
              })),
              fields: d.fields,
              tags: d.tagIdx.map((t) => tags[t]!.name),
            }));
            const uids = seedDocs.map((d) => d.uid!);
            // A citation (auto) names the number of what it points to, when that has one, and a
            // document cites a number once (uniqueCitations); a person's link names anything.
            const cited = new Set<string>();
            const seedRels = rels
              .filter(([s]) => s < uids.length)
              .map(([s, t, kind, origin]) => {
                const to = t !== null && t < uids.length ? t : null;
                const number = origin === 'auto' && to !== null ? docs[to]!.number : null;
                return { s, to, kind, origin, citedNumber: number ?? `${s}/QĐ` };
              })
              .filter((r) => {
                if (r.origin === 'manual') return true;
                const key = `${r.s} ${docNumberKey(r.citedNumber)}`;
                if (cited.has(key)) return false;
                cited.add(key);
                return true;
              })
              .map((r) => ({
                from: uids[r.s]!,
                to: r.to !== null ? uids[r.to]! : null,
                kind: r.kind,
                citedNumber: r.citedNumber,
                origin: r.origin,
              }));
            await seedArchive(a, seedDocs, tags, seedRels);
            a.write((db) => {
              docs.forEach((d, i) => {
                db.prepare(
                  'UPDATE documents SET issuer_superior = ?, place = ?, signer_title = ?, recipients = ?, system = ? WHERE uid = ?',
                ).run(
                  d.extra.issuer_superior,
                  d.extra.place,
                  d.extra.signer_title,
                  d.extra.recipients,
                  d.extra.system,
                  uids[i],
                );
              });
              // As an archive holds its citations once opened by this version: linked by the one
              // rule (the import resolves a bundle's citations by it, whatever link they carry).
              reresolveAutomaticCitations(db);
            });
            const out = join(tmp.dir, 'p.zip');
            await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
            const b = openArchive(join(tmp.dir, 'B'));
            const r1 = await importBundle(b, out);
            expect(r1.added).toBe(docs.length);
            expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
            const r2 = await importBundle(b, out);
            expect(r2.skipped).toBe(docs.length);
            expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
            a.close();
            b.close();
          } finally {
            run++;
            await tmp.cleanup();
          }
        },
      ),
      { numRuns: 12, seed: 20261126 },
    );
  });
});
