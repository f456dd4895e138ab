// The audit log's store on a real archive file: rows come back newest first, filters narrow by
// actor, document and time, and the table refuses any change or removal of a row once written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { appendAudit, listAudit } from '../../../main/core/accounts/audit-store.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('audit store', () => {
  let tmp: TempDir;
  let archive: Archive;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-audit-');
    archive = openArchive(tmp.dir);
  });
  afterEach(async () => {
    archive.close();
    await tmp.cleanup();
  });

  it('appends, lists newest first and filters', () => {
    const lan = { id: 'user:1', displayName: 'Lan' };
    const local = { id: 'local', displayName: 'Máy này' };
    archive.write((db) => {
      appendAudit(
        db,
        { actor: lan, action: 'view', documentId: 7, remoteAddress: '10.0.0.5' },
        new Date('2026-01-01T00:00:00Z'),
      );
      appendAudit(
        db,
        { actor: local, action: 'edit', documentId: 7, detail: 'notes' },
        new Date('2026-02-01T00:00:00Z'),
      );
      appendAudit(db, { actor: lan, action: 'download', documentId: 9 }, new Date('2026-03-01T00:00:00Z'));
    });
    const all = listAudit(archive.db);
    expect(all.map((r) => r.action)).toEqual(['download', 'edit', 'view']);
    expect(all[2]).toMatchObject({
      actor: 'user:1',
      actorName: 'Lan',
      documentId: 7,
      remoteAddress: '10.0.0.5',
    });
    expect(listAudit(archive.db, { actor: 'user:1' }).map((r) => r.documentId)).toEqual([9, 7]);
    expect(listAudit(archive.db, { documentId: 7 }).map((r) => r.action)).toEqual(['edit', 'view']);
    expect(listAudit(archive.db, { since: '2026-02-01T00:00:00.000Z' }).map((r) => r.action)).toEqual([
      'download',
      'edit',
    ]);
    expect(listAudit(archive.db, { limit: 1 })).toHaveLength(1);
  });

  it('refuses to change or remove a row', () => {
    archive.write((db) => appendAudit(db, { actor: { id: 'local', displayName: 'x' }, action: 'view' }));
    expect(() => archive.write((db) => db.prepare("UPDATE audit_log SET action = 'edit'").run())).toThrow(
      /append-only/,
    );
    expect(() => archive.write((db) => db.prepare('DELETE FROM audit_log').run())).toThrow(/append-only/);
    expect(listAudit(archive.db)).toHaveLength(1);
  });
});
