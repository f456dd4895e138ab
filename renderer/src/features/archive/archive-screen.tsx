// Archive: the open archive and its numbers, open or create a folder (native picker on the desktop,
// a typed path in web mode), recent archives, the sample documents in one click, and the check.
import { useEffect, useState } from 'react';
import type { CheckReportDto, RecentArchive } from '../../../../main/contract/dto.js';
import type { AppError, Result } from '../../../../main/contract/errors.js';
import type { ArchiveInfo } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { formatBytes, formatCount } from '../../components/format.js';
import { ArchiveIcon, DocumentIcon, FolderIcon, ShieldIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { ReextractControl } from '../review/reextract-control.js';
import { BundleImportCard } from './bundle-import-card.js';
import { ExportCard } from './export-card.js';
import { OcrCard } from './ocr-card.js';

export function ArchiveScreen() {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const { archive, setArchive, appInfo, trackImport, navigate, importJob, bumpData, mayEdit } = useAppState();
  const [recent, setRecent] = useState<RecentArchive[]>([]);
  const [path, setPath] = useState('');
  const [check, setCheck] = useState<CheckReportDto | null>(null);
  const [checking, setChecking] = useState(false);
  const [full, setFull] = useState(false);
  const [serverAddress, setServerAddress] = useState('');
  const [connecting, setConnecting] = useState(false);

  useEffect(() => {
    void api.archiveRecent({}).then((r) => {
      if (!r.ok) return;
      setRecent(r.value);
      // With no archive open, suggest the last archive that still exists (never over typed text).
      const last = r.value.find((x) => x.exists && !x.server);
      if (!archive && last) setPath((typed) => typed || last.dir);
    });
    // Only a change of the open archive (not of its counts) reloads the list.
  }, [api, archive?.dir]);

  const opened = (r: Result<ArchiveInfo>) => {
    if (!r.ok) {
      toast.error(r.error);
      // A relative path: the full path it suggests goes into the field, to check and confirm.
      if (r.error.code === 'PATH_NOT_ABSOLUTE' && r.error.detail) setPath(r.error.detail);
      return;
    }
    setArchive(r.value);
    bumpData();
    toast.success(t('archive.opened', { path: r.value.dir }));
  };

  const openOrCreate = async (purpose: 'open' | 'create') => {
    let dir = path.trim();
    if (appInfo?.nativeDialogs) {
      const picked = await api.archivePickDirectory({ purpose });
      if (!picked.ok) return toast.error(picked.error);
      if (picked.value === null) return;
      dir = picked.value;
    }
    if (!dir) return;
    opened(purpose === 'open' ? await api.archiveOpen({ dir }) : await api.archiveCreate({ dir }));
  };

  // Desktop only: the main process probes the server, asks about a new certificate, and switches the window.
  const connectShared = async (address: string) => {
    setConnecting(true);
    const r = await api.sharedConnect({ address });
    setConnecting(false);
    if (!r.ok) toast.error(r.error);
  };

  // Only the list entry goes (and a shared archive's pinned certificate); the archive stays on its disk.
  const removeRecent = async (entry: RecentArchive) => {
    const question = t(entry.server ? 'archive.recentRemoveSharedConfirm' : 'archive.recentRemoveConfirm', {
      name: entry.dir,
    });
    if (!window.confirm(question)) return;
    const r = await api.archiveRecentRemove({ dir: entry.dir });
    if (!r.ok) return toast.error(r.error);
    setRecent(r.value);
    toast.success(t('archive.recentRemoved', { name: entry.name }));
  };

  const runCheck = async () => {
    setChecking(true);
    const r = await api.archiveCheck({ full });
    setChecking(false);
    if (!r.ok) return toast.error(r.error);
    setCheck(r.value);
    if (r.value.ok) toast.success(t('archive.checkOk'));
    else toast.info(t('archive.checkProblems', { count: r.value.problems.length }));
  };

  const loadSamples = async () => {
    const r = await api.archiveLoadSamples({});
    trackImport(r);
    if (r.ok) navigate({ name: 'import' });
  };

  const running = importJob !== null && (importJob.phase === 'uploading' || importJob.phase === 'running');
  const showError = (e: AppError) => toast.error(e);
  // Why the samples button is disabled, said next to it (a disabled button alone explains nothing).
  const samplesHint = !archive
    ? 'archive.samplesNeedArchive'
    : appInfo?.samplesAvailable === false
      ? 'archive.samplesMissing'
      : null;

  return (
    <div className="screen" data-testid="archive-screen">
      <div className="screen-header">
        <h1>{t('archive.title')}</h1>
      </div>
      <div className="archive-grid">
        <section className="card archive-card">
          <h2>
            <ArchiveIcon /> {t('archive.current')}
          </h2>
          {archive ? (
            <>
              <div className="path-text" data-testid="archive-dir">
                {archive.dir}
              </div>
              <div className="stats">
                <div className="stat">
                  <div className="stat-value">{formatCount(archive.documentCount, lang)}</div>
                  <div className="stat-label">{t('archive.documents')}</div>
                </div>
                <div className="stat">
                  <div className="stat-value">{formatCount(archive.fileCount, lang)}</div>
                  <div className="stat-label">{t('archive.files')}</div>
                </div>
                <div className="stat">
                  <div className="stat-value">{formatCount(archive.tagCount, lang)}</div>
                  <div className="stat-label">{t('archive.tags')}</div>
                </div>
                <div className="stat">
                  <div className="stat-value">{formatBytes(archive.totalBytes, lang)}</div>
                  <div className="stat-label">{t('archive.size')}</div>
                </div>
              </div>
            </>
          ) : (
            <p>{t('nav.noArchive')}</p>
          )}
          {!appInfo?.nativeDialogs ? (
            <>
              {!archive ? (
                <p className="muted" id="archive-path-hint" data-testid="archive-path-hint">
                  {t('archive.noArchiveHint')}
                </p>
              ) : null}
              <input
                className="input"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                placeholder={t('archive.pathPlaceholder')}
                aria-label={t('archive.path')}
                aria-describedby={!archive ? 'archive-path-hint' : undefined}
                data-testid="archive-path"
                style={{ marginBottom: 10 }}
              />
            </>
          ) : null}
          <div className="row">
            <button
              className="btn"
              onClick={() => void openOrCreate('open').catch(showError)}
              disabled={!appInfo?.nativeDialogs && !path.trim()}
            >
              <FolderIcon /> {t('archive.open')}
            </button>
            <button
              className="btn"
              onClick={() => void openOrCreate('create').catch(showError)}
              disabled={!appInfo?.nativeDialogs && !path.trim()}
            >
              {t('archive.create')}
            </button>
          </div>
        </section>

        <section className="card archive-card">
          <h2>
            <DocumentIcon /> {t('archive.samples')}
          </h2>
          <p>{t('archive.samplesBody')}</p>
          <button
            className="btn btn-primary"
            onClick={() => void loadSamples()}
            disabled={!archive || running || appInfo?.samplesAvailable === false}
            aria-describedby={samplesHint ? 'samples-hint' : undefined}
            data-testid="load-samples"
          >
            {t('archive.loadSamples')}
          </button>
          {samplesHint ? (
            <p className="muted" id="samples-hint" data-testid="samples-hint" style={{ marginTop: 8 }}>
              {t(samplesHint)}
            </p>
          ) : null}
        </section>

        <section className="card archive-card">
          <h2>
            <ShieldIcon /> {t('archive.check')}
          </h2>
          <p>{t('archive.checkBody')}</p>
          <div className="row">
            <button
              className="btn"
              onClick={() => void runCheck()}
              disabled={!archive || checking}
              data-testid="archive-check"
            >
              {checking ? t('archive.checking') : t('archive.check')}
            </button>
            <label className="row muted">
              <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
              {t('archive.checkFull')}
            </label>
          </div>
          {check ? (
            <div data-testid="check-result">
              <div className={`status-line ${check.ok ? 'status-ok' : 'status-bad'}`}>
                {check.ok
                  ? t('archive.checkOk')
                  : t('archive.checkProblems', { count: check.problems.length })}
              </div>
              {check.problems.slice(0, 50).map((p, i) => (
                <div key={i} className={`problem problem-${p.severity}`}>
                  {p.message[lang]}
                  {p.detail ? ` — ${p.detail}` : ''}
                </div>
              ))}
            </div>
          ) : null}
        </section>

        <section className="card archive-card" data-testid="audit-card">
          <h2>
            <ShieldIcon /> {t('audit.title')}
          </h2>
          <p>{t('audit.cardBody')}</p>
          <button
            className="btn"
            onClick={() => navigate({ name: 'audit' })}
            disabled={!archive}
            data-testid="open-audit"
          >
            {t('audit.open')}
          </button>
        </section>

        {appInfo?.nativeDialogs ? (
          <section className="card archive-card" data-testid="shared-connect-card">
            <h2>{t('shared.title')}</h2>
            <p>{t('shared.body')}</p>
            <input
              className="input"
              value={serverAddress}
              onChange={(e) => setServerAddress(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && serverAddress.trim()) void connectShared(serverAddress);
              }}
              placeholder="https://kho.ubnd.local:8443/"
              aria-label={t('shared.address')}
              data-testid="shared-address"
            />
            <div className="row">
              <button
                className="btn btn-primary"
                disabled={connecting || !serverAddress.trim()}
                onClick={() => void connectShared(serverAddress)}
                data-testid="shared-connect"
              >
                {connecting ? t('shared.connecting') : t('shared.connect')}
              </button>
            </div>
          </section>
        ) : null}

        <ExportCard />

        <BundleImportCard />

        <OcrCard />

        <section className="card archive-card" data-testid="reextract-card">
          <h2>{t('reextract.title')}</h2>
          <p>{t('reextract.body')}</p>
          {/* Stored citations change only when a document is read again: say how many older rules read. */}
          {archive && mayEdit && archive.readByOlderRules > 0 ? (
            <p className="outcome-warning" role="status" data-testid="reextract-behind">
              {t('reextract.olderRules', { count: archive.readByOlderRules })}
            </p>
          ) : null}
          {archive ? (
            <ReextractControl
              label={t('reextract.all')}
              confirmText={t('reextract.confirmAll')}
              onDone={bumpData}
            />
          ) : null}
        </section>

        <section className="card archive-card">
          <h2>{t('archive.recent')}</h2>
          {recent.length === 0 ? <p>{t('archive.noRecent')}</p> : null}
          {recent.map((r) => (
            <div key={r.dir} className="recent-row" data-testid="recent-entry">
              <button
                className="recent-item"
                // A shared archive is reconnected to by the desktop app (sharedConnect), never opened as a folder.
                disabled={
                  !r.exists || r.dir === archive?.dir || (r.server !== undefined && !appInfo?.nativeDialogs)
                }
                onClick={() =>
                  r.server
                    ? void connectShared(r.server.url)
                    : void api.archiveOpen({ dir: r.dir }).then(opened)
                }
                title={r.dir}
              >
                <FolderIcon />
                <span style={{ flex: 1, minWidth: 0 }}>
                  <div>{r.name}</div>
                  <div className="path-text">{r.dir}</div>
                </span>
              </button>
              <button
                className="btn btn-small recent-remove"
                onClick={() => void removeRecent(r)}
                aria-label={t('archive.recentRemoveLabel', { name: r.name })}
                title={t('archive.recentRemoveLabel', { name: r.name })}
                data-testid="recent-remove"
              >
                {t('archive.recentRemove')}
              </button>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}
