// The window: a sidebar (Tìm kiếm / Nhập văn bản / Hồ sơ / Sổ văn bản / Thẻ / Kho lưu trữ) and the main area.
import { useEffect, useRef, type ReactNode } from 'react';
import type { VanKhoApi } from '../../../main/contract/api.js';
import {
  ArchiveIcon,
  CheckIcon,
  DocumentIcon,
  FolderIcon,
  ImportIcon,
  SearchIcon,
  TagIcon,
  TrashIcon,
  UsersIcon,
} from '../components/icons.js';
import { formatCount } from '../components/format.js';
import { ArchiveScreen } from '../features/archive/archive-screen.js';
import { DocumentScreen } from '../features/document/document-screen.js';
import { collectDroppedFiles } from '../features/import/collect-dropped-files.js';
import { ImportScreen } from '../features/import/import-screen.js';
import { RecordScreen } from '../features/records/record-screen.js';
import { RecordsScreen } from '../features/records/records-screen.js';
import { RegistersScreen } from '../features/records/registers-screen.js';
import { ReviewBadge } from '../features/review/review-bar.js';
import { ReviewScreen } from '../features/review/review-screen.js';
import { TrashBadge, TrashScreen } from '../features/trash/trash-screen.js';
import { AuditScreen } from '../features/audit/audit-screen.js';
import { UsersScreen } from '../features/users/users-screen.js';
import { HiddenFileInput, type HiddenFileInputHandle } from '../features/import/hidden-file-input.js';
import { SearchScreen } from '../features/search/search-screen.js';
import { TagsScreen } from '../features/tags/tags-screen.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { ApiProvider } from './api-context.js';
import { AppStateProvider, useAppState, type Route } from './app-state.js';
import { ToastProvider } from './toasts.js';
import { useShortcuts } from './use-shortcuts.js';
import { useMenuCommands } from './use-menu-commands.js';

export function App({ api }: { api: VanKhoApi }) {
  return (
    <ApiProvider api={api}>
      <ToastProvider>
        <AppStateProvider>
          <Shell />
        </AppStateProvider>
      </ToastProvider>
    </ApiProvider>
  );
}

export function StartError({ reason }: { reason: 'noToken' }) {
  const { t } = useI18n();
  return (
    <div className="start-error">
      <h1>VanKho</h1>
      <p>{reason === 'noToken' ? t('error.noToken') : t('error.transport')}</p>
    </div>
  );
}

const NAV: {
  route: Route['name'];
  label: MessageKey;
  icon: ReactNode;
  hint?: MessageKey;
  /** Shown only to callers who may edit (the review queue, import and the trash are their work). */
  edit?: true;
  /** Shown only to an office server's administrators (the accounts are theirs to manage). */
  serverAdmin?: true;
}[] = [
  { route: 'search', label: 'nav.search', icon: <SearchIcon />, hint: 'shortcut.search' },
  { route: 'review', label: 'nav.review', icon: <CheckIcon />, edit: true },
  { route: 'import', label: 'nav.import', icon: <ImportIcon />, hint: 'shortcut.import', edit: true },
  { route: 'records', label: 'nav.records', icon: <FolderIcon /> },
  { route: 'registers', label: 'nav.registers', icon: <DocumentIcon /> },
  { route: 'tags', label: 'nav.tags', icon: <TagIcon /> },
  { route: 'archive', label: 'nav.archive', icon: <ArchiveIcon /> },
  { route: 'trash', label: 'nav.trash', icon: <TrashIcon />, edit: true },
  { route: 'users', label: 'nav.users', icon: <UsersIcon />, serverAdmin: true },
];

