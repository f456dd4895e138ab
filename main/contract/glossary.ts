// The one glossary of field and concept names (Vietnamese + English). The CLI, the desktop menu and the
// renderer's i18n all take their labels from here, so a field or concept is never called two things
// on two surfaces (issue 16: the CLI and the UI had drifted apart). NFC text, correct diacritics.
import { fold } from './fold-text.js';
import {
  RECORD_ACCESS_LEVELS,
  SECRECY_LEVELS,
  type AuditAction,
  type MetadataField,
  type NoTextReason,
  type RecordAccessLevel,
  type SecrecyLevel,
  type TextStatus,
  type ValidityStatus,
} from './dto.js';

export interface Term {
  readonly vi: string;
  readonly en: string;
}

/** The metadata fields, as the document form, the review queue and the CLI name them. */
export const FIELD_TERMS = {
  title: { vi: 'Trích yếu', en: 'Summary' },
  number: { vi: 'Số ký hiệu', en: 'Number' },
  docType: { vi: 'Loại văn bản', en: 'Document type' },
  system: { vi: 'Hệ thống', en: 'System' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  issuerSuperior: { vi: 'Cơ quan cấp trên', en: 'Superior body' },
  place: { vi: 'Địa danh', en: 'Place' },
  issuedDate: { vi: 'Ngày ban hành', en: 'Date issued' },
  signer: { vi: 'Người ký', en: 'Signed by' },
  signerTitle: { vi: 'Chức vụ người ký', en: 'Signer’s title' },
  recipients: { vi: 'Nơi nhận', en: 'Recipients' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  access: { vi: 'Mức độ tiếp cận', en: 'Access level' },
  secrecy: { vi: 'Độ mật', en: 'Secrecy' },
} as const satisfies Record<MetadataField, Term>;

/** Where a document's text stands. */
export const TEXT_STATUS_TERMS = {
  pending: { vi: 'Đang chờ trích xuất', en: 'Waiting for extraction' },
  ok: { vi: 'Đã trích xuất', en: 'Extracted' },
  partial: { vi: 'Trích xuất một phần', en: 'Partly extracted' },
  none: { vi: 'Chưa có chữ', en: 'No text yet' },
  failed: { vi: 'Trích xuất lỗi', en: 'Extraction failed' },
} as const satisfies Record<TextStatus, Term>;

/** Why a stored document has no text: the import report (UI, CLI) and the document view say it. */
export const NO_TEXT_TERMS = {
  scan: {
    vi: 'Đã lưu, chưa có chữ (bản quét — chờ OCR)',
    en: 'Stored, no text yet (scan — waiting for OCR)',
  },
  unsupported: { vi: 'Đã lưu, định dạng này chưa được đọc', en: 'Stored, this format is not read' },
  empty: { vi: 'Đã lưu, tệp không có chữ', en: 'Stored, the file holds no text' },
  encrypted: {
    vi: 'Đã lưu, PDF có mật khẩu — chưa đọc được chữ',
    en: 'Stored, password-protected PDF — text not read',
  },
  unreadable: { vi: 'Đã lưu, không đọc được chữ', en: 'Stored, the text could not be read' },
} as const satisfies Record<NoTextReason, Term>;

/** Tình trạng hiệu lực: the document screen, search facet and CLI name a status so. */
export const VALIDITY_TERMS = {
  unknown: {
    vi: 'Chưa rõ (kho không có văn bản thay thế, bãi bỏ)',
    en: 'Unknown (nothing in the archive replaces or repeals it)',
  },
  'in-force': { vi: 'Còn hiệu lực', en: 'In force' },
  amended: { vi: 'Được sửa đổi, bổ sung', en: 'Amended' },
  replaced: { vi: 'Bị thay thế', en: 'Replaced' },
  'no-longer-in-force': { vi: 'Hết hiệu lực', en: 'No longer in force' },
} as const satisfies Record<ValidityStatus, Term>;

/**
 * Mức độ tiếp cận of a document or hồ sơ: the one table of its names for the UI's dropdowns, badges
 * and facet, the CLI and the printed catalogues. "Mật" is the lowest độ mật (Luật Bảo vệ bí mật nhà
 * nước 2018), so it is "Confidential" here as in SECRECY_TERMS; "Secret" is tối mật.
 */
export const ACCESS_TERMS = {
  'cong-khai': { vi: 'Công khai', en: 'Public' },
  'han-che': { vi: 'Hạn chế', en: 'Restricted' },
  mat: { vi: 'Mật', en: 'Confidential' },
} as const satisfies Record<RecordAccessLevel, Term>;

/** Độ mật marked on a document (mật / tối mật / tuyệt mật). */
export const SECRECY_TERMS = {
  mat: { vi: 'Mật', en: 'Confidential' },
  'toi-mat': { vi: 'Tối mật', en: 'Secret' },
  'tuyet-mat': { vi: 'Tuyệt mật', en: 'Top secret' },
} as const satisfies Record<SecrecyLevel, Term>;

/** Spaces, underscores and accents do not matter: 'Công khai', 'cong_khai', 'CONG KHAI' are alike. */
const levelKey = (s: string): string => fold(s.normalize('NFC').trim()).replace(/[\s_-]+/g, '-');

function codeOf<K extends string>(codes: readonly K[], terms: Record<K, Term>, value: string): K | null {
  const key = levelKey(value);
  if (key === '') return null;
  return (
    codes.find((c) => c === key || levelKey(terms[c].vi) === key || levelKey(terms[c].en) === key) ?? null
  );
}

/**
 * The one reader of an access level as people type it (CLI flags, `set`, the edit form, imported
 * metadata, bundles): its code, the Vietnamese words with or without accents, or the English name
 * ('mat', 'Mật', 'mật', 'Confidential' → 'mat'). null when it names no level.
 */
export function parseAccessLevel(value: string): RecordAccessLevel | null {
  return codeOf(RECORD_ACCESS_LEVELS, ACCESS_TERMS, value);
}

/** The same for độ mật ('toi-mat', 'Tối mật', 'Secret' → 'toi-mat'). */
export function parseSecrecyLevel(value: string): SecrecyLevel | null {
  return codeOf(SECRECY_LEVELS, SECRECY_TERMS, value);
}

/** What a refused level is told it should be (both languages, the codes and the words). */
export function levelChoices(kind: 'access' | 'secrecy'): string {
  const [codes, terms] =
    kind === 'access'
      ? ([RECORD_ACCESS_LEVELS, ACCESS_TERMS] as const)
      : ([SECRECY_LEVELS, SECRECY_TERMS] as const);
  const label = kind === 'access' ? FIELD_TERMS.access : FIELD_TERMS.secrecy;
  return `${bilingual(label)}: ${codes.map((c) => `${c} (${bilingual((terms as Record<string, Term>)[c]!)})`).join(', ')}`;
}

/** What an access-log row says happened (the CLI's `audit` and the Nhật ký truy cập screen). */
export const AUDIT_ACTION_TERMS = {
  login: { vi: 'Đăng nhập', en: 'Signed in' },
  'login-failed': { vi: 'Đăng nhập thất bại', en: 'Sign-in failed' },
  logout: { vi: 'Đăng xuất', en: 'Signed out' },
  view: { vi: 'Xem', en: 'Viewed' },
  download: { vi: 'Tải về', en: 'Downloaded' },
  print: { vi: 'In', en: 'Printed' },
  export: { vi: 'Xuất', en: 'Exported' },
  import: { vi: 'Nhập', en: 'Imported' },
  edit: { vi: 'Sửa', en: 'Edited' },
  delete: { vi: 'Chuyển vào thùng rác', en: 'Moved to the trash' },
  restore: { vi: 'Khôi phục', en: 'Restored' },
  purge: { vi: 'Xóa hẳn', en: 'Deleted for good' },
  record: { vi: 'Hồ sơ', en: 'Records file' },
  register: { vi: 'Vào sổ', en: 'Registered' },
  tags: { vi: 'Cây thẻ', en: 'Tag tree' },
  users: { vi: 'Tài khoản', en: 'Accounts' },
  access: { vi: 'Quyền đọc', en: 'Read access' },
} as const satisfies Record<AuditAction, Term>;

/** Concepts named on more than one surface (screens, menu, CLI). */
export const TERMS = {
  /** A label a person puts on documents (the UI's word, used by the CLI and the menu too). */
  tag: { vi: 'Thẻ', en: 'Tag' },
  tags: { vi: 'Thẻ', en: 'Tags' },
  archive: { vi: 'Kho lưu trữ', en: 'Archive' },
  /** Nhật ký truy cập: the audit rows (screen, menu, `vankho audit`). */
  auditLog: { vi: 'Nhật ký truy cập', en: 'Access log' },
  /** The office server's accounts (screen, menu). */
  accounts: { vi: 'Tài khoản', en: 'Accounts' },
  pageCount: { vi: 'Số trang', en: 'Pages' },
  validity: { vi: 'Hiệu lực', en: 'Validity' },
  replacedBy: { vi: 'Bị thay thế bởi', en: 'Replaced by' },
  repealedBy: { vi: 'Bị bãi bỏ bởi', en: 'Repealed by' },
  amendedBy: { vi: 'Được sửa đổi, bổ sung bởi', en: 'Amended by' },
  /** The archive check found no error (warnings may remain). */
  checkOk: { vi: 'Kho văn bản toàn vẹn, không phát hiện lỗi', en: 'The archive is intact; no errors found' },
  checkErrors: { vi: 'Kho văn bản có lỗi', en: 'The archive has errors' },
} as const satisfies Record<string, Term>;

/** "Vietnamese / English", the way the CLI prints a term. */
export function bilingual(term: Term): string {
  return `${term.vi} / ${term.en}`;
}

/** Vietnamese label of a relation kind (relations.kind), as the CLI shows citations. */
export const RELATION_KIND_LABELS: Readonly<Record<string, string>> = {
  can_cu: 'căn cứ',
  thuc_hien: 'thực hiện',
  theo: 'theo',
  huong_dan: 'hướng dẫn',
  sua_doi: 'sửa đổi',
  bo_sung: 'bổ sung',
  thay_the: 'thay thế',
  bai_bo: 'bãi bỏ',
  lien_quan: 'liên quan',
};
