// Issue 15 (open → first result): the attributes filters and facets read (type, issuer, date, tags,
// number key, access) are saved in derived/doc-attributes.bin, so a fresh process does not scan the
// documents table before its first result. A saved copy is used only whole and current: it catches
// up with the change journal (writes made without search), and a bit-flipped, foreign or
// out-of-reach copy is read again from the database. Whatever the source, every document's
// attributes equal those read from the database alone, and so do search's counts and facets.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { sqliteAttributeRows } from '../../main/core/archive/attribute-rows.js';
import { CHECKSUMMED_HEADER_BYTES, readChecksummedFile } from '../../main/core/archive/durable-file.js';
import { openVanKho } from '../../main/core/open-vankho.js';
import {
  ATTR_FILE,
  DocAttributeCache,
  type DocAttributePersistence,
} from '../../main/core/search/doc-attributes.js';
import { sqliteFtsIndexStore } from '../../main/core/archive/fts-rows.js';
import { createFtsIndexer } from '../../main/core/search/fts-indexer.js';
import { generateCorpus } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const DOCS = 200;
let tmp: TempDir;
let dir: string;
const file = (): string => join(dir, 'derived', ATTR_FILE.name);

/** Every document's attributes by value (codes are positions in lists whose order may differ). */
function attributes(c: DocAttributeCache, maxId: number): unknown[] {
  const out: unknown[] = [];
  for (let id = 0; id <= maxId + 2; id++) {
    const d = c.get(id);
    if (!d) {
      out.push(null);
      continue;
    }
    const { typeCode, issuerCode, tagCodes, ...rest } = d;
    out.push({
      ...rest,
      typeCoded: c.codes.type.values[typeCode] ?? '',
      issuerCoded: c.codes.issuer.values[issuerCode] ?? '',
      tagsCoded: tagCodes.map((t) => c.codes.tag.values[t]),
    });
  }
  return out;
}

function persistence(a: Archive, changed?: () => number[] | null): DocAttributePersistence {
  const indexer = createFtsIndexer(sqliteFtsIndexStore(a.db));
  const since = a.db
    .prepare<[number], number>(`SELECT document_id FROM change_journal WHERE seq > ?`)
    .pluck();
  return {
    derivedDir: join(dir, 'derived'),
    checkpoint: () => indexer.checkpoint(),
    changedSince: changed ?? ((seq) => since.all(seq)),
  };
}

const maxIdOf = (a: Archive): number =>
  a.db.prepare<[], number>(`SELECT coalesce(max(id), 0) FROM documents`).pluck().get()!;

/** The same cache read from the database alone (the reference). */
function fromDatabase(a: Archive): unknown[] {
  return attributes(new DocAttributeCache(sqliteAttributeRows(a.db)), maxIdOf(a));
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-attrs-');
  dir = join(tmp.dir, 'A');
  const vk = openVanKho(dir);
  try {
    insertDocs(vk.archive, [...generateCorpus(DOCS)]);
  } finally {
    vk.close();
  }
}, 60_000);

afterAll(async () => {
  await tmp?.cleanup();
});

