import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../main/electron/menu.js';

function actions(calls: string[]): MenuActions {
  return new Proxy({} as MenuActions, {
    get: (_t, name: string) => () => calls.push(name),
  });
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  it('is in Vietnamese, with File, Edit, View, Help', () => {
    const tpl = buildMenuTemplate(actions([]), 'linux');
    expect(tpl.map((m) => m.label?.replace('&', ''))).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
    for (const item of flatten(tpl)) {
      if (item.label) expect(item.label.normalize('NFC')).toBe(item.label);
    }
  });

  it('offers connecting to a shared archive and going back to the local one (Tệp menu)', () => {
    const calls: string[] = [];
    const file = buildMenuTemplate(actions(calls), 'linux')[0]!;
    const items = (file.submenu as MenuItemConstructorOptions[]).filter((i) => i.label);
    const connect = items.find((i) => i.label === 'Kết nối kho dùng chung…');
    const local = items.find((i) => i.label === 'Dùng kho trên máy này');
    (connect?.click as () => void)();
    (local?.click as () => void)();
    expect(calls).toEqual(['connectShared', 'useLocalArchive']);
  });

  it('wires import, export, backup, restore, check and search items to their actions', () => {
    const calls: string[] = [];
    const items = flatten(buildMenuTemplate(actions(calls), 'linux'));
    const click = (label: string): void => {
      const item = items.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      (item?.click as () => void)();
    };
    click('Nhập tệp…');
    click('Nhập thư mục…');
    click('Xuất gói văn bản (ZIP)…');
    click('Sao lưu kho…');
    click('Khôi phục từ bản sao lưu…');
    click('Kiểm tra kho');
    click('Tìm kiếm');
    expect(calls).toEqual([
      'importFiles',
      'importFolder',
      'exportBundle',
      'backup',
      'restore',
      'checkArchive',
      'focusSearch',
    ]);
  });

  it('gives search Ctrl+K/Ctrl+F and import Ctrl+I', () => {
    const items = flatten(buildMenuTemplate(actions([]), 'linux'));
    const accels = items.map((i) => i.accelerator).filter(Boolean);
    expect(accels).toEqual(expect.arrayContaining(['CmdOrCtrl+K', 'CmdOrCtrl+F', 'CmdOrCtrl+I']));
    expect(new Set(accels).size).toBe(accels.length);
  });
});
