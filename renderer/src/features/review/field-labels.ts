// The metadata fields' UI labels (one map for the form, the review queue and bulk edits).
import type { MetadataField } from '../../../../main/contract/dto.js';
import type { MessageKey } from '../../i18n/vi.js';

export const FIELD_LABELS: Record<MetadataField, MessageKey> = {
  title: 'field.title',
  number: 'field.number',
  docType: 'field.docType',
  system: 'field.system',
  issuer: 'field.issuer',
  issuerSuperior: 'field.issuerSuperior',
  place: 'field.place',
  issuedDate: 'field.issuedDate',
  signer: 'field.signer',
  signerTitle: 'field.signerTitle',
  recipients: 'field.recipients',
  notes: 'field.notes',
  access: 'field.access',
  secrecy: 'field.secrecy',
};
