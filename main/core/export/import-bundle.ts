import { randomBytes } from 'node:crypto';
import { readFileSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appError } from '../../contract/errors.js';
import type { BundleImportResultDto, RecordAccessLevel } from '../../contract/dto.js';
import { ACCESS_TERMS } from '../../contract/glossary.js';
import { LOCAL_ACTOR, type Actor } from '../../contract/request-context.js';
import { scopeOf } from '../archive/access.js';
import type { Archive } from '../archive/archive.js';
import { sqliteBundleStores, type BundleArchiveTx } from '../archive/bundle-stores.js';
import { METADATA_FIELDS, type MetadataField, type NewDocumentRow } from '../archive/documents-repo.js';
import { normalizeTagName } from '../archive/tags-repo.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { bundleRecordTx, type BundleRecordOutcome, type BundleRecordTx } from '../records/records-store.js';
import { carriedOcrTx, type CarriedOcrTx, type OcrPageCarried } from '../ocr/ocr-store.js';
import { uprightCarriedPages } from '../ocr/tiff-upright.js';
import { ocrPagesFileSchema, type ManifestDocument, type ManifestFile } from './bundle-manifest.js';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './zip-guard.js';
import {
  checkBundle,
  forEachDocument,
  forEachRelation,
  verifyBundleEntries,
  type CheckedBundle,
} from './stream-bundle.js';

export type BundleImportOutcomeKind = 'added' | 'merged' | 'skipped';

export interface BundleImportOutcome {
  uid: string;
  title: string;
  number: string | null;
  outcome: BundleImportOutcomeKind;
  documentId: number;
  /** How an existing document was recognised. */
  matchedBy: 'uid' | 'sha256' | null;
  /** What a merge changed: field names (columns), "file:<name>", "tag:<name>". */
  changes: string[];
}

/** The contract's result with the bundle path and fuller outcomes (uid, match, changes) for the CLI. */
export interface BundleImportReport extends BundleImportResultDto {
  bundle: string;
  outcomes: BundleImportOutcome[];
  records: BundleRecordOutcome[];
}

