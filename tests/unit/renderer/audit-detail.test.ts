import { describe, expect, it } from 'vitest';
import { auditDetailText } from '../../../renderer/src/features/audit/audit-detail.js';
import { formatMessage } from '../../../renderer/src/i18n/format-message.js';
import { en } from '../../../renderer/src/i18n/en.js';
import { vi, type MessageKey } from '../../../renderer/src/i18n/vi.js';

const tVi = (k: MessageKey, vars?: Record<string, string | number>): string => formatMessage(vi[k], vars);
const tEn = (k: MessageKey, vars?: Record<string, string | number>): string => formatMessage(en[k], vars);

describe('audit detail in words', () => {
  it('says an account change as before → after, with role and level names', () => {
    const d = JSON.stringify({ user: 'canbo', from: { role: 'reader' }, to: { role: 'archivist' } });
    expect(auditDetailText(d, tVi)).toBe('canbo — vai trò: cán bộ → văn thư, lưu trữ');
    expect(auditDetailText(d, tEn)).toBe('canbo — role: reader → archivist');
    const two = JSON.stringify({
      user: 'canbo',
      from: { grants: ['han-che'], disabled: false },
      to: { grants: [], disabled: true },
    });
    expect(auditDetailText(two, tVi)).toBe('canbo — cấp thêm: Hạn chế → —; khóa: không → có');
  });

  it('says a new account and a password reset, never a raw JSON', () => {
    const made = JSON.stringify({
      user: 'docgia',
      from: null,
      to: { displayName: 'Lê Thị Độc Giả', role: 'reader', grants: ['han-che', 'mat'] },
    });
    expect(auditDetailText(made, tVi)).toBe(
      'docgia — tạo tài khoản (tên hiển thị: Lê Thị Độc Giả; vai trò: cán bộ; cấp thêm: Hạn chế, Mật)',
    );
    const reset = JSON.stringify({ user: 'docgia', from: null, to: { password: 'reset' } });
    expect(auditDetailText(reset, tEn)).toBe('docgia — password reset');
  });

  it("reads other notes' fields and leaves plain text and nothing as they are", () => {
    expect(
      auditDetailText(JSON.stringify({ method: 'documentUpdate', fields: ['title', 'number'] }), tVi),
    ).toBe('fields: title, number');
    expect(auditDetailText('canbo (password)', tVi)).toBe('canbo (password)');
    expect(auditDetailText(null, tVi)).toBe('');
  });
});
