// The office load run, short (issue 14): 5 cadres searching and reading over real HTTP for 10 s while
// an archivist imports 30 generated DOCX/TXT documents — no request fails, nothing is lost (every
// document filed once, one audit row each), `vankho check` clean. The long run is `npm run bench:server`.
import { describe, expect, it } from 'vitest';
import { runOfficeLoad } from '../load/office-load.js';

describe('office load (short)', () => {
  it(
    'serves searches and reads during an import without errors or losses',
    { timeout: 300_000 },
    async () => {
      const r = await runOfficeLoad({ users: 5, seconds: 10, documents: 30, batch: 10 });
      expect(r.errors).toEqual([]);
      expect(r.searches).toBeGreaterThan(5);
      expect(r.reads).toBeGreaterThan(0);
      expect(r.documentsInArchive).toBe(30);
      expect(r.auditImportRows).toBe(30);
      expect(r.checkOk).toBe(true);
      expect(r.searchMs.p95).toBeGreaterThan(0);
    },
  );
});
