import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

// Issue 16, defect 10: the catalogue's "Tờ số / Số trang" was empty for every DOCX although Word
// records the page count it laid out in docProps/app.xml.

/** The same DOCX with docProps/app.xml replaced by one that records `pages` (as Word writes it). */
function withAppPages(docx: Buffer, pages: number): Promise<Buffer> {
  const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Pages>${pages}</Pages><Words>120</Words></Properties>`;
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const out = new yazl.ZipFile();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName === 'docProps/app.xml') return zip.readEntry();
        zip.openReadStream(entry, (e2, s) => {
          if (e2 || !s) return reject(e2 ?? new Error('stream'));
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.addBuffer(Buffer.concat(chunks), entry.fileName);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        out.addBuffer(Buffer.from(app, 'utf8'), 'docProps/app.xml');
        out.end();
        const chunks: Buffer[] = [];
        out.outputStream.on('data', (c: Buffer) => chunks.push(c));
        out.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      });
      zip.readEntry();
    });
  });
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir('vankho-docx-pages-');
});
afterAll(async () => {
  await tmp.cleanup();
});

describe('DOCX page count', () => {
  it('reads <Pages> from docProps/app.xml, and reports none when the file records none', async () => {
    const plain = await makeDocx(['QUYẾT ĐỊNH', 'Về việc kiện toàn Ban chỉ đạo']);
    const recorded = join(tmp.dir, 'recorded.docx');
    writeFileSync(recorded, await withAppPages(plain, 3));
    const r = await extractFile(recorded, 'docx');
    expect(r.status).toBe('ok');
    expect(r.pageCount).toBe(3);
    expect(r.pages.join('\n')).toContain('Về việc kiện toàn Ban chỉ đạo');

    const none = join(tmp.dir, 'none.docx');
    writeFileSync(none, await withAppPages(plain, 0));
    expect((await extractFile(none, 'docx')).pageCount).toBeNull();
  });
});
