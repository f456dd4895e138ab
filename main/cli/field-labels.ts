import type { MetadataField } from '../contract/dto.js';

/** Vietnamese / English labels of the metadata fields, as the CLI prints them. */
export const FIELD_LABELS: Record<MetadataField, string> = {
  title: 'Trích yếu / Title',
  number: 'Số, ký hiệu / Number',
  docType: 'Loại văn bản / Type',
  system: 'Hệ thống / System',
  issuer: 'Cơ quan ban hành / Issuer',
  issuerSuperior: 'Cơ quan chủ quản / Superior body',
  place: 'Địa danh / Place',
  issuedDate: 'Ngày ban hành / Issue date',
  signer: 'Người ký / Signer',
  signerTitle: 'Chức vụ người ký / Signer title',
  recipients: 'Nơi nhận / Recipients',
  notes: 'Ghi chú / Notes',
};

export const TEXT_STATUS_LABELS: Record<string, string> = {
  pending: 'đang chờ / pending',
  ok: 'đã trích xuất / extracted',
  partial: 'trích xuất một phần / partial',
  none: 'chưa có nội dung văn bản / no text yet',
  failed: 'không trích xuất được / not extracted',
};

/** Human file size (KB/MB), the same in both languages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
