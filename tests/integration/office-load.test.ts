// The office load run, short (issue 14), on `vankho serve` with accounts: 5 readers in 2 units
// searching and reading over real HTTP for 10 s while an archivist imports 20 generated DOCX/TXT
// documents and marks some mật (opened to a unit or an account) or hạn chế — no request fails, no
// reader meets a document it may not read while readers do meet the ones granted to them, nothing is
// lost (every document filed once, one audit row each), `vankho check` clean. The long run (web mode
// or, with --grants, this one) is `npm run bench:server`.
import { describe, expect, it } from 'vitest';
import { runOfficeLoad } from '../load/office-load.js';

describe('office load (short)', () => {
  it(
    'serves readers within their grants during an import, without errors or losses',
    { timeout: 300_000 },
    async () => {
      const r = await runOfficeLoad({
        users: 5,
        seconds: 10,
        documents: 20,
        batch: 10,
        grants: { units: 2 },
      });
      expect(r.errors).toEqual([]);
      expect(r.server).toBe('serve');
      expect(r.grants).toMatchObject({ grantedToUnit: 5, grantedToAccount: 3, restrictedUngranted: 2 });
      expect(r.grants!.leaks).toEqual([]);
      expect(r.grants!.grantedHits).toBeGreaterThan(0);
      expect(r.searches).toBeGreaterThan(5);
      expect(r.reads).toBeGreaterThan(0);
      expect(r.documentsInArchive).toBe(20);
      expect(r.auditImportRows).toBe(20);
      expect(r.checkOk).toBe(true);
      expect(r.searchMs.p95).toBeGreaterThan(0);
    },
  );
});
