// Electron entry (package.json "main" → build/main/electron/main.js). Registers the privileged
// schemes, takes the single-instance lock, starts the app host, wires IPC, protocols, menu and the
// window, and shuts the host down (jobs cancelled and awaited, archive closed) before quitting.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import type { MenuCommand } from '../contract/events.js';
import { IPC_EVENT_CHANNEL } from '../contract/transport.js';
import { appError } from '../contract/errors.js';
import { LOCAL_ACTOR } from '../contract/request-context.js';
import { appRoot, defaultRendererDir, defaultSamplesDir } from '../host/app-paths.js';
import { toAppError } from '../core/errors/to-app-error.js';
import { startHostWorker, type HostClient } from '../host/host-client.js';
import type { ArchiveInfo, CheckReportDto, JobStarted, RecentArchive } from '../contract/dto.js';
import type { ApiMethod, ApiOutput } from '../contract/api.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import { electronDialogs } from './dialogs.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { buildMenuTemplate, type MenuActions } from './menu.js';
import { handleProtocols, registerPrivilegedSchemes } from './protocols.js';
import { createMainWindow, hardenSessionAndContents } from './window.js';
import { connectShared, probeSharedServer, type SharedServer } from '../host/shared-server.js';
import { RecentArchives } from '../host/recent-archives.js';
import { API } from '../contract/api.js';
import type { Dispatch } from '../core/app/dispatch.js';
import { confirmFingerprint, createSharedWindow } from './shared-window.js';

const here = dirname(fileURLToPath(import.meta.url));
/** scripts/start-electron.mjs bundles the preload to build/preload/preload.cjs (sandboxed preloads are CommonJS). */
const PRELOAD = join(here, '..', '..', 'preload', 'preload.cjs');
/** The Electron-ABI better-sqlite3 prepared by scripts/start-electron.mjs (unset in a packaged app). */
const NATIVE_BINDING = process.env.VANKHO_SQLITE_BINDING;

registerPrivilegedSchemes();

let win: BrowserWindow | null = null;
let host: HostClient | null = null;
/** The shared archive the window shows (Kết nối kho dùng chung), or null for the local app. */
let shared: SharedServer | null = null;
let recentStore: RecentArchives | null = null;
const ICON = join(appRoot, 'resources', 'icons', 'icon.png');
const iconPath = (): string | undefined => (existsSync(ICON) ? ICON : undefined);

/** Replaces the window: the server's page (server) or the local app (null). */
function showWindow(server: SharedServer | null): BrowserWindow {
  const old = win;
  shared = server;
  const next = server ? createSharedWindow(server, iconPath()) : createMainWindow(PRELOAD, iconPath());
  win = next;
  next.on('closed', () => {
    if (win === next) win = null;
  });
  if (server) {
    // A server that stops answering (or shows another certificate) leaves a blank page: say so, go local.
    next.webContents.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
      // -3 (ERR_ABORTED): a navigation the hardening cancelled, not a failed server.
      if (!isMainFrame || win !== next || code === -3) return;
      showError(new Error(`${server.url}: ${description} (${code})`));
      backToLocal();
    });
  }
  old?.destroy();
  return next;
}

function backToLocal(): void {
  if (!shared) return;
  recentStore?.leaveShared(shared.url);
  showWindow(null);
}

/** sharedConnect from the local page (the archive screen's form or a recent entry). */
async function connectFromPage(input: unknown): Promise<{ connected: boolean }> {
  const parsed = API.sharedConnect.input.safeParse(input);
  if (!parsed.success) throw new VanKhoError(appError('INVALID_INPUT', 'address'));
  return connectShared(parsed.data.address, {
    recent: recentStore!,
    confirm: (server, identity) => confirmFingerprint(win, server, identity),
    open: (server) => void showWindow(server),
  });
}

function send(command: MenuCommand): void {
  win?.webContents.send(IPC_EVENT_CHANNEL, { type: 'menuCommand', command });
}