describe('saved document attributes', { timeout: 60_000 }, () => {
  it('search saves them at close; a fresh process answers with the same counts and facets', () => {
    rmSync(file(), { force: true });
    const ask = (): unknown => {
      const vk = openVanKho(dir);
      try {
        return ['kế hoạch', 'quyết định', 'chuyển đổi số'].map((query) => {
          const r = vk.search.search({ query, limit: 30, snippets: false });
          return { total: r.total, ids: r.hits.map((h) => [h.id, h.tags, h.access]), facets: r.facets };
        });
      } finally {
        vk.close();
      }
    };
    const first = ask();
    const read = readChecksummedFile(file(), ATTR_FILE.kind, ATTR_FILE.version);
    expect(read.ok).toBe(true);
    expect(ask()).toEqual(first);
  });

  it('a saved copy is read, not the database: it is trusted as far as the journal says it is current', () => {
    const a = openArchive(dir);
    try {
      const saved = new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a));
      expect(saved.size()).toBe(DOCS);
      saved.save();
      a.db.prepare(`UPDATE documents SET doc_type = 'Quokka' WHERE id = 3`).run();
      // Told that nothing changed since it was saved, the copy shows the old type: it was read.
      const blind = new DocAttributeCache(
        sqliteAttributeRows(a.db),
        persistence(a, () => []),
      );
      expect(blind.get(3)?.type).not.toBe('Quokka');
      // Told the truth, it catches up.
      const caught = new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a));
      expect(caught.get(3)?.type).toBe('Quokka');
      expect(attributes(caught, maxIdOf(a))).toEqual(fromDatabase(a));
    } finally {
      a.close();
    }
  });

  it('catches up on writes made without search: new, changed, retagged, restricted and deleted documents', () => {
    const a = openArchive(dir);
    try {
      new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a)).save(); // never loaded: nothing to write
      const c = new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a));
      c.size();
      c.save();
      const before = readFileSync(file());
      insertDocs(a, [...generateCorpus(DOCS + 5)].slice(DOCS), 'more');
      a.write((db) => {
        db.prepare(
          `UPDATE documents SET issuer = 'Ủy ban Quokka', issued_date = '2031-02-03', access = 'mat' WHERE id = 5`,
        ).run();
        db.prepare(`DELETE FROM document_tags WHERE document_id = 7`).run();
        db.prepare(`INSERT INTO tags (name, created_at) VALUES ('Thẻ mới', '2026-01-01')`).run();
        db.prepare(
          `INSERT INTO document_tags (document_id, tag_id) SELECT 9, id FROM tags WHERE name = 'Thẻ mới'`,
        ).run();
        db.prepare(`DELETE FROM documents WHERE id = 11`).run();
      });
      const caught = new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a));
      expect(caught.size()).toBe(DOCS + 5 - 1);
      expect(caught.get(11)).toBeUndefined();
      expect(caught.get(5)).toMatchObject({ issuer: 'Ủy ban Quokka', year: 2031, access: 'mat' });
      expect(caught.get(9)?.tags).toContain('Thẻ mới');
      expect(caught.get(7)?.tags).toEqual([]);
      expect(caught.maxId()).toBe(maxIdOf(a));
      expect(attributes(caught, maxIdOf(a))).toEqual(fromDatabase(a));
      // Saved again with the changes folded in; read back, the same.
      caught.save();
      expect(readFileSync(file()).equals(before)).toBe(false);
      const again = new DocAttributeCache(
        sqliteAttributeRows(a.db),
        persistence(a, () => []),
      );
      expect(attributes(again, maxIdOf(a))).toEqual(fromDatabase(a));
    } finally {
      a.close();
    }
  });

  it('a bit-flipped, foreign or out-of-reach copy is read again from the database', () => {
    const a = openArchive(dir);
    try {
      const c = new DocAttributeCache(sqliteAttributeRows(a.db), persistence(a));
      c.size();
      c.refresh([1]); // forces a save
      c.save();
      a.db.prepare(`UPDATE documents SET doc_type = 'Quokka lật' WHERE id = 4`).run();
      const good = readFileSync(file());
      const reference = fromDatabase(a);
      // Each copy, if trusted, would show the old type of document 4 (told nothing changed).
      const flipped = Buffer.from(good);
      const at = CHECKSUMMED_HEADER_BYTES + Math.floor((flipped.length - CHECKSUMMED_HEADER_BYTES) / 2);
      flipped[at] = flipped[at]! ^ 0x04;
      for (const bytes of [
        flipped,
        good.subarray(0, good.length - 8),
        Buffer.from('VKDERIV1 nothing'),
        Buffer.alloc(0),
      ]) {
        writeFileSync(file(), bytes);
        const blind = new DocAttributeCache(
          sqliteAttributeRows(a.db),
          persistence(a, () => []),
        );
        expect(attributes(blind, maxIdOf(a))).toEqual(reference);
      }
      // The journal no longer reaches back to the copy (pruned): read from the database.
      writeFileSync(file(), good);
      const pruned = new DocAttributeCache(
        sqliteAttributeRows(a.db),
        persistence(a, () => null),
      );
      expect(pruned.get(4)?.type).toBe('Quokka lật');
      expect(attributes(pruned, maxIdOf(a))).toEqual(reference);
      // After reset (a rebuild) the copy is not used again.
      const blind = new DocAttributeCache(
        sqliteAttributeRows(a.db),
        persistence(a, () => []),
      );
      expect(blind.get(4)?.type).not.toBe('Quokka lật');
      blind.reset();
      expect(blind.get(4)?.type).toBe('Quokka lật');
    } finally {
      a.close();
    }
  });
});
