import type { BundleFileRow, BundleRows, BundleTagRow } from '../archive/bundle-rows.js';
import type { ManifestDocument, ManifestRelation, ManifestTag } from './bundle-manifest.js';

// What a bundle carries about a set of documents, in the manifest's shape: document columns, field
// provenance, stored files, tags (with every ancestor, so the hierarchy survives), the relations
// whose source is in the set, and a person's validity override. The rows come from core/archive
// (bundle-rows.ts), never from the database here.

export type CollectedFile = BundleFileRow;

export interface CollectedDocument {
  id: number;
  doc: Omit<ManifestDocument, 'files'>;
  files: CollectedFile[];
}

export interface CollectedBundleData {
  documents: CollectedDocument[];
  tags: ManifestTag[];
  relations: ManifestRelation[];
}

/** Documents in the order of `ids` (unknown ids are skipped; duplicates collapse). */
export function collectBundleData(rows: BundleRows, ids: readonly number[]): CollectedBundleData {
  const tagsById = new Map<number, BundleTagRow>();
  const loadTag = (id: number): BundleTagRow | undefined => {
    let t = tagsById.get(id);
    if (!t) {
      t = rows.tag(id);
      if (t) tagsById.set(id, t);
    }
    return t;
  };

  const documents: CollectedDocument[] = [];
  const relations: ManifestRelation[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const r = rows.document(id);
    if (!r) continue;
    const tagNames: string[] = [];
    for (const tagId of rows.tagIds(id)) {
      const t = loadTag(tagId);
      if (t) tagNames.push(t.name);
    }
    documents.push({
      id: r.id,
      doc: {
        uid: r.uid,
        title: r.title,
        number: r.number,
        numberKey: r.number_key,
        docType: r.doc_type,
        system: r.system,
        issuer: r.issuer,
        issuerSuperior: r.issuer_superior,
        place: r.place,
        issuedDate: r.issued_date,
        signer: r.signer,
        signerTitle: r.signer_title,
        recipients: r.recipients,
        notes: r.notes,
        access: r.access,
        secrecy: r.secrecy,
        textStatus: r.text_status,
        textErrorCode: r.text_error_code,
        pageCount: r.page_count,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        extractionRule: r.extraction_rule,
        fields: rows.fields(id).map((f) => ({
          field: f.field,
          source: f.source,
          confidence: f.confidence,
          updatedAt: f.updated_at,
        })),
        tags: tagNames.sort(),
        validity: rows.validity(id),
      },
      files: rows.files(id),
    });
    for (const rel of rows.relations(id)) {
      relations.push({
        sourceUid: r.uid,
        kind: rel.kind,
        targetUid: rel.target_uid,
        citedNumber: rel.cited_number,
        citedNumberKey: rel.cited_number_key,
        citedType: rel.cited_type,
        citedDate: rel.cited_date,
        citedIssuer: rel.cited_issuer,
        evidence: rel.evidence,
        origin: rel.origin,
        createdAt: rel.created_at,
      });
    }
  }

  // Ancestors of every used tag, so the importing archive can rebuild the hierarchy.
  for (const t of [...tagsById.values()]) {
    let parent = t.parent_id;
    const guard = new Set<number>();
    while (parent !== null && !guard.has(parent)) {
      guard.add(parent);
      const p = loadTag(parent);
      parent = p ? p.parent_id : null;
    }
  }
  const tags: ManifestTag[] = [...tagsById.values()]
    .sort((a, b) => a.id - b.id)
    .map((t) => ({
      name: t.name,
      parent: t.parent_id === null ? null : (tagsById.get(t.parent_id)?.name ?? null),
      color: t.color,
      createdAt: t.created_at,
    }));
  return { documents, tags, relations };
}
