// File names that could act on a terminal (escape sequences, CR, newlines, bidi overrides) or are not
// valid UTF-8, imported from real files and printed by `import`, `list` and `show`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { terminalSafe } from '../../../main/cli/terminal-text.js';
import { runCliInProcess as cli } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SPOOFING = [
  'do\x1b[31mRED\x1b[0m\x1b]0;title\x07.txt',
  'cr\r  + #99 gia-mao.txt',
  'hai\ndong  + #98 gia-mao.txt',
  'bidi\u202Efdp.exe.txt',
];
// "Quyết định.txt" as a legacy code page wrote it: 0xEA and 0xF0 start multi-byte UTF-8 sequences
// that do not follow, so the name is not valid UTF-8.
const LEGACY = Buffer.from([
  0x51, 0x75, 0x79, 0xea, 0x74, 0x20, 0xf0, 0x69, 0x6e, 0x68, 0x25, 0x2e, 0x74, 0x78, 0x74,
]);
const LEGACY_SHOWN = 'Quy\uFFFDt \uFFFDinh%.txt';

interface ImportJson {
  imported: number;
  failed: number;
  outcomes: Array<{ name: string; outcome: string; documentId: number | null }>;
}

describe('hostile file names on the command line', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let src: string;
  const legacyBytes = Buffer.from('Quyết định về lưu trữ (tên tệp mã cũ)');

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-names-');
    archive = join(tmp.dir, 'kho');
    src = join(tmp.dir, 'src');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(src);
    SPOOFING.forEach((n, i) => writeFileSync(join(src, n), `Văn bản số ${i + 1} về công tác lưu trữ.`));
    writeFileSync(Buffer.concat([Buffer.from(`${src}/`), LEGACY]), legacyBytes);
  });
  afterAll(() => tmp.cleanup());

  it('imports them all, the name that is not UTF-8 too, and prints no control character', async () => {
    const r = await cli(['--archive', archive, 'import', src]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(r.stdout).toContain('imported 5, duplicates 0, failed 0');
    for (const out of [r.stdout, r.stderr]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    }
    const lines = r.stdout.split('\n');
    // A name cannot forge a line of the report.
    expect(lines.filter((l) => /^\s*\+ #9[89]/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('  + #'))).toHaveLength(5);
    expect(r.stdout).toContain('do\\x1b[31mRED\\x1b[0m\\x1b]0;title\\x07.txt');
    expect(r.stdout).toContain('cr\\r  + #99 gia-mao.txt');
    expect(r.stdout).toContain('hai\\ndong  + #98 gia-mao.txt');
    expect(r.stdout).toContain('bidi\\u202efdp.exe.txt');
    expect(r.stdout).toContain(LEGACY_SHOWN);
  });

  it('list and show escape them too; --json keeps them exact', async () => {
    const list = await cli(['--archive', archive, 'list', '--sort', 'id']);
    expect(list.code).toBe(EXIT.OK);
    // eslint-disable-next-line no-control-regex
    expect(list.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(list.stdout.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(5);
    for (const n of SPOOFING) expect(list.stdout).toContain(terminalSafe(n));

    const json = await cli(['--archive', archive, '--json', 'list', '--sort', 'id']);
    const page = JSON.parse(json.stdout) as { items: Array<{ id: number; fileNames: string[] }> };
    expect(page.items.map((d) => d.fileNames[0])).toEqual([...SPOOFING, LEGACY_SHOWN].sort());

    for (const d of page.items) {
      const show = await cli(['--archive', archive, 'show', String(d.id)]);
      expect(show.code).toBe(EXIT.OK);
      // eslint-disable-next-line no-control-regex
      expect(show.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
      expect(show.stdout).toContain(terminalSafe(d.fileNames[0]!));
    }
  });

  it('keeps the bytes of the name that is not UTF-8: the original is stored, its exact path is in the import log', () => {
    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      const f = db.prepare('SELECT sha256, size FROM files WHERE original_name = ?').get(LEGACY_SHOWN) as
        { sha256: string; size: number } | undefined;
      expect(f?.sha256).toBe(createHash('sha256').update(legacyBytes).digest('hex'));
      const logged = db
        .prepare(`SELECT path FROM import_log WHERE sha256 = ? AND outcome = 'imported'`)
        .pluck()
        .get(f?.sha256) as string;
      expect(logged).toBe(`${src}/Quy%EAt %F0inh%25.txt`);
    } finally {
      db.close();
    }
  });

  it('a second import of the folder finds every file already in the archive', async () => {
    const r = await cli(['--archive', archive, '--json', 'import', src]);
    const rep = JSON.parse(r.stdout) as ImportJson & { duplicates: number };
    expect(rep.failed).toBe(0);
    expect(rep.duplicates).toBe(5);
  });
});