export interface BundleImportProgress {
  phase: 'verify' | 'store' | 'commit';
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportBundleOptions {
  signal?: AbortSignal;
  onProgress?: (p: BundleImportProgress) => void;
  limits?: BundleLimits;
  /** Who imports (default: the person at this machine): the hồ sơ it adds are theirs, and it may
   *  bring in nothing it may not read (see accessRefusal). */
  actor?: Pick<Actor, 'id' | 'readable'>;
}

/** A bundle import's transaction: the archive's stores, core/records' hồ sơ and core/ocr's pages. */
type BundleTx = BundleArchiveTx & { records: BundleRecordTx; ocr: CarriedOcrTx };

function cancelled(): VanKhoError {
  return new VanKhoError(appError('CANCELLED', 'bundle import'));
}

/**
 * Imports a bundle into an archive (the same one or another). Order: judge the ZIP and the manifest
 * (stream-bundle.ts: the manifest is read as a stream and kept as a verified copy in a staging
 * folder inside the archive), stream every entry through SHA-256 into that folder, and only when
 * everything matched store the originals (content-addressed, R3) and apply the metadata in ONE
 * archive.write transaction, reading the documents from the staged manifest one at a time — so the
 * import stays all-or-nothing while memory holds one document's data, not the bundle's (issue 17
 * item 8; SQLite spills a large transaction to its WAL, its cache stays bounded). A refused bundle
 * leaves the archive untouched. Documents already present (same uid, or an original with the same
 * SHA-256) are merged, never duplicated: empty fields are filled, person-confirmed values ('user')
 * win over suggestions ('auto'), missing files/tags/relations are added.
 */
export async function importBundle(
  archive: Archive,
  file: string,
  opts: ImportBundleOptions = {},
): Promise<BundleImportReport> {
  const signal = opts.signal;
  if (signal?.aborted) throw cancelled();
  const newlyStored: string[] = [];
  let committed = false;
  const stagingDir = join(archive.files.stagingDir, `bundle-${Date.now()}-${randomBytes(6).toString('hex')}`);
  try {
    const bundle = await checkBundle(file, stagingDir, opts.limits ?? DEFAULT_BUNDLE_LIMITS);
    await verifyBundleEntries(bundle, {
      ...(signal ? { signal } : {}),
      onProgress: (p) =>
        opts.onProgress?.({
          phase: 'verify',
          done: p.entriesDone,
          total: p.entriesTotal,
          bytesDone: p.bytesDone,
          bytesTotal: p.bytesTotal,
        }),
    });

    // Originals into the content-addressed store: orphans at worst if we die before the commit.
    const originals = [...bundle.entries.values()].filter((e) => e.role === 'original' && e.referenced);
    const bytesTotal = originals.reduce((n, e) => n + e.size, 0);
    let bytesDone = 0;
    for (let i = 0; i < originals.length; i++) {
      if (signal?.aborted) throw cancelled();
      const e = originals[i]!;
      if (!archive.files.has(e.sha256)) {
        newlyStored.push(e.sha256);
        const r = await archive.files.put(e.staged!, signal);
        if (r.sha256 !== e.sha256) throw new VanKhoError(appError('BUNDLE_TAMPERED', e.path));
      }
      bytesDone += e.size;
      opts.onProgress?.({ phase: 'store', done: i + 1, total: originals.length, bytesDone, bytesTotal });
    }
    if (signal?.aborted) throw cancelled();

    const total = bundle.documentCount;
    opts.onProgress?.({ phase: 'commit', done: 0, total, bytesDone, bytesTotal });
    // Inside the transaction a cancel is too late: it completes (and is reported now and then).
    const stores = sqliteBundleStores(archive, { records: bundleRecordTx, ocr: carriedOcrTx });
    const report = stores.transaction((tx) =>
      applyManifest(
        tx,
        bundle,
        basename(file),
        opts.actor ?? LOCAL_ACTOR,
        (done) => opts.onProgress?.({ phase: 'commit', done, total, bytesDone, bytesTotal }),
        (sha) => archive.files.pathOf(sha),
      ),
    );
    committed = true;
    opts.onProgress?.({ phase: 'commit', done: total, total, bytesDone, bytesTotal });
    return { bundle: file, ...report };
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw cancelled();
    throw e;
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
    if (!committed) {
      // Originals this import stored but never committed: no row references them and we hold the
      // archive lock, so they are ours to remove (the archive is left as it was).
      for (const sha of newlyStored) {
        const p = archive.files.pathOf(sha);
        rmSync(p, { force: true });
        for (const dir of [dirname(p), dirname(dirname(p))]) {
          try {
            rmdirSync(dir); // only when empty
          } catch {
            break;
          }
        }
      }
    }
  }
}

/** Page texts of one file, read from its verified staging copy (page counts were checked then). */
function pagesOf(bundle: CheckedBundle, f: ManifestFile): string[] {
  if (!f.text || f.text.pages === 0) return [];
  return readFileSync(bundle.entries.get(f.text.path)!.staged!, 'utf8').split('\f');
}

/** A file's OCR pages (words and boxes), read from its verified staging copy. */
function ocrPagesOfFile(bundle: CheckedBundle, f: ManifestFile): OcrPageCarried[] {
  if (!f.ocr) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(bundle.entries.get(f.ocr.path)!.staged!, 'utf8'));
  } catch {
    throw new VanKhoError(appError('BUNDLE_INVALID', `OCR pages are not JSON: ${f.ocr.path}`));
  }
  const parsed = ocrPagesFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.length !== f.ocr.pages)
    throw new VanKhoError(appError('BUNDLE_INVALID', `OCR pages of ${f.ocr.path}`));
  return parsed.data;
}