function showError(e: unknown): void {
  const err = toAppError(e);
  dialog.showErrorBox(
    'VanKho',
    `${err.message.vi}\n${err.message.en}${err.detail ? `\n\n${err.detail}` : ''}`,
  );
}

/** A contract call from the main process itself (menu), unwrapping the Result. */
async function call<M extends ApiMethod>(h: HostClient, method: M, input: unknown): Promise<ApiOutput<M>> {
  const r = await h.dispatch(method, input);
  if (!r.ok) throw new VanKhoError(r.error);
  return r.value as ApiOutput<M>;
}

function menuActions(h: HostClient): MenuActions {
  const run = (fn: () => Promise<unknown>): void => {
    fn().catch(showError);
  };
  const dialogs = electronDialogs(() => win);
  const openOrCreate = (purpose: 'open' | 'create') =>
    run(async () => {
      // The pick goes through the host (which shows the dialog here), so the folder counts as user-chosen.
      const dir = await call(h, 'archivePickDirectory', { purpose });
      if (dir) await call(h, purpose === 'open' ? 'archiveOpen' : 'archiveCreate', { dir });
    });
  return {
    connectShared: () => {
      if (shared) backToLocal();
      // The form is on the archive screen; a fresh local window shows it once loaded.
      const w = win;
      if (w?.webContents.isLoading()) w.webContents.once('did-finish-load', () => send('showArchive'));
      else send('showArchive');
    },
    useLocalArchive: () => backToLocal(),
    openArchive: () => openOrCreate('open'),
    createArchive: () => openOrCreate('create'),
    importFiles: () =>
      run(async () => {
        if ((await call(h, 'importFromDialog', { folders: false })) as JobStarted | null) send('showImport');
      }),
    importFolder: () =>
      run(async () => {
        if ((await call(h, 'importFromDialog', { folders: true })) as JobStarted | null) send('showImport');
      }),
    loadSamples: () =>
      run(async () => {
        await call(h, 'archiveLoadSamples', {});
        send('showImport');
      }),
    exportBundle: () => send('showExport'),
    exportCatalogue: () => send('showExport'),
    backup: () =>
      run(async () => {
        const name = `VanKho-sao-luu-${new Date().toISOString().slice(0, 10)}.vankho-backup.zip`;
        const r = await dialog.showSaveDialog({
          title: 'Sao lưu kho văn bản',
          defaultPath: name,
          buttonLabel: 'Sao lưu',
          filters: [{ name: 'Bản sao lưu VanKho', extensions: ['zip'] }],
        });
        if (r.canceled || !r.filePath) return;
        const report = await h.op('backupTo', r.filePath);
        await dialog.showMessageBox({
          type: 'info',
          title: 'Sao lưu kho',
          message: `Đã sao lưu ${report.documents} văn bản, ${report.files} tệp. / Backed up ${report.documents} documents.`,
          detail: report.out,
        });
      }),
    restore: () =>
      run(async () => {
        const src = await dialog.showOpenDialog({
          title: 'Chọn bản sao lưu',
          properties: ['openFile'],
          filters: [{ name: 'Bản sao lưu VanKho', extensions: ['zip'] }],
        });
        const file = src.canceled ? undefined : src.filePaths[0];
        if (!file) return;
        const dir = await dialogs.pickDirectory('create');
        if (!dir) return;
        const info: ArchiveInfo = await h.op('restoreInto', file, dir);
        await dialog.showMessageBox({
          type: 'info',
          title: 'Khôi phục kho',
          message: `Đã khôi phục và mở kho ${info.name} (${info.documentCount} văn bản). / Restored and opened.`,
        });
      }),
    checkArchive: () =>
      run(async () => {
        const r: CheckReportDto = await call(h, 'archiveCheck', { full: false });
        await dialog.showMessageBox({
          type: r.ok ? 'info' : 'warning',
          title: 'Kiểm tra kho',
          message: r.ok
            ? 'Kho văn bản không có lỗi. / The archive is healthy.'
            : `Phát hiện ${r.problems.length} vấn đề. / ${r.problems.length} problem(s) found.`,
          detail: r.problems
            .slice(0, 20)
            .map((p) => `• ${p.message.vi}${p.detail ? ` (${p.detail})` : ''}`)
            .join('\n'),
        });
      }),
    focusSearch: () => send('focusSearch'),
    showTags: () => send('showTags'),
    showArchive: () => send('showArchive'),
    showAudit: () => send('showAudit'),
    toggleLanguage: () => send('toggleLanguage'),
    showHelp: () => send('showHelp'),
    showAbout: () =>
      run(() =>
        dialog.showMessageBox({
          type: 'info',
          title: 'Giới thiệu VanKho',
          message: `VanKho ${app.getVersion()} — Kho văn bản`,
          detail: 'Lưu trữ và tra cứu văn bản của cơ quan Đảng và Nhà nước, hoàn toàn ngoại tuyến.',
        }),
      ),
  };
}

