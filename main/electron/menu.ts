// The Vietnamese application menu. The template is built from plain action callbacks so a test
// can read its structure and fire items without Electron; main.ts installs it with Menu.
import type { MenuItemConstructorOptions } from 'electron';
import { TERMS } from '../contract/glossary.js';

export interface MenuActions {
  openArchive(): void;
  createArchive(): void;
  /** Kết nối kho dùng chung: the archive screen's connect form (from a shared window: back to local first). */
  connectShared(): void;
  /** Back from a shared archive to the archive on this computer. */
  useLocalArchive(): void;
  importFiles(): void;
  importFolder(): void;
  exportBundle(): void;
  exportCatalogue(): void;
  backup(): void;
  restore(): void;
  checkArchive(): void;
  loadSamples(): void;
  focusSearch(): void;
  showTags(): void;
  showArchive(): void;
  showAudit(): void;
  toggleLanguage(): void;
  showHelp(): void;
  showAbout(): void;
}

export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&Tệp',
    submenu: [
      { label: 'Mở kho văn bản…', accelerator: 'CmdOrCtrl+O', click: () => actions.openArchive() },
      {
        label: 'Tạo kho văn bản mới…',
        accelerator: 'CmdOrCtrl+Shift+N',
        click: () => actions.createArchive(),
      },
      { label: 'Kết nối kho dùng chung…', click: () => actions.connectShared() },
      { label: 'Dùng kho trên máy này', click: () => actions.useLocalArchive() },
      { type: 'separator' },
      { label: 'Nhập tệp…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
      { label: 'Nhập thư mục…', accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.importFolder() },
      { label: 'Tải văn bản mẫu', click: () => actions.loadSamples() },
      { type: 'separator' },
      { label: 'Xuất gói văn bản (ZIP)…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportBundle() },
      { label: 'Xuất danh mục văn bản…', click: () => actions.exportCatalogue() },
      { type: 'separator' },
      { label: 'Sao lưu kho…', click: () => actions.backup() },
      { label: 'Khôi phục từ bản sao lưu…', click: () => actions.restore() },
      { label: 'Kiểm tra kho', click: () => actions.checkArchive() },
      { type: 'separator' },
      { label: platform === 'darwin' ? 'Thoát VanKho' : 'Thoát', role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Chỉnh sửa',
    submenu: [
      { label: 'Hoàn tác', role: 'undo' },
      { label: 'Làm lại', role: 'redo' },
      { type: 'separator' },
      { label: 'Cắt', role: 'cut' },
      { label: 'Sao chép', role: 'copy' },
      { label: 'Dán', role: 'paste' },
      { label: 'Chọn tất cả', role: 'selectAll' },
      { type: 'separator' },
      { label: 'Tìm kiếm', accelerator: 'CmdOrCtrl+K', click: () => actions.focusSearch() },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&Xem',
    submenu: [
      { label: 'Tìm kiếm', accelerator: 'CmdOrCtrl+F', click: () => actions.focusSearch() },
      { label: TERMS.tags.vi, accelerator: 'CmdOrCtrl+L', click: () => actions.showTags() },
      { label: TERMS.archive.vi, click: () => actions.showArchive() },
      { label: TERMS.auditLog.vi, click: () => actions.showAudit() },
      { type: 'separator' },
      { label: 'Phóng to', role: 'zoomIn' },
      { label: 'Thu nhỏ', role: 'zoomOut' },
      { label: 'Cỡ chữ mặc định', role: 'resetZoom' },
      { label: 'Toàn màn hình', role: 'togglefullscreen' },
      { type: 'separator' },
      { label: 'Tiếng Việt / English', click: () => actions.toggleLanguage() },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Trợ &giúp',
    submenu: [
      { label: 'Hướng dẫn sử dụng', accelerator: 'F1', click: () => actions.showHelp() },
      { label: 'Giới thiệu VanKho', click: () => actions.showAbout() },
    ],
  };
  return [file, edit, view, help];
}