/**
 * What an import may not bring in: a document or hồ sơ at a level the importer may not read, or one
 * that matches a document or hồ sơ here the importer may not read (a merge would write into it and
 * report what it holds). The whole bundle is refused, nothing applied — the way an export leaves mật
 * out unless asked: an account never files, or adds to, what it could not open afterwards. Someone
 * who reads that level imports it.
 */
class Refusals {
  private documents = 0;
  private records = 0;
  private readonly levels = new Set<RecordAccessLevel>();
  private here = false;

  add(kind: 'document' | 'record', bundleLevel: RecordAccessLevel, matchedHere: boolean): void {
    if (kind === 'document') this.documents++;
    else this.records++;
    if (matchedHere) this.here = true;
    else this.levels.add(bundleLevel);
  }

  throwIfAny(): void {
    if (this.documents + this.records === 0) return;
    const what = (doc: string, rec: string): string =>
      [this.documents > 0 ? `${this.documents} ${doc}` : '', this.records > 0 ? `${this.records} ${rec}` : '']
        .filter(Boolean)
        .join(' + ');
    const levels = (lang: 'vi' | 'en'): string =>
      [...this.levels].map((l) => ACCESS_TERMS[l][lang]).join(', ');
    const whyVi = [
      this.levels.size > 0 ? `mức ${levels('vi')}` : '',
      this.here ? 'trùng với văn bản, hồ sơ ở kho này mà tài khoản không được đọc' : '',
    ].filter(Boolean);
    const whyEn = [
      this.levels.size > 0 ? `level ${levels('en')}` : '',
      this.here ? 'matching documents or files here this account may not read' : '',
    ].filter(Boolean);
    throw new VanKhoError(
      appError(
        'FORBIDDEN',
        `gói có ${what('văn bản', 'hồ sơ')} tài khoản này không được đọc (${whyVi.join('; ')}) nên không nhập gì; ` +
          `hãy nhờ người được đọc mức đó nhập gói / the bundle holds ${what('document(s)', 'file(s)')} this ` +
          `account may not read (${whyEn.join('; ')}), so nothing was imported; ask someone who may read ` +
          `that level to import it`,
      ),
    );
  }
}

/** How often the commit reports progress (it runs in one synchronous transaction). */
const COMMIT_PROGRESS_EVERY = 256;

