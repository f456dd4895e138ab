// DocumentDetail.version (issue 14): a digest of what a save can overwrite — the metadata and its
// provenance, the validity override — derived at read time, so every write path (the app, the CLI,
// bulk edits, bundle merges, re-extraction of suggestions) changes it without a counter to keep. Left
// out: confidences and the derived validity (they change without anyone editing this document), and
// tags (adding or removing one overwrites nothing, and must not make a form opened before it refuse
// to save). Two people saving from the same copy: the second is CONFLICT, not a silent overwrite.
import { createHash } from 'node:crypto';
import type { DocumentDetail } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { Db } from './database.js';
import { getDocument } from './documents-repo.js';

export function documentVersion(d: Pick<DocumentDetail, 'metadata' | 'provenance' | 'validity'>): string {
  const sources = Object.entries(d.provenance)
    .map(([f, p]) => `${f}:${p.source}:${p.setBy ?? ''}`)
    .sort();
  return createHash('sha256')
    .update(JSON.stringify([d.metadata, sources, d.validity.override]))
    .digest('hex')
    .slice(0, 16);
}

/** The detail as the contract answers it: with its version. */
export function withVersion(d: DocumentDetail): DocumentDetail {
  return { ...d, version: documentVersion(d) };
}

/**
 * CONFLICT when the document changed since the caller read `expected` (absent: no check — old
 * callers and the CLI save as before). Checked in the same synchronous call as the write that follows
 * (one writer), so no other change can land in between.
 */
export function requireDocumentVersion(db: Db, id: number, expected: string | undefined): void {
  if (expected === undefined) return;
  const d = getDocument(db, id);
  if (!d) throw new VanKhoError(appError('NOT_FOUND', `document #${id}`));
  if (documentVersion(d) !== expected) throw new VanKhoError(appError('CONFLICT', `document #${id}`));
}