function Shell() {
  const { t, lang, setLang } = useI18n();
  const state = useAppState();
  const { route, navigate, archive, appInfo, importJob } = state;
  const fileInput = useRef<HiddenFileInputHandle>(null);

  const openImport = () => {
    navigate({ name: 'import' });
    if (appInfo?.nativeDialogs) void state.importFromDialog(false);
    else fileInput.current?.open();
  };

  useShortcuts({
    focusSearch: (viaFind) => {
      // Ctrl+F inside a document finds in that document; everywhere else both keys mean search.
      if (viaFind && route.name === 'document') {
        document.getElementById('doc-find-input')?.focus();
        return;
      }
      if (route.name !== 'search') navigate({ name: 'search' });
      state.requestSearchFocus();
    },
    importFiles: openImport,
  });
  useMenuCommands({ openImport, toggleLanguage: () => setLang(lang === 'vi' ? 'en' : 'vi') });

  // Files dropped anywhere in the window are imported (and never open in place of the app).
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      if (!state.mayEdit) return;
      const dt = e.dataTransfer;
      navigate({ name: 'import' });
      void collectDroppedFiles(dt).then((files) => state.importFiles(files));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [navigate, state]);

  // With no archive open (web mode started without --archive, first desktop start), start where
  // one can be opened.
  const sentToArchive = useRef(false);
  useEffect(() => {
    if (state.archiveLoaded && !archive && !sentToArchive.current) {
      sentToArchive.current = true;
      navigate({ name: 'archive' }, { replace: true });
    }
  }, [state.archiveLoaded, archive, navigate]);

  const active =
    route.name === 'document'
      ? route.review
        ? 'review'
        : 'search'
      : route.name === 'record'
        ? 'records'
        : route.name === 'audit'
          ? 'archive' // reached from the archive screen's card
          : route.name;
  const serverAdmin = appInfo?.caller.kind === 'account' && appInfo.caller.may.includes('admin');
  const running = importJob && (importJob.phase === 'uploading' || importJob.phase === 'running');

  return (
    <div className="shell">
      <nav className="app-sidebar" aria-label="VanKho">
        <div className="brand">
          <div className="brand-mark" aria-hidden="true">
            VK
          </div>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <ul className="nav-list">
          {NAV.filter((item) => (state.mayEdit || !item.edit) && (serverAdmin || !item.serverAdmin)).map(
            (item) => (
              <li key={item.route}>
                <button
                  className={`nav-item${active === item.route ? ' active' : ''}`}
                  onClick={() => navigate({ name: item.route } as Route)}
                  aria-current={active === item.route ? 'page' : undefined}
                  data-testid={`nav-${item.route}`}
                >
                  {item.icon}
                  <span className="nav-label">{t(item.label)}</span>
                  {item.route === 'review' ? <ReviewBadge /> : null}
                  {item.route === 'trash' ? <TrashBadge /> : null}
                  {item.hint ? <kbd className="nav-hint">{t(item.hint)}</kbd> : null}
                </button>
              </li>
            ),
          )}
        </ul>
        {running ? (
          <button className="app-sidebar-job" onClick={() => navigate({ name: 'import' })}>
            <span>
              {importJob.phase === 'uploading'
                ? `${importJob.uploaded}/${importJob.uploadTotal}`
                : t('import.running', {
                    done: importJob.progress?.done ?? 0,
                    total: importJob.progress?.total ?? '…',
                  })}
            </span>
            <progress
              max={importJob.progress?.total || importJob.uploadTotal || 1}
              value={importJob.progress?.done ?? importJob.uploaded}
            />
          </button>
        ) : null}
        <div className="app-sidebar-footer">
          <div className="archive-badge" title={archive?.dir ?? ''}>
            <div className="archive-badge-name">{archive ? archive.name : t('nav.noArchive')}</div>
            {archive ? (
              <div className="archive-badge-count">
                {t('nav.documents', { count: formatCount(archive.documentCount, lang) })}
              </div>
            ) : null}
          </div>
          <div className="lang-switch" role="group" aria-label={t('nav.language')}>
            <button className={lang === 'vi' ? 'active' : ''} onClick={() => setLang('vi')} lang="vi">
              Tiếng Việt
            </button>
            <button className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')} lang="en">
              English
            </button>
          </div>
        </div>
      </nav>
      <main className="main">
        {route.name === 'search' ? <SearchScreen /> : null}
        {route.name === 'document' ? <DocumentScreen key={route.id} route={route} /> : null}
        {route.name === 'import' ? (
          <ImportScreen onPick={(folders) => fileInput.current?.open(folders)} />
        ) : null}
        {route.name === 'tags' ? <TagsScreen /> : null}
        {route.name === 'review' ? <ReviewScreen /> : null}
        {route.name === 'archive' ? <ArchiveScreen /> : null}
        {route.name === 'trash' ? <TrashScreen /> : null}
        {route.name === 'records' ? <RecordsScreen /> : null}
        {route.name === 'record' ? (
          <RecordScreen key={`${route.code}${route.print ? ':print' : ''}`} route={route} />
        ) : null}
        {route.name === 'registers' ? <RegistersScreen /> : null}
        {route.name === 'audit' ? <AuditScreen /> : null}
        {route.name === 'users' ? <UsersScreen /> : null}
      </main>
      <HiddenFileInput ref={fileInput} onFiles={(files) => void state.importFiles(files)} />
    </div>
  );
}