function applyManifest(
  tx: BundleTx,
  bundle: CheckedBundle,
  bundleName: string,
  actor: Pick<Actor, 'id' | 'readable'>,
  onProgress: (done: number) => void,
  /** Where a stored original lies (every original is stored before this runs). */
  storedPath: (sha256: string) => string,
): Omit<BundleImportReport, 'bundle'> {
  const now = new Date().toISOString();
  const scope = scopeOf(actor);
  const refused = new Refusals();
  let tagsCreated = 0;
  let filesAdded = 0;
  let relationsAdded = 0;

  // ---- tags: merged by (normalised) name, parents first, hierarchy and colour kept -------------
  const tagIds = new Map<string, number>();
  const byName = new Map(bundle.tags.map((t) => [t.name, t]));
  const ensureTag = (name: string): number => {
    const known = tagIds.get(name);
    if (known !== undefined) return known;
    const t = byName.get(name)!;
    const parentId = t.parent !== null ? ensureTag(t.parent) : null;
    let norm: string;
    try {
      norm = normalizeTagName(t.name);
    } catch {
      throw new VanKhoError(appError('BUNDLE_INVALID', `tag name "${t.name.slice(0, 80)}"`));
    }
    // The tag store's rule: an accent/case twin of an existing tag is that tag.
    const existing = tx.findTagByFold(norm);
    let id: number;
    if (existing) {
      id = existing.id;
      tx.completeTag(existing, t.color, parentId);
    } else {
      id = tx.insertTag({ name: norm, parentId, color: t.color, createdAt: t.createdAt });
      tagsCreated++;
    }
    tagIds.set(name, id);
    return id;
  };
  for (const t of bundle.tags) ensureTag(t.name);

  // ---- import history: the batch first, each document's line as it is applied ----------------
  const batch = tx.insertDoneBatch(now, bundle.documentCount);

  // ---- documents, one at a time from the staged manifest ---------------------------------------

  const addFile = (docId: number, f: ManifestFile, role: 'main' | 'attachment'): void => {
    const fileId = tx.insertFile({
      documentId: docId,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
      originalName: f.originalName,
      role,
      position: f.position,
      textEncoding: f.textEncoding,
      importedAt: f.importedAt,
    });
    tx.insertPageTexts(fileId, pagesOf(bundle, f));
    const ocrPages = ocrPagesOfFile(bundle, f);
    // A bundle from before TIFF pages were turned by their Orientation tag has boxes on the stored pixels.
    tx.ocr.insertDonePages(
      fileId,
      f.ocr && !f.ocr.upright && f.mediaType === 'image/tiff'
        ? uprightCarriedPages(storedPath(f.sha256), ocrPages)
        : ocrPages,
    );
    filesAdded++;
  };

  // The bundle's uids and where they landed: relations are re-resolved by uid afterwards.
  const uidToId = new Map<string, number>();
  const outcomes: BundleImportOutcome[] = [];
  // Added documents, and merged ones whose metadata changed: their citations are resolved at the end.
  const toLink: number[] = [];
  forEachDocument(bundle, (d, index) => {
    let id = tx.documentIdByUid(d.uid) ?? undefined;
    let matchedBy: BundleImportOutcome['matchedBy'] = id !== undefined ? 'uid' : null;
    if (id === undefined) {
      for (const f of d.files) {
        id = tx.documentHoldingBytes(f.sha256) ?? undefined;
        if (id !== undefined) {
          matchedBy = 'sha256';
          break;
        }
      }
    }
    if (!scope.all && (id === undefined ? !scope.levels.has(d.access) : !tx.mayReadDocument(scope, id)))
      refused.add('document', d.access, id !== undefined);
    const changes: string[] = [];
    let outcome: BundleImportOutcomeKind;
    if (id === undefined) {
      id = tx.insertDocument(newDocumentRow(d));
      for (const f of d.fields) tx.carryField(id, f);
      for (const f of d.files) addFile(id, f, f.role);
      for (const t of d.tags) tx.linkDocumentTag(id, tagIds.get(t)!);
      if (d.validity) tx.writeValidityOverride(id, d.validity, d.validity.setBy, d.validity.setAt);
      toLink.push(id);
      outcome = 'added';
    } else {
      changes.push(...tx.mergeCarriedMetadata(id, d));
      if (changes.length > 0) toLink.push(id);
      const hasMain = tx.hasMainFile(id);
      for (const f of d.files) {
        if (tx.documentHoldingBytes(f.sha256) !== null) continue;
        addFile(id, f, f.role === 'main' && hasMain ? 'attachment' : f.role);
        changes.push(`file:${f.originalName}`);
      }
      for (const t of d.tags) {
        if (tx.linkDocumentTag(id, tagIds.get(t)!) > 0) changes.push(`tag:${t}`);
      }
      // A person's word on validity fills in where this archive has none; one said here is kept.
      if (d.validity && !tx.readValidityOverride(id)) {
        tx.writeValidityOverride(id, d.validity, d.validity.setBy, d.validity.setAt);
        changes.push('validity');
      }
      outcome = changes.length > 0 ? 'merged' : 'skipped';
    }
    uidToId.set(d.uid, id);
    tx.insertLog(
      batch,
      {
        path: `${bundleName}#${d.uid}`,
        outcome: outcome === 'added' ? 'imported' : 'duplicate',
        documentId: id,
        sha256: d.files[0]?.sha256 ?? null,
      },
      now,
    );
    outcomes.push({
      uid: d.uid,
      title: d.title,
      number: d.number,
      outcome,
      documentId: id,
      matchedBy,
      changes,
    });
    if ((index + 1) % COMMIT_PROGRESS_EVERY === 0) onProgress(index + 1);
  });

  // ---- relations: a person's link by uid, a citation by this archive's one rule; identical ones not
  // repeated; a person's confirmation kept -------------------------------------------------------
  forEachRelation(bundle, (r) => {
    const src = uidToId.get(r.sourceUid)!;
    let target: number | null = null;
    if (r.origin === 'auto' && r.citedNumberKey !== null) {
      // The link the sender's rule made is not taken on trust (an archive never upgraded carries
      // the old rule's links, issue 12): resolved here, where every bundle document is now filed.
      target = tx.resolveTarget(src, {
        number: r.citedNumber,
        key: r.citedNumberKey,
        type: r.citedType,
        issuer: r.citedIssuer,
        date: r.citedDate,
      });
    } else if (r.targetUid !== null) {
      target = uidToId.get(r.targetUid) ?? tx.documentIdByUid(r.targetUid);
    }
    const existing = tx.findRelation(src, r.kind, target, r.citedNumberKey);
    if (existing) {
      if (existing.origin === 'auto' && r.origin === 'manual') tx.markRelationManual(existing.id);
      return;
    }
    tx.insertRelation({
      sourceId: src,
      kind: r.kind,
      targetId: target,
      citedNumber: r.citedNumber,
      citedNumberKey: r.citedNumberKey,
      citedType: r.citedType,
      citedDate: r.citedDate,
      citedIssuer: r.citedIssuer,
      evidence: r.evidence,
      origin: r.origin,
      createdAt: r.createdAt,
    });
    relationsAdded++;
  });
  // This archive's citations waiting for a number an added document carries, and the added
  // documents' own open ones, resolved by the same rule (enrich-document.ts resolveTarget).
  for (const id of toLink) tx.linkOpenCitationsAround(id);

  // ---- hồ sơ: merged on mã hồ sơ, their documents where they landed, in the bundle's order -------
  const records: BundleRecordOutcome[] = [];
  for (const { documents, folder: _folder, ...fields } of bundle.head.records) {
    if (!tx.records.mayImportBundleRecord(fields, scope)) {
      refused.add('record', fields.access, tx.records.hasRecord(fields.code));
      continue;
    }
    try {
      records.push(
        tx.records.mergeBundleRecord(
          fields,
          documents.map((uid) => uidToId.get(uid)!),
          actor.id,
        ),
      );
    } catch (e) {
      // A value the archive would refuse from a person (a code without year, a bad date) is the bundle's fault.
      if (e instanceof VanKhoError && e.appError.code === 'INVALID_INPUT')
        throw new VanKhoError(appError('BUNDLE_INVALID', `hồ sơ ${fields.code}: ${e.appError.detail ?? ''}`));
      throw e;
    }
  }

  // Thrown inside the transaction: everything above rolls back, the archive stays as it was.
  refused.throwIfAny();

  let added = 0;
  let merged = 0;
  for (const o of outcomes) {
    if (o.outcome === 'added') added++;
    else if (o.outcome === 'merged') merged++;
  }
  return {
    added,
    merged,
    skipped: outcomes.length - added - merged,
    filesAdded,
    tagsCreated,
    relationsAdded,
    outcomes,
    records,
  };
}

/** A manifest document as the documents table's new row. */
function newDocumentRow(d: ManifestDocument): NewDocumentRow {
  const metadata: Partial<Record<MetadataField, string | null>> = {};
  for (const f of METADATA_FIELDS) metadata[f] = d[f];
  return {
    uid: d.uid,
    title: d.title,
    textStatus: d.textStatus,
    textErrorCode: d.textErrorCode,
    pageCount: d.pageCount,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    metadata,
    numberKey: d.numberKey,
    extractionRule: d.extractionRule,
  };
}
