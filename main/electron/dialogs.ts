// Native pickers for the façade (HostDialogs), in Vietnamese. Paths chosen here come from the
// user through the OS dialog in the main process, never from the renderer.
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { ExportKind } from '../contract/dto.js';
import type { HostDialogs } from '../core/app/session.js';

const IMPORT_FILTERS = [
  { name: 'Văn bản (PDF, Word, TXT, HTML)', extensions: ['pdf', 'docx', 'doc', 'txt', 'htm', 'html'] },
  { name: 'Tất cả các tệp', extensions: ['*'] },
];

const SAVE_TITLE: Record<ExportKind, string> = {
  bundle: 'Lưu gói văn bản',
  catalogue: 'Lưu danh mục văn bản',
  searchablePdf: 'Lưu bản PDF tìm kiếm được',
};
const SAVE_FILTER: Record<ExportKind, { name: string; extensions: string[] }> = {
  bundle: { name: 'Gói văn bản VanKho (ZIP)', extensions: ['zip'] },
  catalogue: { name: 'Bảng tính Excel', extensions: ['xlsx'] },
  searchablePdf: { name: 'Tệp PDF', extensions: ['pdf'] },
};

export function electronDialogs(window: () => BrowserWindow | null): HostDialogs {
  const open = (o: OpenDialogOptions) => {
    const w = window();
    return w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o);
  };
  const save = (o: SaveDialogOptions) => {
    const w = window();
    return w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o);
  };
  return {
    async pickDirectory(purpose) {
      const r = await open({
        title: purpose === 'open' ? 'Mở kho văn bản' : 'Chọn thư mục cho kho văn bản mới',
        buttonLabel: purpose === 'open' ? 'Mở kho' : 'Tạo kho',
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickImportPaths(folders) {
      const r = await open({
        title: folders ? 'Chọn thư mục cần nhập' : 'Chọn tệp cần nhập',
        buttonLabel: 'Nhập',
        properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        ...(folders ? {} : { filters: IMPORT_FILTERS }),
      });
      return r.canceled ? null : r.filePaths;
    },
    async pickSavePath(defaultName: string, kind: ExportKind) {
      const r = await save({
        title: SAVE_TITLE[kind],
        defaultPath: defaultName,
        buttonLabel: 'Lưu',
        filters: [SAVE_FILTER[kind]],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async pickSaveCopyPath(defaultName: string) {
      const r = await save({ title: 'Lưu bản sao tệp gốc', defaultPath: defaultName, buttonLabel: 'Lưu' });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
