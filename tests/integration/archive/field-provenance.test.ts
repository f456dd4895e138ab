// document_fields' one write path (field-provenance.ts): its own rules, on a real archive file —
// a suggestion never replaces a person's row, a person's replaces a suggestion, 'kept' keeps the
// row's confidence, and a drop limited to suggestions leaves a person's row.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import {
  dropFieldProvenance,
  fieldsWithSource,
  writeFieldProvenance,
} from '../../../main/core/archive/field-provenance.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface Row {
  source: string;
  confidence: number | null;
  updated_at: string;
  actor: string | null;
}

describe('writeFieldProvenance / dropFieldProvenance', () => {
  let tmp: TempDir;
  let a: Archive;
  let id: number;
  const row = (field: string): Row | undefined =>
    a.db
      .prepare(
        'SELECT source, confidence, updated_at, actor FROM document_fields WHERE document_id = ? AND field = ?',
      )
      .get(id, field) as Row | undefined;

  beforeEach(async () => {
    tmp = await makeTempDir('vankho-fields-');
    a = openArchive(join(tmp.dir, 'kho'));
    id = a.write(
      (db) =>
        db
          .prepare(
            `INSERT INTO documents (uid, title, text_status, created_at, updated_at) VALUES (?, 'x', 'ok', ?, ?)`,
          )
          .run(randomUUID(), '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z').lastInsertRowid as number,
    );
  });
  afterEach(async () => {
    a.close();
    await tmp.cleanup();
  });

  /** Writes `rows` in order, each [field, source, confidence, updatedAt, actor], in one transaction. */
  const write = (
    rows: Array<[string, 'auto' | 'user', number | null | 'kept', string, string | null]>,
  ): void =>
    a.write((db) => {
      for (const [field, source, confidence, updatedAt, actor] of rows)
        writeFieldProvenance(db, id, field, { source, confidence, updatedAt, actor });
    });

  it('a suggestion updates a suggestion but never a person’s row', () => {
    write([
      ['doc_type', 'auto', 0.5, 't1', null],
      ['doc_type', 'auto', 0.8, 't2', null],
      ['issuer', 'user', null, 't1', 'an'],
      ['issuer', 'auto', 0.9, 't2', null],
    ]);
    expect(row('doc_type')).toEqual({ source: 'auto', confidence: 0.8, updated_at: 't2', actor: null });
    expect(row('issuer')).toEqual({ source: 'user', confidence: null, updated_at: 't1', actor: 'an' });
  });

  it('a person’s row replaces a suggestion; "kept" keeps its confidence, a new row has none', () => {
    write([
      ['doc_type', 'auto', 0.7, 't1', null],
      ['doc_type', 'user', 'kept', 't2', 'an'],
      ['signer', 'user', 'kept', 't2', 'bình'],
      ['issuer', 'auto', 0.4, 't1', null],
      ['issuer', 'user', 1, 't3', null],
    ]);
    expect(row('doc_type')).toEqual({ source: 'user', confidence: 0.7, updated_at: 't2', actor: 'an' });
    expect(row('signer')).toEqual({ source: 'user', confidence: null, updated_at: 't2', actor: 'bình' });
    expect(row('issuer')).toEqual({ source: 'user', confidence: 1, updated_at: 't3', actor: null });
    expect([...fieldsWithSource(a.db, id, 'user')].sort()).toEqual(['doc_type', 'issuer', 'signer']);
  });

  it('a drop of suggestions only leaves a person’s row; a plain drop removes any', () => {
    write([
      ['doc_type', 'auto', 0.7, 't1', null],
      ['issuer', 'user', null, 't1', 'an'],
    ]);
    a.write((db) => {
      dropFieldProvenance(db, id, 'doc_type', true);
      dropFieldProvenance(db, id, 'issuer', true);
    });
    expect(row('doc_type')).toBeUndefined();
    expect(row('issuer')?.source).toBe('user');
    a.write((db) => dropFieldProvenance(db, id, 'issuer'));
    expect(row('issuer')).toBeUndefined();
    expect(fieldsWithSource(a.db, id, 'auto').size).toBe(0);
  });
});
