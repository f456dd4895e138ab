// Issue 15 (scale): the instant-find index's binary file (instant-find.bin). Over the identity fields
// of the real documents (truth.jsonl: số ký hiệu, loại, trích yếu, cơ quan, người ký): answers after a
// save and load equal those of a build from the rows; the loaded index is the file's (not a silent
// rebuild); writes applied after a load survive the next save; a file whose envelope is valid but whose
// payload is inconsistent, and a format-3 JSON file, are rebuilt, never trusted.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChecksummedFile, writeChecksummedFile } from '../../main/core/archive/durable-file.js';
import type { IdentityRow, IdentityRows } from '../../main/core/archive/identity-rows.js';
import { INSTANT_FILE, InstantIndex } from '../../main/core/search/instant-index.js';
import { testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

interface Truth {
  number: string | null;
  type: string | null;
  issuer: string | null;
  summary: string | null;
  signer: string | null;
}

/** Rows held in memory and editable, as the archive's would be after a commit. */
function memoryRows(rows: Map<number, IdentityRow>): IdentityRows {
  return {
    all: () => [...rows.values()],
    one: (id) => rows.get(id),
    hit: (id) => {
      const r = rows.get(id);
      return (
        r && {
          id,
          number: r.number,
          title: r.title,
          doc_type: r.doc_type,
          issuer: r.issuer,
          issued_date: null,
        }
      );
    },
  };
}

let tmp: TempDir;
let base: Map<number, IdentityRow>;
let queries: string[];

/** What each query finds: ids and the field, in order. */
const answers = (ix: InstantIndex): string[][] =>
  queries.map((q) => ix.find(q, 10).map((h) => `${h.id}:${h.field}`));

beforeAll(async () => {
  tmp = await makeTempDir('vankho-instant-file-');
  const truth = readFileSync(testdata('real-docs', 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Truth);
  base = new Map();
  truth.forEach((t, i) => {
    base.set(i + 1, {
      id: i + 1,
      number: t.number,
      title: t.summary ?? '',
      doc_type: t.type,
      issuer: t.issuer,
      signer: t.signer,
      tags: i % 7 === 0 ? 'Lưu trữ · Chuyển đổi số' : null,
    });
  });
  // Typed prefixes taken from the documents themselves: numbers, title words, issuers, signers.
  const qs = new Set<string>();
  for (const r of base.values()) {
    if (r.number) for (const n of [2, 4, r.number.length]) qs.add(r.number.slice(0, n));
    const words = r.title.split(/\s+/).filter(Boolean);
    if (words.length >= 3) {
      qs.add(words.slice(0, 2).join(' '));
      qs.add(`${words.slice(0, 2).join(' ')} ${words[2]!.slice(0, 2)}`);
      qs.add(words[words.length - 1]!);
    }
    if (r.issuer) qs.add(r.issuer.slice(0, 8));
    if (r.signer) qs.add(r.signer.split(' ').pop()!);
    if (r.doc_type) qs.add(`${r.doc_type} ${words[0] ?? ''}`);
  }
  queries = [...qs];
});

afterAll(async () => {
  await tmp?.cleanup();
});

describe('instant-find.bin', () => {
  it('a save and load gives the answers of a build from the rows, from the file itself', () => {
    const dir = join(tmp.dir, 'roundtrip');
    const built = new InstantIndex(memoryRows(base), dir);
    built.rebuild(5);
    const fresh = answers(built);
    expect(fresh.filter((a) => a.length > 0).length).toBeGreaterThan(queries.length * 0.8);
    built.save();
    expect(
      readChecksummedFile(join(dir, INSTANT_FILE.name), INSTANT_FILE.kind, INSTANT_FILE.version).ok,
    ).toBe(true);

    // The rows change behind the file's back: an index that trusts the file (same seq) still shows
    // the saved title, which proves it was loaded and not rebuilt.
    const rows = new Map(base);
    const edited = { ...rows.get(3)!, title: 'Kế hoạch thí điểm Quỳnh Lâm', number: '9/KH-QLX' };
    rows.set(3, edited);
    const loaded = new InstantIndex(memoryRows(rows), dir);
    loaded.ensure(5, () => null);
    expect(loaded.find('quynh lam', 10).map((h) => h.id)).not.toContain(3);
    expect(answers(loaded)).toEqual(fresh);

    // Caught up from the journal (seq 6 changed document 3): equal to a build over the new rows.
    const caught = new InstantIndex(memoryRows(rows), dir);
    caught.ensure(6, (since) => (since === 5 ? [3] : null));
    expect(caught.find('quynh lam', 10)[0]?.id).toBe(3);
    const rebuilt = new InstantIndex(memoryRows(rows), join(tmp.dir, 'unused'));
    rebuilt.rebuild(6);
    expect(caught.find('quynh lam', 10)).toEqual(rebuilt.find('quynh lam', 10));
    expect(caught.find('9/KH', 10)[0]?.id).toBe(3);
  });

  it('at the size where common words are left out of a query, the saved word counts answer as a pass over the rows', () => {
    // 15 copies of the real documents (2,250 ≥ SELECTIVE_MIN_DOCS): a query keeps its two rarest
    // words by the counts, so counts or a document total read wrongly from the file change answers.
    const many = new Map<number, IdentityRow>();
    for (let k = 0; k < 15; k++)
      for (const r of base.values()) {
        const id = k * 1000 + r.id;
        many.set(id, { ...r, id, title: k % 3 === 0 ? `${r.title} đợt ${k}` : r.title });
      }
    const dir = join(tmp.dir, 'many');
    const built = new InstantIndex(memoryRows(many), dir);
    built.rebuild(1);
    const long = queries.filter((q) => q.split(' ').length >= 3);
    expect(long.length).toBeGreaterThan(50);
    const ask = (ix: InstantIndex) =>
      long.map((q) => ix.find(`${q} đợt`, 10).map((h) => `${h.id}:${h.field}`));
    const fresh = ask(built);
    built.save();
    const loaded = new InstantIndex(memoryRows(many), dir);
    loaded.ensure(1, () => null);
    expect(ask(loaded)).toEqual(fresh);
  });

  it('writes applied after a load (an edit, a delete) are in the next saved file', () => {
    const dir = join(tmp.dir, 'writes');
    const rows = new Map(base);
    const a = new InstantIndex(memoryRows(rows), dir);
    a.rebuild(1);
    a.save();
    const b = new InstantIndex(memoryRows(rows), dir);
    b.ensure(1, () => null);
    const gone = rows.get(10)!;
    rows.delete(10);
    rows.set(11, { ...rows.get(11)!, title: 'Quyết định về Vườn quốc gia Xuân Thủy' });
    b.apply([10, 11], 2);
    b.save();
    const c = new InstantIndex(memoryRows(rows), dir);
    c.ensure(2, () => null);
    expect(c.find('vuon quoc gia xuan', 10)[0]?.id).toBe(11);
    if (gone.number) expect(c.find(gone.number, 10).map((h) => h.id)).not.toContain(10);
    expect(answers(c)).toEqual(answers(b));
  });

  it('an envelope that checks but holds an inconsistent payload, or an old JSON file, is rebuilt', () => {
    const dir = join(tmp.dir, 'damaged');
    const built = new InstantIndex(memoryRows(base), dir);
    built.rebuild(1);
    const fresh = answers(built);
    built.save();
    const file = join(dir, INSTANT_FILE.name);
    const read = readChecksummedFile(file, INSTANT_FILE.kind, INSTANT_FILE.version);
    if (!read.ok) throw new Error(read.reason);
    const payload = Buffer.from(read.payload);
    // Cut short, or one count raised (the first field's term count, after seq and its ids): each
    // re-enveloped with a correct checksum, so only the payload's own checks can catch them.
    const nReg = payload.readUInt32LE(8);
    const raised = Buffer.from(payload);
    raised.writeUInt32LE(raised.readUInt32LE(12 + nReg * 4) + 1, 12 + nReg * 4);
    for (const bad of [payload.subarray(0, payload.length - 8), raised]) {
      writeChecksummedFile(file, INSTANT_FILE.kind, INSTANT_FILE.version, [bad]);
      const ix = new InstantIndex(memoryRows(base), dir);
      // A trusted file with seq 1 would be used as is; a rejected one leaves only a rebuild at seq 1.
      ix.ensure(1, () => null);
      expect(answers(ix)).toEqual(fresh);
      ix.save(); // rebuilt, so saved again
      expect(readFileSync(file).subarray(72).equals(payload)).toBe(true);
    }

    // A format-3 file (JSON, instant-find.json) beside no binary one: rebuilt, and removed at save.
    const legacyDir = join(tmp.dir, 'legacy');
    mkdirSync(legacyDir);
    const legacy = join(legacyDir, 'instant-find.json');
    writeFileSync(legacy, JSON.stringify({ version: 3, seq: 1, data: {} }));
    const ix = new InstantIndex(memoryRows(base), legacyDir);
    ix.ensure(1, () => null);
    expect(answers(ix)).toEqual(fresh);
    ix.save();
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(join(legacyDir, INSTANT_FILE.name))).toBe(true);
  });
});
