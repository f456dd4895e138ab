import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { headerProblems, signProblems, type LayoutTruth } from '../../helpers/layout-checks.js';
import { testdata } from '../../helpers/repo-root.js';

// The real PDFs (printed by a browser) and DOCX files (python-docx) of the team's set: their header
// and end tables must come out in the linearised order, with the fields of truth.jsonl as whole lines.

const truth = new Map<string, LayoutTruth>(
  readFileSync(testdata('real-docs', 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const t = JSON.parse(l) as LayoutTruth & { id: string };
      return [t.id, t];
    }),
);

for (const kind of ['pdf', 'docx'] as const) {
  const dir = testdata('real-docs', kind);
  const files = readdirSync(dir).filter((f) => f.endsWith(`.${kind}`));
  describe(`real-docs ${kind}: header and end block in reading order`, () => {
    it('has the documents', () => {
      expect(files.length).toBeGreaterThanOrEqual(kind === 'pdf' ? 30 : 20);
    });
    it.each(files)('%s', async (file) => {
      const t = truth.get(file.replace(/\.\w+$/, ''));
      expect(t, 'truth line').toBeDefined();
      const r = await extractFile(join(dir, file), kind);
      expect(r.status).toBe('ok');
      if (kind === 'pdf') expect(r.pages.length).toBe(r.pageCount);
      expect([...headerProblems(r.pages[0]!, t!), ...signProblems(r.pages, t!)]).toEqual([]);
    });
  });
}
