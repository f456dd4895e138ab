import type { MetadataField } from '../contract/dto.js';
import { FIELD_TERMS, TEXT_STATUS_TERMS, bilingual } from '../contract/glossary.js';

// The CLI's labels come from the contract's glossary, the same table the UI's i18n uses.

/** "Vietnamese / English" labels of the metadata fields, as the CLI prints them. */
export const FIELD_LABELS = Object.fromEntries(
  Object.entries(FIELD_TERMS).map(([f, term]) => [f, bilingual(term)]),
) as Record<MetadataField, string>;

export const TEXT_STATUS_LABELS = Object.fromEntries(
  Object.entries(TEXT_STATUS_TERMS).map(([s, term]) => [s, bilingual(term)]),
) as Record<string, string>;

/** Human file size (KB/MB), the same in both languages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
