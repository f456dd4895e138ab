// Issue 16 defect 11: one glossary (main/contract/glossary.ts) names fields and concepts for the CLI,
// the desktop menu and the UI; nothing repeats or contradicts it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS as CLI_FIELD_LABELS, TEXT_STATUS_LABELS } from '../../main/cli/field-labels.js';
import { METADATA_FIELDS, NO_TEXT_REASONS, type TextStatus } from '../../main/contract/dto.js';
import { FIELD_TERMS, NO_TEXT_TERMS, TERMS, TEXT_STATUS_TERMS } from '../../main/contract/glossary.js';
import { buildMenuTemplate, type MenuActions } from '../../main/electron/menu.js';
import { FIELD_LABELS as UI_FIELD_KEYS } from '../../renderer/src/features/review/field-labels.js';
import { en } from '../../renderer/src/i18n/en.js';
import { vi, type MessageKey } from '../../renderer/src/i18n/vi.js';
import { repoPath } from '../helpers/repo-root.js';

const ui = (key: MessageKey): string => `${vi[key]} / ${en[key]}`;

describe('glossary', () => {
  it('every field label the CLI prints is the UI’s label, in both languages', () => {
    for (const f of METADATA_FIELDS) {
      expect(CLI_FIELD_LABELS[f], f).toBe(ui(UI_FIELD_KEYS[f]));
      expect(vi[UI_FIELD_KEYS[f]], f).toBe(FIELD_TERMS[f].vi);
      expect(en[UI_FIELD_KEYS[f]], f).toBe(FIELD_TERMS[f].en);
    }
    expect(CLI_FIELD_LABELS.issuerSuperior).toBe('Cơ quan cấp trên / Superior body');
  });

  it('text statuses, tags and the check verdict read the same in the CLI and the UI', () => {
    for (const s of ['pending', 'partial', 'none', 'failed'] as const satisfies readonly TextStatus[]) {
      expect(TEXT_STATUS_LABELS[s]).toBe(ui(`doc.textStatus.${s}`));
    }
    for (const key of ['nav.tags', 'tags.title', 'doc.tags', 'archive.tags'] as const) {
      expect(vi[key]).toBe(TERMS.tags.vi);
      expect(en[key]).toBe(TERMS.tags.en);
    }
    expect(vi['archive.checkOk']).toBe(`${TERMS.checkOk.vi}.`);
    expect(TERMS.checkOk.vi).toBe('Kho văn bản toàn vẹn, không phát hiện lỗi');
  });

  it('the UI says why a file has no text in the CLI’s words (import report, document view)', () => {
    for (const r of NO_TEXT_REASONS) {
      expect(vi[`noText.${r}`]).toBe(NO_TEXT_TERMS[r].vi);
      expect(en[`noText.${r}`]).toBe(NO_TEXT_TERMS[r].en);
    }
    expect(vi['noText.scan']).toBe('Đã lưu, chưa có chữ (bản quét — chờ OCR)');
    expect(en['noText.unsupported']).toBe('Stored, this format is not read');
  });

  it('the desktop menu names the tags and archive screens as the sidebar does', () => {
    const actions = new Proxy({} as MenuActions, { get: () => () => undefined });
    const labels = JSON.stringify(buildMenuTemplate(actions, 'linux').map((m) => m.submenu));
    expect(labels).toContain(`"label":"${vi['nav.tags']}"`);
    expect(labels).toContain(`"label":"${vi['nav.archive']}"`);
    expect(labels).not.toContain('Nhãn');
  });

  it('is NFC with Vietnamese diacritics', () => {
    const all = [FIELD_TERMS, TEXT_STATUS_TERMS, NO_TEXT_TERMS, TERMS].flatMap((t) => Object.values(t));
    for (const term of all) {
      expect(term.vi).toBe(term.vi.normalize('NFC'));
      expect(term.en).toBe(term.en.normalize('NFC'));
    }
  });

  it('no source or doc uses the retired words (nhãn for thẻ, chủ quản for cấp trên, ổn định for toàn vẹn)', () => {
    const retired = /nhãn|chủ quản|ổn định/iu;
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|md)$/.test(name)) files.push(p);
      }
    };
    for (const d of ['main', 'renderer/src', 'preload', 'docs']) walk(repoPath(d));
    files.push(repoPath('README.md'));
    const found = files.filter((f) => retired.test(readFileSync(f, 'utf8').normalize('NFC')));
    expect(found).toEqual([]);
  });
});
