import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ManifestDuplicateKeyError,
  ManifestNotObjectError,
  ManifestScanner,
  ManifestSyntaxError,
  MANIFEST_ARRAYS,
} from '../../../main/core/export/manifest-scanner.js';

// The streaming manifest reader must see exactly what JSON.parse of the whole file sees, however the
// bytes are cut into chunks (a cut may fall inside a string, an escape or a UTF-8 sequence).

function scan(bytes: Buffer, cuts: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const s = new ManifestScanner(
    {
      onHead: (k, v) => {
        out[k] = v;
      },
      onElement: (a, v, i) => {
        const list = (out[a] ??= []) as unknown[];
        expect(i).toBe(list.length);
        list.push(v);
      },
    },
    1 << 20,
  );
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    s.push(bytes.subarray(at, c));
    at = c;
  }
  s.push(bytes.subarray(at));
  s.end();
  for (const a of MANIFEST_ARRAYS) if (s.arraysSeen.has(a)) out[a] ??= [];
  return out;
}

const sample = {
  format: 'vankho-bundle',
  formatVersion: 1,
  app: { name: 'VanKho', version: '0.1.0' },
  title: 'Gói "văn bản" [1], {x}, \\ đã ký',
  selection: { kind: 'ids', value: null },
  documents: [
    {
      uid: 'u-1',
      title: 'Quyết định về việc [thử] {nghiệm}, "ngoặc" \\',
      tags: ['Đảng ủy', 'a,b'],
      files: [{ path: 'originals/a].pdf', text: { path: 'text/a}.txt', pages: 2 } }],
    },
    { uid: 'u-2', title: '', tags: [], files: [] },
  ],
  tags: [],
  relations: [{ sourceUid: 'u-1', evidence: 'Căn cứ Nghị định số 30/2020/NĐ-CP, [..]' }],
  extra: [[1, 2], { nested: [3] }],
  entries: [{ path: 'originals/a].pdf', sha256: 'f'.repeat(64), size: 1 }],
};

describe('ManifestScanner', () => {
  it('reads what JSON.parse reads, whatever the chunking', () => {
    const bytes = Buffer.from(JSON.stringify(sample, null, 1), 'utf8');
    const expected = JSON.parse(bytes.toString('utf8')) as unknown;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(scan(bytes, cuts)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // One byte at a time, compact form.
    const compact = Buffer.from(JSON.stringify(sample), 'utf8');
    expect(
      scan(
        compact,
        [...compact.keys()].map((i) => i + 1),
      ),
    ).toEqual(sample);
  });

  it('hands over only the arrays asked for, in order, the others walked over', () => {
    const bytes = Buffer.from(JSON.stringify(sample), 'utf8');
    const seen: Array<[string, unknown]> = [];
    const s = new ManifestScanner(
      { onElement: (a, v) => seen.push([a, v]), onHead: (k) => seen.push(['head', k]) },
      1 << 20,
      new Set(['relations', 'entries'] as const),
    );
    for (let i = 0; i < bytes.length; i += 7) s.push(bytes.subarray(i, i + 7));
    s.end();
    expect(seen).toEqual([
      ['head', 'format'],
      ['head', 'formatVersion'],
      ['head', 'app'],
      ['head', 'title'],
      ['head', 'selection'],
      ['relations', sample.relations[0]],
      ['head', 'extra'],
      ['entries', sample.entries[0]],
    ]);
  });

  it('refuses what is not one well-formed JSON object, and a top-level key twice', () => {
    const bad = (text: string): unknown => {
      try {
        scan(Buffer.from(text), []);
        return null;
      } catch (e) {
        return (e as Error).constructor;
      }
    };
    expect(bad('{"format": "vankho-bundle",')).toBe(ManifestSyntaxError);
    expect(bad('{"documents": [{"uid": 1},]}')).toBe(ManifestSyntaxError);
    expect(bad('{"documents": [{"uid": 1}}')).toBe(ManifestSyntaxError);
    expect(bad('{"a": 1,, "b": 2}')).toBe(ManifestSyntaxError);
    expect(bad('{"a": 1} x')).toBe(ManifestSyntaxError);
    expect(bad('{"documents": [] x, "a": 1}')).toBe(ManifestSyntaxError);
    expect(bad('{"a": nope}')).toBe(ManifestSyntaxError);
    expect(bad('')).toBe(ManifestSyntaxError);
    expect(bad('[1, 2]')).toBe(ManifestNotObjectError);
    expect(bad('{"documents": [], "documents": []}')).toBe(ManifestDuplicateKeyError);
    expect(bad('{"title": "a", "title": "b"}')).toBe(ManifestDuplicateKeyError);
    expect(bad('{}')).toBeNull();
    expect(bad(' {"documents": "x"} ')).toBeNull(); // not an array: the caller's schema says so
  });
});
