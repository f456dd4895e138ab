import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en.js';
import { formatMessage } from '../../../renderer/src/i18n/format-message.js';
import { vi } from '../../../renderer/src/i18n/vi.js';

describe('UI messages', () => {
  it('are NFC in both languages', () => {
    const notNfc = [...Object.entries(vi), ...Object.entries(en)].filter(([, v]) => v !== v.normalize('NFC'));
    expect(notNfc).toEqual([]);
  });

  it('use the same placeholders in Vietnamese and English', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = Object.keys(vi).filter(
      (k) => names(vi[k as keyof typeof vi]).join() !== names(en[k as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('fills placeholders and composes decomposed input', () => {
    expect(formatMessage('Đã gắn thẻ “{name}”.', { name: 'Chuyển đổi số'.normalize('NFD') })).toBe(
      'Đã gắn thẻ “Chuyển đổi số”.',
    );
    expect(formatMessage('{count} văn bản', {})).toBe('{count} văn bản');
  });
});
