import { formatDate } from '../contract/dates.js';
import type { MetadataField, RecordAccessLevel, SecrecyLevel } from '../contract/dto.js';
import {
  ACCESS_TERMS,
  FIELD_TERMS,
  SECRECY_TERMS,
  TEXT_STATUS_TERMS,
  bilingual,
} from '../contract/glossary.js';

// The CLI's labels come from the contract's glossary, the same table the UI's i18n uses.

/** "Vietnamese / English" labels of the metadata fields, as the CLI prints them. */
export const FIELD_LABELS = Object.fromEntries(
  Object.entries(FIELD_TERMS).map(([f, term]) => [f, bilingual(term)]),
) as Record<MetadataField, string>;

export const TEXT_STATUS_LABELS = Object.fromEntries(
  Object.entries(TEXT_STATUS_TERMS).map(([s, term]) => [s, bilingual(term)]),
) as Record<string, string>;

/** A stored value as a person reads it: levels by their names, dates as dd/mm/yyyy, the rest as is. */
export function fieldValueText(field: MetadataField, value: string): string {
  // The columns' CHECK constraints keep only the codes of these tables.
  if (field === 'access') return bilingual(ACCESS_TERMS[value as RecordAccessLevel]);
  if (field === 'secrecy') return bilingual(SECRECY_TERMS[value as SecrecyLevel]);
  if (field === 'issuedDate') return formatDate(value);
  return value;
}

/** Human file size (KB/MB), the same in both languages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