async function start(): Promise<void> {
  hardenSessionAndContents();
  const recentFile = join(app.getPath('userData'), 'recent-archives.json');
  recentStore = new RecentArchives(recentFile);
  host = await startHostWorker({
    host: 'electron',
    dialogs: electronDialogs(() => win),
    samplesDir: defaultSamplesDir(app.isPackaged ? process.resourcesPath : undefined),
    recentFile,
    ...(NATIVE_BINDING ? { nativeBinding: NATIVE_BINDING } : {}),
    // Packaged: the models as extra resources, tesseract.js's worker script unpacked from the asar
    // (a worker thread cannot load it from inside the archive). See electron-builder.yml.
    ...(app.isPackaged
      ? {
          ocrPaths: {
            dataDir: join(process.resourcesPath, 'tessdata'),
            workerPath: join(
              process.resourcesPath,
              'app.asar.unpacked',
              'node_modules',
              'tesseract.js',
              'src',
              'worker-script',
              'node',
              'index.js',
            ),
          },
        }
      : {}),
  });
  const h = host;
  // Reopen the last archive; a failure (moved, locked, too new) leaves the archive screen to the user.
  const recent: RecentArchive[] = await call(h, 'archiveRecent', {});
  const last = recent.find((r) => r.exists && !r.server);
  if (last) await h.op('openDir', last.dir, false).catch(showError);

  // sharedConnect switches this process's window, so it is answered here, not by the host worker.
  const dispatch: Dispatch = (method, input, ctx) =>
    method === 'sharedConnect'
      ? connectFromPage(input).then(
          (value) => ({ ok: true as const, value }),
          (e: unknown) => ({ ok: false as const, error: toAppError(e) }),
        )
      : h.dispatch(method, input, ctx);
  registerIpcHandlers(ipcMain, dispatch);
  handleProtocols(defaultRendererDir, {
    storedFile: (id, page) => h.op('storedFile', { actor: LOCAL_ACTOR }, id, false, page),
    exportFile: (jobId) => h.op('exportFile', { actor: LOCAL_ACTOR }, jobId),
  });
  h.subscribe((event) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuActions(h), process.platform)));
  // The last session was on a shared archive: reconnect with its pin; any refusal says why and stays local.
  const lastShared = recentStore.lastShared();
  const reconnect = lastShared
    ? await probeSharedServer(lastShared.url, { pinned: lastShared.fingerprint }).then(
        (o) => (o.kind === 'ready' ? o.server : null),
        (e: unknown) => {
          showError(e);
          return null;
        },
      )
    : null;
  showWindow(reconnect);
}

if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance focuses its window (second-instance below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped || !host) return;
    event.preventDefault();
    host
      .stop()
      .catch((e: unknown) => console.error('VanKho: shutdown failed', e))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, showError);
}
