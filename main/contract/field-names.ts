// Metadata fields (contract names) ↔ their snake_case names: the columns of documents (and the names
// in document_fields.field), which the CLI accepts too (`set doc_type=…`, `list --missing issued_date`).
// One closed map for the core's SQL and for every caller that takes a field by name.
import { METADATA_FIELDS, type MetadataField } from './dto.js';

/** Metadata field (contract name) → documents column, also the value of document_fields.field. */
export const FIELD_COLUMNS: Record<MetadataField, string> = {
  title: 'title',
  number: 'number',
  docType: 'doc_type',
  system: 'system',
  issuer: 'issuer',
  issuerSuperior: 'issuer_superior',
  place: 'place',
  issuedDate: 'issued_date',
  signer: 'signer',
  signerTitle: 'signer_title',
  recipients: 'recipients',
  notes: 'notes',
  access: 'access',
  secrecy: 'secrecy',
};
const COLUMN_FIELDS = new Map<string, MetadataField>(
  METADATA_FIELDS.map((f) => [FIELD_COLUMNS[f], f] as [string, MetadataField]),
);

/** Accepts a contract field name (docType) or its column name (doc_type). */
export function parseMetadataField(name: string): MetadataField | null {
  if ((METADATA_FIELDS as readonly string[]).includes(name)) return name as MetadataField;
  return COLUMN_FIELDS.get(name) ?? null;
}
